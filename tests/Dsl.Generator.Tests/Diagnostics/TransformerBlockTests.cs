using System;
using System.Linq;
using Dsl.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Tests.Diagnostics;

/// <summary>
/// A transformer encoder declared as a block, as Keras's text-classification example writes it: self-attention,
/// dropout, a residual Add, LayerNormalization, a feed-forward pair of Dense layers on the last axis, another residual
/// and normalisation, on (steps, features) sequences: Dense and LayerNormalization act on the features of every step.
/// </summary>
public class TransformerBlockTests
{
    private const string Block = """
        using Dsl;
        namespace App;

        [Block]
        [Param("heads", typeof(int))]
        [Param("dim", typeof(int))]
        [Param("ff", typeof(int))]
        [MultiHeadAttention("num_heads: $heads, key_dim: $dim, inputs: [input, input]")]
        [Dropout(0.1)]
        [Add("input", "dropout_1")]
        [LayerNorm(Epsilon = 1e-6, Name = "attended")]
        [Dense("$ff", Activation = Activation.ReLU)]
        [Dense("units: features(input)")]
        [Dropout(0.1)]
        [Add("attended", "dropout_2")]
        [LayerNorm(Epsilon = 1e-6)]
        public partial class TransformerEncoder;

        [Input(20, DType = DType.Int64)]
        [Embedding(1000, 32)]
        [PositionEmbedding(20)]
        [Add("embedding_1", "position_embedding_1")]
        [Use(typeof(TransformerEncoder), "heads: 2, dim: 16, ff: 64")]
        [Flatten]
        [Dense(2, Activation = Activation.Softmax)]
        public partial class TextClassifier;
        """;

    [Fact]
    public void A_transformer_encoder_block_has_kerass_parameter_count()
    {
        var run = GeneratorHarness.Run(new[] { Block });
        run.AssertGeneratorHealthy();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        // MHA 2·16·(32 + 32 + 2) + 2·16·(32 + 1) + 2·16·32 + 32 = 4,224; LayerNorms 2 · 64; Dense 32·64 + 64 and 64·32 + 32.
        long encoder = 4224 + 64 + 2112 + 2080 + 64;
        long total = (1000 * 32) + (20 * 32) + encoder + (20 * 32 * 2) + 2;
        Assert.Contains("public const long ParameterCount = " + total + "L;", run.GeneratedSources["App.TextClassifier.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_attention_half_of_the_block_alone()
    {
        // Up to the first normalisation.
        string attentionHalf = Block[..Block.IndexOf("[LayerNorm(Epsilon = 1e-6, Name", StringComparison.Ordinal)] + "public partial class TransformerEncoder;\n"
            + Block[(Block.IndexOf("[Input(20", StringComparison.Ordinal))..];
        var run = GeneratorHarness.Run(new[] { attentionHalf.Replace("[Param(\"ff\", typeof(int))]\n", "", StringComparison.Ordinal).Replace(", ff: 64", "", StringComparison.Ordinal) });
        run.AssertGeneratorHealthy();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        long total = (1000 * 32) + (20 * 32) + 4224 + (20 * 32 * 2) + 2;
        Assert.Contains("public const long ParameterCount = " + total + "L;", run.GeneratedSources["App.TextClassifier.g.cs"], StringComparison.Ordinal);
    }
}
