using System;
using System.Linq;
using Dsl.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Tests.Diagnostics;

/// <summary>
/// The attention kinds (Embedding, MultiHeadAttention, Attention, PositionEmbedding) in the attribute form: the modules
/// and calls they become with Keras's defaults, Keras's parameter counts and shapes in the summary, the inputs in Keras's
/// call order, and every error on its attribute, saying what rank or type the layer needs and what it got.
/// </summary>
public class AttentionDiagnosticsTests
{
    private const string Usings = "using Dsl;\nnamespace App;\n";

    private static string Generate(string declaration)
    {
        var run = GeneratorHarness.Run(new[] { Usings + declaration + "\npublic partial class Attended;\n" });
        run.AssertGeneratorHealthy();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        return run.GeneratedSources["App.Attended.g.cs"];
    }

    [Theory]
    [InlineData("[Input(10, DType = DType.Int64)]\n[Embedding(100, 8)]", "new global::Dsl.Modules.Embedding(100L, 8L, false)", "x = embedding_1.call(x);")]
    [InlineData("[Input(10, DType = DType.Int32)]\n[Embedding(\"input_dim: 5, output_dim: 2, mask_zero: true\")]", "new global::Dsl.Modules.Embedding(5L, 2L, true)", "KerasInitializers.Uniform(embedding_1.embeddings, -0.05, 0.05);")]
    [InlineData("[Input(6, 4)]\n[MultiHeadAttention(2, 8)]", "new global::Dsl.Modules.MultiHeadAttention(4L, 4L, 4L, 2L, 8L, 8L, 4L, true, 0.0, false)", "x = multi_head_attention_1.call(x, x);")]
    [InlineData("[Input(6, 4, Name = \"q\")]\n[Input(5, 3, Name = \"v\")]\n[Input(5, 2, Name = \"k\")]\n[MultiHeadAttention(3, 2, ValueDim = 4, OutputShape = 7, UseBias = false, Dropout = 0.25, UseCausalMask = true, Inputs = new[] { \"q\", \"v\", \"k\" })]",
        "new global::Dsl.Modules.MultiHeadAttention(4L, 3L, 2L, 3L, 2L, 4L, 7L, false, 0.25, true)", ".forward(q, v, k)")]
    [InlineData("[Input(6, 4)]\n[Attention]", "new global::Dsl.Modules.Attention(false, global::Dsl.ScoreMode.Dot, 0.0, false)", "x = attention_1.call(x, x);")]
    [InlineData("[Input(6, 4, Name = \"q\")]\n[Input(3, 4, Name = \"v\")]\n[Attention(\"[q, v]\")]", "new global::Dsl.Modules.Attention(false, ", "attention_1.call(q, v)")]
    [InlineData("[Input(6, 4)]\n[Attention(UseScale = true, ScoreMode = ScoreMode.Concat, Dropout = 0.1, UseCausalMask = true)]", "new global::Dsl.Modules.Attention(true, global::Dsl.ScoreMode.Concat, 0.1, true)", "attention_1.call(x, x)")]
    [InlineData("[Input(6, 4)]\n[PositionEmbedding(9)]", "new global::Dsl.Modules.PositionEmbedding(9L, 4L)", "KerasInitializers.GlorotUniform(position_embedding_1.embeddings);")]
    public void Each_kind_becomes_its_runtime_module_with_kerass_defaults(string declaration, string construction, string call)
    {
        string source = Generate(declaration);
        Assert.Contains(construction, source, StringComparison.Ordinal);
        Assert.Contains(call, source, StringComparison.Ordinal);
    }

    [Fact]
    public void Multi_head_attention_initialises_each_projection_with_kerass_einsum_fans()
    {
        string source = Generate("[Input(6, 4, Name = \"q\")]\n[Input(5, 3, Name = \"v\")]\n[MultiHeadAttention(2, 5, ValueDim = 7, OutputShape = 6, Inputs = new[] { \"q\", \"v\" }, Name = \"mha\")]");
        // (D, H, K): fan_in H·D, fan_out K·D; (H, V, O): fan_in V·H, fan_out O·H.
        Assert.Contains("GlorotUniform(mha.query.kernel, 8L, 20L);", source, StringComparison.Ordinal);
        Assert.Contains("GlorotUniform(mha.key.kernel, 6L, 15L);", source, StringComparison.Ordinal);
        Assert.Contains("GlorotUniform(mha.value.kernel, 6L, 21L);", source, StringComparison.Ordinal);
        Assert.Contains("GlorotUniform(mha.attention_output.kernel, 14L, 12L);", source, StringComparison.Ordinal);
        Assert.Contains("Zeros(mha.attention_output.bias);", source, StringComparison.Ordinal);
    }

