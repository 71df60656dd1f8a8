using System;
using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers;
using Dsl.Generator.Pipeline;
using Dsl.Generator.Tests.Infrastructure;
using Dsl.Generator.Yaml;
using Microsoft.CodeAnalysis;
using static Dsl.Generator.Tests.Yaml.YamlAssert;

namespace Dsl.Generator.Tests.Yaml;

/// <summary>
/// The attention kinds in YAML, under Keras's names and option names: a twin of an attribute model, inputs in Keras's
/// call order, block parameters in their options, every model check at the layer's entry and wrong values at the value.
/// </summary>
public class AttentionYamlTests
{
    private const string TwinYaml = """
        model: Attended
        namespace: App
        inputs:
          tokens: { features: 12, dtype: int64 }
          context: [7, 6]
        layers:
          - embedding: { input_dim: 50, output_dim: 6, mask_zero: true, from: tokens, name: embedded }
          - position_embedding: 16
          - add: [embedded, position_embedding_1]
          - multi_head_attention: { num_heads: 2, key_dim: 3 }
          - multi_head_attention: { num_heads: 3, key_dim: 2, value_dim: 4, output_shape: 6, use_bias: false, dropout: 0.1, use_causal_mask: true, inputs: [multi_head_attention_1, context] }
          - attention: [multi_head_attention_2, context]
          - attention: { use_scale: true, score_mode: concat, use_causal_mask: true, dropout: 0.2, inputs: [attention_1, context, context] }
          - flatten
        """;

    private const string TwinAttributes = """
        using Dsl;
        namespace App;

        [Input(12, Name = "tokens", DType = DType.Int64)]
        [Input(7, 6, Name = "context")]
        [Embedding(50, 6, MaskZero = true, From = "tokens", Name = "embedded")]
        [PositionEmbedding(16)]
        [Add("embedded", "position_embedding_1")]
        [MultiHeadAttention(2, 3)]
        [MultiHeadAttention(3, 2, ValueDim = 4, OutputShape = 6, UseBias = false, Dropout = 0.1, UseCausalMask = true, Inputs = new[] { "multi_head_attention_1", "context" })]
        [Attention(Inputs = new[] { "multi_head_attention_2", "context" })]
        [Attention(UseScale = true, ScoreMode = ScoreMode.Concat, UseCausalMask = true, Dropout = 0.2, Inputs = new[] { "attention_1", "context", "context" })]
        [Flatten]
        public partial class Attended;
        """;

