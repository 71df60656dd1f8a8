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
/// The shaping kinds in YAML: every value form (a bare main option, a mapping, Keras's pairs), every option's range
/// error and rank error at the layer's entry, wrong values at the value, and a twin of an attribute model.
/// </summary>
public class ShapingYamlTests
{
    private const string TwinYaml = """
        model: Shaper
        namespace: App
        input: [3, 9, 11]
        layers:
          - rescaling: 0.00392156862745098
          - rescaling: { scale: 2.0, offset: -1.0 }
          - zero_padding2d
          - zero_padding2d: [1, 2]
          - zero_padding2d: [[1, 0], [2, 1]]
          - cropping2d: 1
          - cropping2d: { cropping: [2, 1] }
          - cropping2d: [1, 0, 2, 1]
          - up_sampling2d
          - up_sampling2d: { size: [2, 3], interpolation: bilinear }
          - conv2d: { filters: 4, kernel_size: 3 }
          - layer_normalization: { name: norm }
          - spatial_dropout2d: { rate: 0.3, from: norm }
          - activation: relu
          - reshape: [4, -1]
          - layer_normalization: { epsilon: 1.0e-5 }
          - reshape: [4, 26, -1]
          - global_max_pooling2d
          - activation: { activation: hard_sigmoid, name: gate }
          - dense: 3
          - activation: softmax
        """;

    private const string TwinAttributes = """
        using Dsl;
        namespace App;

        [Input(3, 9, 11)]
        [Rescaling(1.0 / 255)]
        [Rescaling(2.0, Offset = -1.0)]
        [ZeroPadding2D]
        [ZeroPadding2D(1, 2)]
        [ZeroPadding2D(1, 0, 2, 1)]
        [Cropping2D(1)]
        [Cropping2D(2, 1)]
        [Cropping2D(1, 0, 2, 1)]
        [UpSampling2D]
        [UpSampling2D(2, 3, Interpolation = Interpolation.Bilinear)]
        [Conv2D(4, 3)]
        [LayerNorm(Name = "norm")]
        [SpatialDropout2D(0.3, From = "norm")]
        [Activation(Activation.ReLU)]
        [Reshape(4, -1)]
        [LayerNorm(Epsilon = 1e-5)]
        [Reshape(4, 26, -1)]
        [GlobalMaxPool2D]
        [Activation(Activation.HardSigmoid, Name = "gate")]
        [Dense(3)]
        [Activation(Activation.Softmax)]
        public partial class Shaper;
        """;