    [Fact]
    public void The_summary_shows_kerass_names_shapes_and_parameter_counts()
    {
        var run = GeneratorHarness.Run(new[] { Usings + """
            [Input(12, DType = DType.Int64)]
            [Embedding(1000, 16, MaskZero = true)]
            [PositionEmbedding(20)]
            [Add("embedding_1", "position_embedding_1")]
            [MultiHeadAttention(4, 8)]
            [MultiHeadAttention(2, 3, ValueDim = 5, OutputShape = 16, UseBias = false, Inputs = new[] { "multi_head_attention_1", "add_1" })]
            [Attention(UseScale = true, ScoreMode = ScoreMode.Concat, Inputs = new[] { "multi_head_attention_2", "add_1", "add_1" })]
            [ExpectParameters(16000 + 320 + 2160 + 512 + 2)]
            public partial class Transformer;
            """ });
        run.AssertGeneratorHealthy();
        Assert.Empty(run.GeneratorDiagnostics);
        string source = run.GeneratedSources["App.Transformer.g.cs"];
        // 4·8·(16 + 16 + 2) + 4·8·(16 + 1) + 4·8·16 + 16 = 2,160; without biases 2·3·(16 + 16) + 2·5·16 + 2·5·16 = 512.
        foreach (var (name, type, shape, parameters) in new[]
        {
            ("embedding_1", "Embedding", "(None, 12, 16)", "16000"),
            ("position_embedding_1", "PositionEmbedding", "(None, 12, 16)", "320"),
            ("multi_head_attention_1", "MultiHeadAttention", "(None, 12, 16)", "2160"),
            ("multi_head_attention_2", "MultiHeadAttention", "(None, 12, 16)", "512"),
            ("attention_1", "Attention", "(None, 12, 16)", "2"),
        })
        {
            Assert.Matches(System.Text.RegularExpressions.Regex.Escape(name + " (" + type + ")") + " +" + System.Text.RegularExpressions.Regex.Escape(shape) + " +" + parameters + " ", source);
        }
    }

    [Theory]
    [InlineData("[Input(3, 8, 8)]", "[MultiHeadAttention(2, 4)]", "'multi_head_attention_1' (MultiHeadAttention) needs a sequence (steps, features) as its query, but receives the image shape (3, 8, 8) from the input")]
    [InlineData("[Input(16)]", "[MultiHeadAttention(2, 4)]", "needs a sequence (steps, features) as its query, but receives the flat shape (16) from the input")]
    [InlineData("[Input(16)]", "[Attention]", "'attention_1' (Attention) needs a sequence (steps, features) as its query, but receives the flat shape (16)")]
    [InlineData("[Input(3, 8, 8)]", "[PositionEmbedding(10)]", "'position_embedding_1' (PositionEmbedding) needs a sequence input (steps, features), but receives the image shape (3, 8, 8)")]
    public void DSL026_attention_on_an_image_or_a_flat_input_says_it_needs_a_sequence(string input, string layer, string fragment)
    {
        DiagnosticAssert.Single(Usings + input + "\n" + layer + "\npublic partial class WrongRank;\n", "DSL026", layer, fragment);
    }

    [Fact]
    public void DSL026_a_value_of_the_wrong_rank_is_named()
    {
        const string Layer = "[MultiHeadAttention(2, 4, Inputs = new[] { \"q\", \"v\" })]";
        DiagnosticAssert.Single(Usings + "[Input(5, 4, Name = \"q\")]\n[Input(8, Name = \"v\")]\n" + Layer + "\npublic partial class FlatValue;\n", "DSL026", Layer,
            "needs a sequence (steps, features) as its value, but receives the flat shape (8) from 'v'");
    }

    [Theory]
    [InlineData("[MultiHeadAttention(2, 4, Inputs = new[] { \"input\" })]", "Inputs names only the query ('input'), and no value; for self-attention name it twice (inputs: [input, input])")]
    [InlineData("[Attention(Inputs = new[] { \"input\" })]", "'attention_1' (Attention) takes [query, value] or [query, value, key], but Inputs names only the query")]
    [InlineData("[Attention(Inputs = new[] { \"input\", \"input\", \"input\", \"input\" })]", "but Inputs names 4 layers ('input', 'input', 'input', 'input')")]
    [InlineData("[MultiHeadAttention(2, 4, Inputs = new[] { \"input\", \"input\" }, From = \"input\")]", "it is given both Inputs ('input', 'input') and From ('input')")]
    public void DSL066_attention_without_its_value_input(string layer, string fragment)
    {
        DiagnosticAssert.Single(Usings + "[Input(5, 4)]\n" + layer + "\npublic partial class NoValue;\n", "DSL066", layer, fragment);
    }