    [Fact]
    public void A_yaml_model_of_every_attention_kind_and_its_attribute_twin_have_equal_analyses_and_code()
    {
        var yamlRun = Run(TwinYaml.Replace("model: Attended", "model: AttendedYaml", StringComparison.Ordinal));
        Assert.Empty(yamlRun.GeneratorDiagnostics);
        Assert.Empty(yamlRun.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var fromYaml = yamlRun.StepOutputs(TrackingNames.YamlOutcomes).Select(o => ((YamlModel)o.Value).Generated!).Single();

        var attributeRun = GeneratorHarness.Run(new[] { TwinAttributes });
        attributeRun.AssertGeneratorHealthy();
        Assert.Empty(attributeRun.GeneratorDiagnostics);
        var fromAttributes = attributeRun.StepOutputs(TrackingNames.Analysis).Select(o => ((ModelOutcome)o.Value).Analysis!).Single();

        Assert.Equal(fromAttributes.Layers.Select(Describe), fromYaml.Layers.Select(Describe));
        Assert.Equal(SummaryWriter.Write(fromAttributes, expand: false).Replace("Attended", "AttendedYaml", StringComparison.Ordinal), SummaryWriter.Write(fromYaml, expand: false));
        Assert.Equal(new[] { "multi_head_attention_1", "context" }, fromYaml.Layers.Single(l => l.Name == "multi_head_attention_2").Inputs);
        Assert.Equal(new[] { "add_1" }, fromYaml.Layers.Single(l => l.Name == "multi_head_attention_1").Inputs);
        Assert.Equal(new[] { "attention_1", "context", "context" }, fromYaml.Layers.Single(l => l.Name == "attention_2").Inputs);
        // 50·6 + 16·6 + 2·3·(6 + 6 + 2) + 2·3·(6 + 1) + 2·3·6 + 6 + 3·2·(6 + 6) + 3·4·6 + 3·4·6 + 2.
        Assert.Equal(300 + 96 + 84 + 42 + 36 + 6 + 72 + 72 + 72 + 2, fromYaml.Parameters);
    }

    [Fact]
    public void Block_parameters_set_heads_sizes_and_flags()
    {
        const string Block = """
            block: Encoder
            namespace: App
            parameters: { heads: int, dim: 4, causal: false }
            layers:
              - multi_head_attention: { num_heads: $heads, key_dim: $dim, value_dim: $dim * 2, use_causal_mask: $causal, inputs: [input, input] }
              - add: [input, multi_head_attention_1]
            """;
        const string Model = """
            model: Net
            namespace: App
            input: [10, 8]
            layers:
              - Encoder: { heads: 2, causal: true }
              - Encoder: { heads: 4, dim: 2 }
              - flatten
            """;
        var run = GeneratorHarness.Run(additionalTexts: new[] { GeneratorHarness.Yaml("Encoder.block.yaml", Block), GeneratorHarness.Yaml("Net.model.yaml", Model) });
        run.AssertGeneratorHealthy();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        string code = string.Join("\n", run.GeneratedSources.Values);
        Assert.Contains("global::Dsl.Modules.MultiHeadAttention(", code, StringComparison.Ordinal);
        // 2·4·(8 + 8 + 2) + 2·8·(8 + 1) + 2·8·8 + 8 = 424 and 4·2·18 + 4·4·9 + 4·4·8 + 8 = 424.
        Assert.Contains("public const long ParameterCount = 848L;", code, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("input: [3, 8, 8]", "  - multi_head_attention: { num_heads: 2, key_dim: 4 }", "DSL026", "needs a sequence (steps, features) as its query, but receives the image shape (3, 8, 8)")]
    [InlineData("input: [16]", "  - attention", "DSL026", "but receives the flat shape (16)")]
    [InlineData("input: [5, 4]", "  - multi_head_attention: { num_heads: 0, key_dim: 4 }", "DSL007", "NumHeads of 'multi_head_attention_1' must be at least 1, but is 0")]
    [InlineData("input: [5, 4]", "  - multi_head_attention: { num_heads: 2, key_dim: 0 }", "DSL007", "KeyDim of 'multi_head_attention_1' must be at least 1, but is 0")]
    [InlineData("input: [5, 4]", "  - attention: [input]", "DSL066", "'attention_1' (Attention) takes [query, value] or [query, value, key], but Inputs names only the query ('input'), and no value")]
    [InlineData("input: [5, 4]", "  - multi_head_attention: { num_heads: 1, key_dim: 1, inputs: [input, input], from: input }", "DSL066", "given both Inputs")]
    [InlineData("input: [5, 4]", "  - attention: { dropout: 1.5 }", "DSL006", "'attention_1' has rate 1.5")]
    [InlineData("input: [5, 4]", "  - embedding: { input_dim: 10, output_dim: 3 }", "DSL068", "needs integer token ids (int64 or int32), but the input holds float32 values; declare the ids as an integer input, [Input(5, 4, DType = DType.Int64)] (in YAML, dtype: int64)")]
    [InlineData("input: { features: 6, dtype: int64 }", "  - embedding: { input_dim: 0, output_dim: 3 }", "DSL007", "InputDim of 'embedding_1' must be at least 1, but is 0")]
    [InlineData("input: { features: 6, dtype: int64 }", "  - embedding: { input_dim: 10, output_dim: -2 }", "DSL007", "OutputDim of 'embedding_1' must be at least 1, but is -2")]
    [InlineData("input: [9, 4]", "  - position_embedding: 8", "DSL070", "has 8 positions (sequence_length), but its input the input has 9 steps")]
    public void Model_checks_of_the_attention_kinds_are_reported_at_the_layer_entry(string input, string layer, string id, string fragment)
    {
        string yaml = "model: Net\n" + input + "\nlayers:\n" + layer + "\n";
        var message = Error(yaml, id, 4, 5, layer.Substring(4));
        Assert.Contains(fragment, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  - multi_head_attention: { num_heads: 2, key_dim: 4, inputs: [q, v, k] }", "DSL067", "needs a key and a value of one length, one key step per value step, but the key 'k' has 6 steps and the value 'v' has 7")]
    [InlineData("  - attention: [q, v]", "DSL069", "needs a query and a key of the same features for dot scores")]
    public void Checks_of_several_inputs_are_reported_at_the_layer_entry(string layer, string id, string fragment)
    {
        string yaml = "model: Net\ninputs: { q: [5, 4], v: [7, 3], k: [6, 3] }\nlayers:\n" + layer + "\n";
        var message = Error(yaml, id, 4, 5, layer.Substring(4));
        Assert.Contains(fragment, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("attention: { score_mode: dott }", "dott", "but is 'dott' (did you mean 'dot'?)")]
    [InlineData("attention: { use_scale: maybe }", "maybe", "true or false")]
    [InlineData("multi_head_attention: { num_heads: 2.5, key_dim: 4 }", "2.5", "an integer")]
    [InlineData("multi_head_attention: { num_heads: 2, key_dim: 4, dropout: high }", "high", "a number")]
    public void Wrong_values_of_the_attention_kinds_are_reported_at_the_value(string layer, string value, string expected)
    {
        string yaml = "model: Net\ninput: [5, 4]\nlayers:\n  - " + layer + "\n";
        int column = yaml.Split('\n')[3].IndexOf(value, 6, StringComparison.Ordinal) + 1;
        var message = Error(yaml, "DSL104", 4, column, value);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("multi_head_attention: { num_heads: 2 }", "key_dim")]
    [InlineData("embedding: { input_dim: 10 }", "output_dim")]
    [InlineData("position_embedding", "sequence_length")]
    public void An_attention_kind_without_a_required_value_is_reported_at_the_kind(string layer, string key)
    {
        string yaml = "model: Net\ninput: [5, 4]\nlayers:\n  - " + layer + "\n";
        string kind = layer.Split(':')[0];
        var message = Error(yaml, "DSL105", 4, 5, kind);
        Assert.Equal("Layer 1 (" + kind + ") is missing the required key '" + key + "'", message);
    }

    [Fact]
    public void The_kinds_are_yaml_keys_under_kerass_names_with_kerass_option_names()
    {
        Assert.Equal(new[] { "input_dim", "output_dim", "mask_zero", "name", "from" }, YamlSection.For(LayerRegistry.FindYaml("embedding")!).Keys);
        Assert.Equal(new[] { "num_heads", "key_dim", "value_dim", "use_bias", "output_shape", "dropout", "use_causal_mask", "inputs", "name", "from" },
            YamlSection.For(LayerRegistry.FindYaml("multi_head_attention")!).Keys);
        Assert.Equal(new[] { "use_scale", "score_mode", "dropout", "use_causal_mask", "inputs", "name", "from" }, YamlSection.For(LayerRegistry.FindYaml("attention")!).Keys);
        Assert.Equal(new[] { "sequence_length", "name", "from" }, YamlSection.For(LayerRegistry.FindYaml("position_embedding")!).Keys);
        const string Yaml = "model: Net\ninput: [5, 4]\nlayers:\n  - MultiHeadAttention\n";
        var message = Error(Yaml, "DSL102", 4, 5, "MultiHeadAttention");
        Assert.Contains("did you mean 'multi_head_attention'?", message, StringComparison.Ordinal);
    }

    private static string Describe(LayerPlan l)
    {
        var kind = LayerRegistry.Get(l.Spec.Kind);
        var inputs = l.Inputs.Select((_, i) => "x" + i).ToArray();
        return l.Name + " " + l.TypeName + " " + string.Join("|", l.InputShapes.Select(s => string.Join("x", s))) + "->" + string.Join("x", l.OutputShape)
            + " p" + l.Parameters + "/" + l.TrainableParameters + " m" + l.MultAdds + " " + kind.Field(l) + " " + kind.Forward(l, inputs) + " " + string.Join(",", l.Inputs);
    }
}
