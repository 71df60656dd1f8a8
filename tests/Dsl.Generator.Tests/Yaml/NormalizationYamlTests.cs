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
/// Normalization, Permute, RepeatVector, per-channel Rescaling and broadcasting merges in YAML, under Keras's names and
/// option names: a twin of an attribute model, Keras's <c>axis=None</c> written as null or [], block parameters in the
/// options, and every model check at the layer's entry (DSL021, DSL071–DSL075).
/// </summary>
public class NormalizationYamlTests
{
    private const string TwinYaml = """
        model: Normalized
        namespace: App
        inputs: { image: [3, 8, 6], gate: [3, 1, 1], vector: [3] }
        layers:
          - rescaling: { scale: [0.5, 1, 2], from: image }
          - normalization
          - normalization: { axis: [1, 2], name: per_pixel }
          - normalization: { axis: null, name: overall }
          - normalization: { axis: [], name: overall_again }
          - normalization: { mean: [0.5, 1, 2], variance: [4, 4, 4], invert: true, name: constant }
          - multiply: { inputs: [constant, gate], name: gated }
          - add: [gated, vector]
          - permute: [2, 1, 3]
          - global_average_pooling2d
          - repeat_vector: 4
          - permute: { dims: [2, 1] }
          - flatten
          - dense: 2
        """;

    private const string TwinAttributes = """
        using Dsl;
        namespace App;

        [Input(3, 8, 6, Name = "image")]
        [Input(3, 1, 1, Name = "gate")]
        [Input(3, Name = "vector")]
        [Rescaling(0.5, 1, 2, From = "image")]
        [Normalization]
        [Normalization(Axis = new[] { 1, 2 }, Name = "per_pixel")]
        [Normalization(Axis = new int[0], Name = "overall")]
        [Normalization("axis: []", Name = "overall_again")]
        [Normalization(Mean = new[] { 0.5, 1, 2 }, Variance = new[] { 4.0, 4, 4 }, Invert = true, Name = "constant")]
        [Multiply("constant", "gate", Name = "gated")]
        [Add("gated", "vector")]
        [Permute(2, 1, 3)]
        [GlobalAvgPool2D]
        [RepeatVector(4)]
        [Permute(2, 1)]
        [Flatten]
        [Dense(2)]
        public partial class Normalized;
        """;