    [Theory]
    [InlineData("[MultiHeadAttention(0, 4)]", "NumHeads", "NumHeads of 'multi_head_attention_1' must be at least 1, but is 0")]
    [InlineData("[MultiHeadAttention(2, 0)]", "KeyDim", "KeyDim of 'multi_head_attention_1' must be at least 1, but is 0")]
    [InlineData("[MultiHeadAttention(2, 4, ValueDim = -1)]", "ValueDim", "ValueDim of 'multi_head_attention_1' must be at least 1, but is -1")]
    [InlineData("[MultiHeadAttention(2, 4, OutputShape = 0)]", "OutputShape", "OutputShape of 'multi_head_attention_1' must be at least 1")]
    public void DSL007_key_dim_and_num_heads_below_one(string layer, string option, string fragment)
    {
        DiagnosticAssert.Single(Usings + "[Input(5, 4)]\n" + layer + "\npublic partial class BadHeads;\n", "DSL007", layer, fragment);
        Assert.Contains(option, fragment, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Embedding(0, 4)]", "InputDim of 'embedding_1' must be at least 1, but is 0")]
    [InlineData("[Embedding(10, 0)]", "OutputDim of 'embedding_1' must be at least 1, but is 0")]
    [InlineData("[PositionEmbedding(0)]", "SequenceLength of 'position_embedding_1' must be at least 1")]
    public void DSL007_embedding_sizes_below_one(string layer, string fragment)
    {
        string input = layer.StartsWith("[Embedding", StringComparison.Ordinal) ? "[Input(6, DType = DType.Int64)]" : "[Input(6, 4)]";
        DiagnosticAssert.Single(Usings + input + "\n" + layer + "\npublic partial class BadSize;\n", "DSL007", layer, fragment);
    }

    [Theory]
    [InlineData("[MultiHeadAttention(2, 4, Dropout = 1.0)]", "'multi_head_attention_1' has rate 1")]
    [InlineData("[Attention(Dropout = -0.1)]", "'attention_1' has rate -0.1")]
    public void DSL006_attention_dropout_out_of_range(string layer, string fragment)
    {
        DiagnosticAssert.Single(Usings + "[Input(5, 4)]\n" + layer + "\npublic partial class BadRate;\n", "DSL006", layer, fragment);
    }

    [Theory]
    [InlineData("[MultiHeadAttention(2, 4, Inputs = new[] { \"q\", \"v\", \"k\" })]", "'multi_head_attention_1' (MultiHeadAttention) needs a key and a value of one length, one key step per value step, but the key 'k' has 6 steps and the value 'v' has 7")]
    [InlineData("[Attention(Inputs = new[] { \"q\", \"v\", \"k\" })]", "'attention_1' (Attention) needs a key and a value of one length")]
    public void DSL067_key_and_value_of_different_lengths(string layer, string fragment)
    {
        string source = Usings + "[Input(5, 4, Name = \"q\")]\n[Input(7, 4, Name = \"v\")]\n[Input(6, 4, Name = \"k\")]\n" + layer + "\npublic partial class Lengths;\n";
        DiagnosticAssert.Single(source, "DSL067", layer, fragment);
    }

    [Fact]
    public void Query_value_and_key_of_different_lengths_and_features_are_what_Keras_takes()
    {
        string source = Generate("[Input(5, 4, Name = \"q\")]\n[Input(7, 3, Name = \"v\")]\n[Input(7, 9, Name = \"k\")]\n[MultiHeadAttention(2, 4, Inputs = new[] { \"q\", \"v\", \"k\" })]\n[Flatten]");
        Assert.Contains("multi_head_attention_1 (MultiHeadAttention)", source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Input(10)]", "[Embedding(50, 4)]", "'embedding_1' (Embedding) needs integer token ids (int64 or int32), but the input holds float32 values; declare the ids as an integer input, [Input(10, DType = DType.Int64)] (in YAML, dtype: int64)")]
    [InlineData("[Input(3, 5)]", "[Embedding(50, 4)]", "[Input(3, 5, DType = DType.Int64)]")]
    public void DSL068_an_embedding_on_floats_says_how_to_declare_token_ids(string input, string layer, string fragment)
    {
        DiagnosticAssert.Single(Usings + input + "\n" + layer + "\npublic partial class FloatIds;\n", "DSL068", layer, fragment);
    }

    [Fact]
    public void DSL050_attention_on_token_ids_asks_for_an_embedding_first()
    {
        const string Layer = "[MultiHeadAttention(2, 4)]";
        DiagnosticAssert.Single(Usings + "[Input(5, 4, DType = DType.Int64)]\n" + Layer + "\npublic partial class IntAttention;\n", "DSL050", Layer, "needs floating-point values");
    }

    [Theory]
    [InlineData("[Attention(Inputs = new[] { \"q\", \"v\" })]", "'attention_1' (Attention) needs a query and a key of the same features for dot scores (a query-key dot product, as Keras multiplies them), but the query 'q' has 4 features and the key 'v' has 3")]
    [InlineData("[Attention(ScoreMode = ScoreMode.Concat, Inputs = new[] { \"q\", \"v\" })]", "whose features broadcast for concat scores")]
    public void DSL069_query_and_key_features_that_Keras_refuses(string layer, string fragment)
    {
        string source = Usings + "[Input(5, 4, Name = \"q\")]\n[Input(7, 3, Name = \"v\")]\n" + layer + "\npublic partial class Features;\n";
        DiagnosticAssert.Single(source, "DSL069", layer, fragment);
    }

    [Fact]
    public void DSL070_a_sequence_longer_than_the_position_embedding()
    {
        const string Layer = "[PositionEmbedding(8)]";
        DiagnosticAssert.Single(Usings + "[Input(9, 4)]\n" + Layer + "\npublic partial class TooLong;\n", "DSL070", Layer,
            "'position_embedding_1' (PositionEmbedding) has 8 positions (sequence_length), but its input the input has 9 steps; give it a sequence_length of at least 9");
    }
}