    [Fact]
    public void A_yaml_model_of_every_shaping_kind_and_its_attribute_twin_have_equal_analyses()
    {
        var yamlRun = Run(TwinYaml.Replace("model: Shaper", "model: ShaperYaml", StringComparison.Ordinal));
        Assert.Empty(yamlRun.GeneratorDiagnostics);
        Assert.Empty(yamlRun.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var fromYaml = yamlRun.StepOutputs(TrackingNames.YamlOutcomes).Select(o => ((YamlModel)o.Value).Generated!).Single();

        var attributeRun = GeneratorHarness.Run(new[] { TwinAttributes });
        attributeRun.AssertGeneratorHealthy();
        Assert.Empty(attributeRun.GeneratorDiagnostics);
        var fromAttributes = attributeRun.StepOutputs(TrackingNames.Analysis).Select(o => ((ModelOutcome)o.Value).Analysis!).Single();

        Assert.Equal(fromAttributes.Layers.Select(Describe), fromYaml.Layers.Select(Describe));
        Assert.Equal(fromAttributes.Parameters, fromYaml.Parameters);
        Assert.Equal(fromAttributes.MultAdds, fromYaml.MultAdds);
        Assert.Equal(SummaryWriter.Write(fromAttributes, expand: false).Replace("Shaper", "ShaperYaml", StringComparison.Ordinal), SummaryWriter.Write(fromYaml, expand: false));
        // The forms mean what Keras means: 1 and 2 values are symmetric, pairs are (top, bottom), (left, right).
        Assert.Equal(
            new[] { "(3, 11, 13)", "(3, 13, 17)", "(3, 14, 20)", "(3, 12, 18)", "(3, 8, 16)", "(3, 7, 13)", "(3, 14, 26)", "(3, 28, 78)" },
            fromYaml.Layers.Skip(2).Take(8).Select(l => Invariant.SampleShape(l.OutputShape)));
    }

    // Range and rank errors: model checks, at the layer's entry.

    [Theory]
    [InlineData("input: [3, 8, 8]", "  - zero_padding2d: -1", "DSL007", "Padding of 'zero_padding2d_1' must be at least 0")]
    [InlineData("input: [3, 8, 8]", "  - zero_padding2d: [[1, 0], [-2, 1]]", "DSL007", "(1, 0, -2, 1)")]
    [InlineData("input: [3, 8, 8]", "  - cropping2d: [1, -1]", "DSL007", "Cropping of 'cropping2d_1'")]
    [InlineData("input: [3, 8, 8]", "  - up_sampling2d: 0", "DSL007", "Size of 'up_sampling2d_1' must be at least 1")]
    [InlineData("input: [3, 8, 8]", "  - up_sampling2d: { size: [2, 0] }", "DSL007", "(2, 0)")]
    [InlineData("input: [3, 8, 8]", "  - layer_normalization: { epsilon: 0 }", "DSL007", "greater than 0")]
    [InlineData("input: [3, 8, 8]", "  - reshape: [4, 0, 48]", "DSL007", "sizes of at least 1, one of which may be -1")]
    [InlineData("input: [3, 8, 8]", "  - reshape: [-1, -1]", "DSL007", "(-1, -1)")]
    [InlineData("input: [3, 8, 8]", "  - spatial_dropout2d: 1.5", "DSL006", "rate 1.5")]
    [InlineData("input: [196]", "  - reshape: [4, 7, 8]", "DSL033", "which holds 224 values")]
    [InlineData("input: [196]", "  - reshape: [3, -1]", "DSL033", "196 is not a multiple of 3")]
    [InlineData("input: [3, 4, 6]", "  - cropping2d: 2", "DSL002", "(3, 0, 2)")]
    [InlineData("input: [3, 4, 6]", "  - cropping2d: [[0, 0], [4, 2]]", "DSL002", "(3, 4, 0)")]
    [InlineData("input: [784]", "  - zero_padding2d: 1", "DSL004", "needs an image input")]
    [InlineData("input: [784]", "  - spatial_dropout2d: 0.1", "DSL004", "needs an image input")]
    [InlineData("input: [784]", "  - global_max_pooling2d", "DSL004", "needs an image input")]
    [InlineData("input: [4, 10]", "  - up_sampling2d: 2", "DSL026", "the sequence shape (4, 10)")]
    [InlineData("input: [4, 10]", "  - cropping2d: 1", "DSL026", "the sequence shape (4, 10)")]
    [InlineData("input: [4, 10]", "  - global_max_pooling2d", "DSL026", "the sequence shape (4, 10)")]
    public void Model_checks_of_the_shaping_kinds_are_reported_at_the_layer_entry(string input, string layer, string id, string fragment)
    {
        string yaml = "model: Net\n" + input + "\nlayers:\n" + layer + "\n";
        var message = Error(yaml, id, 4, 5, layer.Substring(4));
        Assert.Contains(fragment, message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_softmax_activation_layer_before_the_last_layer_warns_at_its_entry()
    {
        const string Yaml = """
            model: Net
            input: [784]
            layers:
              - dense: 32
              - activation: softmax
              - dense: 10
            """;
        var run = Run(Yaml);
        var warning = Single(run, "DSL011");
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        At(warning, Yaml, 5, 5, "activation: softmax");
        Assert.Contains("TestModels.Net.model-yaml.g.cs", run.GeneratedSources.Keys);
    }

    // Wrong values: at the value.

    [Theory]
    [InlineData("zero_padding2d: [1, 2, 3]", "[1, 2, 3]", "must be an integer, a list [height, width] or a list of pairs [[top, bottom], [left, right]], but is a list of 3")]
    [InlineData("cropping2d: [[1, 0], [2, 1], [0, 0]]", "[[1, 0], [2, 1], [0, 0]]", "but is a list of 3 pairs")]
    [InlineData("cropping2d: [[1, 0, 2], [2, 1]]", "[1, 0, 2]", "must be a pair [before, after], but is a list of 3")]
    [InlineData("reshape: [1, 2, 3, 4]", "[1, 2, 3, 4]", "'target_shape' in layer 1 (reshape) must be an integer or a list of 1 to 3 integers, but is a list of 4")]
    [InlineData("reshape: [4, x]", "x", "A value of 'target_shape' in layer 1 (reshape) must be an integer")]
    [InlineData("up_sampling2d: [1, 2, 3]", "[1, 2, 3]", "must be an integer or a list [height, width], but is a list of 3")]
    [InlineData("up_sampling2d: { size: 2, interpolation: bilinaer }", "bilinaer", "did you mean 'bilinear'?")]
    [InlineData("activation: rellu", "rellu", "did you mean 'relu'?")]
    [InlineData("rescaling: .inf", ".inf", "a finite number")]
    [InlineData("rescaling: { scale: 1, offset: .nan }", ".nan", "a finite number")]
    [InlineData("spatial_dropout2d: .nan", ".nan", "a finite number")]
    [InlineData("layer_normalization: { epsilon: small }", "small", "a number")]
    public void Wrong_values_of_the_shaping_kinds_are_reported_at_the_value(string layer, string value, string expected)
    {
        string yaml = "model: Net\ninput: [3, 8, 8]\nlayers:\n  - " + layer + "\n";
        int column = yaml.Split('\n')[3].IndexOf(value, StringComparison.Ordinal) + 1;
        var message = Error(yaml, "DSL104", 4, column, value);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rescaling", "scale")]
    [InlineData("cropping2d", "cropping")]
    [InlineData("reshape", "target_shape")]
    [InlineData("spatial_dropout2d", "rate")]
    public void A_shaping_kind_without_its_required_value_is_reported_at_the_kind(string kind, string key)
    {
        string yaml = "model: Net\ninput: [3, 8, 8]\nlayers:\n  - " + kind + "\n";
        var message = Error(yaml, "DSL105", 4, 5, kind);
        Assert.Equal("Layer 1 (" + kind + ") is missing the required key '" + key + "'", message);
    }

    [Fact]
    public void The_shaping_kinds_are_yaml_keys_under_kerass_names()
    {
        Assert.Equal(
            new[] { "activation", "cropping2d", "global_max_pooling2d", "layer_normalization", "rescaling", "reshape", "spatial_dropout2d", "up_sampling2d", "zero_padding2d" },
            new[] { "activation", "cropping2d", "global_max_pooling2d", "layer_normalization", "rescaling", "reshape", "spatial_dropout2d", "up_sampling2d", "zero_padding2d" }
                .Where(key => LayerRegistry.FindYaml(key) is not null));
        const string Yaml = "model: Net\ninput: [3, 8, 8]\nlayers:\n  - LayerNormalization\n";
        var message = Error(Yaml, "DSL102", 4, 5, "LayerNormalization");
        Assert.Contains("did you mean 'layer_normalization'?", message, StringComparison.Ordinal);
    }

    private static string Describe(LayerPlan l)
    {
        var kind = LayerRegistry.Get(l.Spec.Kind);
        return l.Name + " " + l.TypeName + " " + string.Join("x", l.InputShape) + "->" + string.Join("x", l.OutputShape)
            + " p" + l.Parameters + "/" + l.TrainableParameters + " m" + l.MultAdds + " " + l.Activation + " " + string.Join(", ", kind.Describe(l))
            + " " + kind.Field(l) + " " + kind.Forward(l, new[] { "x" }) + " " + string.Join(",", l.Inputs);
    }
}