    [Fact]
    public void A_yaml_model_of_the_new_kinds_and_its_attribute_twin_have_equal_analyses_and_code()
    {
        var yamlRun = Run(TwinYaml.Replace("model: Normalized", "model: NormalizedYaml", StringComparison.Ordinal));
        Assert.Empty(yamlRun.GeneratorDiagnostics);
        Assert.Empty(yamlRun.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var fromYaml = yamlRun.StepOutputs(TrackingNames.YamlOutcomes).Select(o => ((YamlModel)o.Value).Generated!).Single();

        var attributeRun = GeneratorHarness.Run(new[] { TwinAttributes });
        attributeRun.AssertGeneratorHealthy();
        Assert.Empty(attributeRun.GeneratorDiagnostics);
        var fromAttributes = attributeRun.StepOutputs(TrackingNames.Analysis).Select(o => ((ModelOutcome)o.Value).Analysis!).Single();

        Assert.Equal(fromAttributes.Layers.Select(Describe), fromYaml.Layers.Select(Describe));
        Assert.Equal(SummaryWriter.Write(fromAttributes, expand: false).Replace("Normalized", "NormalizedYaml", StringComparison.Ordinal), SummaryWriter.Write(fromYaml, expand: false));
        // 2·3 + 1, 2·48 + 1, 3, 3, none for the constants; then the dense layer on (3, 4) flattened.
        Assert.Equal(7 + 97 + 3 + 3 + (12 * 2) + 2, fromYaml.Parameters);
        Assert.Equal(26, fromYaml.TrainableParameters);
        Assert.Equal(new[] { "3x6x8", "3", "4x3", "3x4" }, fromYaml.Layers.Skip(8).Take(4).Select(l => string.Join("x", l.OutputShape)));
    }

    [Fact]
    public void Block_parameters_set_the_options()
    {
        const string Block = """
            block: Gate
            namespace: App
            parameters: { steps: int, scale: float }
            layers:
              - normalization: { mean: $scale, variance: [$scale * 2] }
              - global_average_pooling2d: { keepdims: true, name: squeeze }
              - multiply: [input, squeeze]
              - global_average_pooling2d
              - repeat_vector: $steps
              - permute: { dims: [2, 1] }
            """;
        const string Model = """
            model: Net
            namespace: App
            input: [2, 4, 4]
            layers:
              - Gate: { steps: 5, scale: 0.5 }
              - flatten
              - dense: 2
            """;
        var run = GeneratorHarness.Run(additionalTexts: new[] { GeneratorHarness.Yaml("Gate.block.yaml", Block), GeneratorHarness.Yaml("Net.model.yaml", Model) });
        run.AssertGeneratorHealthy();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        string code = string.Join("\n", run.GeneratedSources.Values);
        Assert.Contains("new double[] { 0.5 }, new double[] { 1.0 }", code, StringComparison.Ordinal);
        Assert.Contains(".repeat(1L, 5L, 1L)", code, StringComparison.Ordinal);
        Assert.Contains("public const long ParameterCount = 22L;", code, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  - normalization: { axis: 0 }", "DSL071", "'normalization_1' (Normalization) has axis (0): axis 0 is the batch")]
    [InlineData("  - normalization: { axis: [1, 5] }", "DSL071", "there is no axis 5")]
    [InlineData("  - normalization: { mean: 1 }", "DSL072", "gives a mean but not a variance")]
    [InlineData("  - normalization: { mean: [1, 2], variance: [1, 2] }", "DSL073", "2 mean and 2 variance values, but its kept axes hold 3 positions")]
    [InlineData("  - normalization: { mean: 0, variance: -2 }", "DSL007", "Variance of 'normalization_1' must be finite numbers of at least 0")]
    [InlineData("  - permute: [3, 1, 1]", "DSL074", "dims (3, 1, 1), which is not a permutation of 1 to 3")]
    [InlineData("  - repeat_vector: 2", "DSL075", "receives the image shape (3, 8, 8) from the input")]
    [InlineData("  - rescaling: [1, 2]", "DSL007", "Scale of 'rescaling_1' must be one value or 3")]
    public void Model_checks_of_the_new_kinds_are_reported_at_the_layer_entry(string layer, string id, string fragment)
    {
        string yaml = "model: Net\ninput: [3, 8, 8]\nlayers:\n" + layer + "\n";
        var message = Error(yaml, id, 4, 5, layer.Substring(4));
        Assert.Contains(fragment, message, StringComparison.Ordinal);
    }

    [Fact]
    public void DSL021_shapes_that_do_not_broadcast_are_reported_at_the_merge_with_both_shapes()
    {
        const string Yaml = "model: Net\ninputs: { a: [8, 6, 5], b: [6] }\nlayers:\n  - multiply: [a, b]\n";
        var message = Error(Yaml, "DSL021", 4, 5, "multiply: [a, b]");
        Assert.Contains("'a' (8, 6, 5), 'b' (6)", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("normalization: { axis: [1, oops] }", "oops", "an integer")]
    [InlineData("normalization: { mean: [1, big], variance: [1, 2] }", "big", "must be a number")]
    [InlineData("normalization: { invert: maybe }", "maybe", "true or false")]
    [InlineData("repeat_vector: 1.5", "1.5", "an integer")]
    public void Wrong_values_are_reported_at_the_value(string layer, string value, string expected)
    {
        string yaml = "model: Net\ninput: [3]\nlayers:\n  - " + layer + "\n";
        int column = yaml.Split('\n')[3].IndexOf(value, StringComparison.Ordinal) + 1;
        var message = Error(yaml, "DSL104", 4, column, value);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("permute", "dims")]
    [InlineData("repeat_vector", "n")]
    public void A_kind_without_its_required_value_is_reported_at_the_kind(string kind, string key)
    {
        string yaml = "model: Net\ninput: [3]\nlayers:\n  - " + kind + "\n";
        var message = Error(yaml, "DSL105", 4, 5, kind);
        Assert.Equal("Layer 1 (" + kind + ") is missing the required key '" + key + "'", message);
    }

    [Fact]
    public void The_kinds_are_yaml_keys_under_kerass_names_with_kerass_option_names()
    {
        Assert.Equal(new[] { "axis", "mean", "variance", "invert", "name", "from" }, YamlSection.For(LayerRegistry.FindYaml("normalization")!).Keys);
        Assert.Equal(new[] { "dims", "name", "from" }, YamlSection.For(LayerRegistry.FindYaml("permute")!).Keys);
        Assert.Equal(new[] { "n", "name", "from" }, YamlSection.For(LayerRegistry.FindYaml("repeat_vector")!).Keys);
        var message = Error("model: Net\ninput: [3]\nlayers:\n  - repeatvector: 2\n", "DSL102", 4, 5, "repeatvector");
        Assert.Contains("did you mean 'repeat_vector'?", message, StringComparison.Ordinal);
    }

    private static string Describe(LayerPlan l)
    {
        var kind = LayerRegistry.Get(l.Spec.Kind);
        return l.Name + " " + l.TypeName + " " + string.Join("x", l.InputShape) + "->" + string.Join("x", l.OutputShape)
            + " p" + l.Parameters + "/" + l.TrainableParameters + " m" + l.MultAdds + " " + kind.Field(l) + " " + kind.Forward(l, new[] { "x", "y" });
    }
}
