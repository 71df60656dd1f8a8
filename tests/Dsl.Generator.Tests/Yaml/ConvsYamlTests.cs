using System;
using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers;
using Dsl.Generator.Tests.Infrastructure;
using Dsl.Generator.Yaml;
using Microsoft.CodeAnalysis;
using static Dsl.Generator.Tests.Yaml.YamlAssert;

namespace Dsl.Generator.Tests.Yaml;

/// <summary>
/// The 2-D convolution family in YAML (conv2d_transpose, depthwise_conv2d, separable_conv2d, conv2d's dilation_rate
/// and groups): its errors at the layer entry, its keys, and attribute twins that analyse and generate the same.
/// </summary>
public class ConvsYamlTests
{
    [Theory]
    [InlineData("input: [3, 16, 16]", "  - conv2d: { filters: 8, kernel_size: 3, dilation_rate: 0 }", "DSL007", "DilationRate of 'conv2d_1' must be at least 1, but is 0")]
    [InlineData("input: [3, 16, 16]", "  - conv2d: { filters: 8, kernel_size: 3, groups: 0 }", "DSL007", "Groups of 'conv2d_1' must be at least 1")]
    [InlineData("input: [4, 16, 16]", "  - conv2d: { filters: 6, kernel_size: 3, groups: 4 }", "DSL031", "is 4, which does not divide its 6 filters")]
    [InlineData("input: [3, 16, 16]", "  - conv2d: { filters: 6, kernel_size: 3, groups: 2 }", "DSL031", "is 2, which does not divide its 3 input channels (from the input)")]
    [InlineData("input: [3, 16, 16]", "  - conv2d: { filters: 8, kernel_size: 3, strides: 2, dilation_rate: 2 }", "DSL030", "strides (2, 2) and dilation rate (2, 2)")]
    [InlineData("input: [3, 4, 4]", "  - conv2d: { filters: 8, kernel_size: 3, dilation_rate: 2 }", "DSL003", "5x5 dilated kernel")]
    [InlineData("input: [3, 16, 16]", "  - conv2d_transpose: { filters: 0, kernel_size: 3 }", "DSL007", "Filters of 'conv2d_transpose_1'")]
    [InlineData("input: [3, 16, 16]", "  - conv2d_transpose: { filters: 4, kernel_size: 3, dilation_rates: [0, 1] }", "DSL007", "DilationRate of 'conv2d_transpose_1'")]
    [InlineData("input: [3, 16, 16]", "  - conv2d_transpose: { filters: 4, kernel_size: 3, stride: 2, dilation_rate: [1, 2] }", "DSL030", "strides (2, 2) and dilation rate (1, 2)")]
    [InlineData("input: [3, 16, 16]", "  - conv2d_transpose: { filters: 4, kernel_size: 3, padding: causal }", "DSL007", "causal padding is for Conv1D only")]
    [InlineData("input: [3, 16, 16]", "  - depthwise_conv2d: 0", "DSL007", "KernelSize of 'depthwise_conv2d_1'")]
    [InlineData("input: [3, 16, 16]", "  - depthwise_conv2d: { kernel_size: 3, depth_multiplier: 0 }", "DSL007", "DepthMultiplier of 'depthwise_conv2d_1' must be at least 1")]
    [InlineData("input: [3, 16, 16]", "  - depthwise_conv2d: { kernel_size: 3, strides: [1, 0] }", "DSL007", "Strides of 'depthwise_conv2d_1'")]
    [InlineData("input: [3, 16, 16]", "  - separable_conv2d: { filters: 4, kernel_size: 3, depth_multiplier: -1 }", "DSL007", "DepthMultiplier of 'separable_conv2d_1'")]
    [InlineData("input: [3, 16, 16]", "  - separable_conv2d: { filters: -4, kernel_size: 3 }", "DSL007", "Filters of 'separable_conv2d_1'")]
    [InlineData("input: [3, 2, 2]", "  - separable_conv2d: { filters: 4, kernel_size: 3 }", "DSL003", "3x3 kernel but its input is only 2x2")]
    [InlineData("input: [784]", "  - conv2d_transpose: { filters: 4, kernel_size: 3 }", "DSL004", "'conv2d_transpose_1' (Conv2DTranspose) needs an image input")]
    [InlineData("input: [784]", "  - separable_conv2d: { filters: 4, kernel_size: 3 }", "DSL004", "'separable_conv2d_1' (SeparableConv2D) needs an image input")]
    [InlineData("input: [3, 20]", "  - depthwise_conv2d: 3", "DSL026", "'depthwise_conv2d_1' (DepthwiseConv2D) needs an image input (channels, height, width), but receives the sequence shape (3, 20)")]
    [InlineData("input: [3, 20]", "  - conv2d_transpose: { filters: 4, kernel_size: 3 }", "DSL026", "sequence shape (3, 20)")]
    [InlineData("input: [3, 20]", "  - separable_conv2d: { filters: 4, kernel_size: 3 }", "DSL026", "sequence shape (3, 20)")]
    public void Model_checks_are_reported_at_the_layer_entry(string input, string layer, string id, string fragment)
    {
        string yaml = "model: Net\n" + input + "\nlayers:\n" + layer + "\n";
        var message = Error(yaml, id, 4, 5, layer.Substring(4));
        Assert.Contains(fragment, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("conv2d: { filters: 8, kernel_size: 3, dilation_rate: [1, 2, 3] }", "[1, 2, 3]", "'dilation_rate' in layer 1 (conv2d)")]
    [InlineData("conv2d_transpose: { filters: 4, kernel_size: [3, 3, 3] }", "[3, 3, 3]", "'kernel_size' in layer 1 (conv2d_transpose)")]
    [InlineData("separable_conv2d: { filters: 4, kernel_size: 3, dilation_rate: 2 }", "dilation_rate", "is not a key of layer 1 (separable_conv2d)")]
    [InlineData("depthwise_conv2d: { kernel_size: 3, groups: 2 }", "groups", "depthwise_conv2d's keys are")]
    public void Values_of_the_wrong_shape_and_keys_a_kind_lacks_are_reported_where_they_are_written(string layer, string text, string fragment)
    {
        string yaml = "model: Net\ninput: [3, 8, 8]\nlayers:\n  - " + layer + "\n";
        string id = text.StartsWith("[", StringComparison.Ordinal) ? "DSL104" : "DSL103";
        var message = Error(yaml, id, 4, 5 + layer.IndexOf(text, StringComparison.Ordinal), text);
        Assert.Contains(fragment, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Conv2DTranspose", "conv2d_transpose")]
    [InlineData("Convolution2DTranspose", "conv2d_transpose")]
    [InlineData("DepthwiseConv2D", "depthwise_conv2d")]
    [InlineData("depthwise_conv", "depthwise_conv2d")]
    [InlineData("SeparableConv2D", "separable_conv2d")]
    [InlineData("SeparableConvolution2D", "separable_conv2d")]
    public void Keras_class_names_suggest_the_yaml_name(string written, string suggested)
    {
        string yaml = "model: Net\ninput: [3, 8, 8]\nlayers:\n  - " + written + "\n";
        var message = Error(yaml, "DSL102", 4, 5, written);
        Assert.Contains("did you mean '" + suggested + "'?", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_depth_multiplier_suggests_the_key()
    {
        const string Yaml = """
            model: Net
            input: [3, 8, 8]
            layers:
              - depthwise_conv2d: { kernel_size: 3, depth_multiplyer: 2 }
            """;
        var message = Error(Yaml, "DSL103", 4, 41, "depth_multiplyer");
        Assert.Contains("did you mean 'depth_multiplier'?", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dilation_rate_and_dilation_rates_set_the_same_option()
    {
        const string Yaml = """
            model: Net
            input: [3, 8, 8]
            layers:
              - conv2d: { filters: 4, kernel_size: 3, dilation_rate: 2, dilation_rates: [2, 1] }
            """;
        var message = Error(Yaml, "DSL106", 4, 61, "dilation_rates");
        Assert.Contains("repeats 'dilation_rate'", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("conv2d_transpose: 8", "conv2d_transpose", "kernel_size")]
    [InlineData("separable_conv2d: { kernel_size: 3 }", "separable_conv2d", "filters")]
    [InlineData("depthwise_conv2d: { depth_multiplier: 2 }", "depthwise_conv2d", "kernel_size")]
    public void Required_keys_are_reported_at_the_layer_kind(string layer, string kind, string key)
    {
        string yaml = "model: Net\ninput: [3, 8, 8]\nlayers:\n  - " + layer + "\n";
        var message = Error(yaml, "DSL105", 4, 5, kind);
        Assert.Equal("Layer 1 (" + kind + ") is missing the required key '" + key + "'", message);
    }

    [Fact]
    public void The_main_option_of_depthwise_conv2d_is_the_kernel_size()
    {
        var run = Run("model: Net\ninput: [3, 8, 8]\nlayers:\n  - depthwise_conv2d: [3, 2]\n  - flatten\n");
        Assert.Empty(run.GeneratorDiagnostics);
        var model = run.StepOutputs(TrackingNames.YamlOutcomes).Select(o => ((YamlModel)o.Value).Generated!).Single();
        Assert.Equal(new[] { 3, 6, 7 }, model.Layers[0].OutputShape);
        Assert.Equal(3 * 2 * 3 + 3, model.Layers[0].Parameters);
    }

    [Fact]
    public void Yaml_and_attribute_twins_have_equal_analyses()
    {
        var run = RunTwins();
        run.AssertGeneratorHealthy();
        Assert.Empty(run.GeneratorDiagnostics);
        var fromAttributes = run.StepOutputs(TrackingNames.Analysis).Select(o => ((ModelOutcome)o.Value).Analysis!).ToDictionary(a => a.Spec.ClassName);
        var fromYaml = run.StepOutputs(TrackingNames.YamlOutcomes).Select(o => ((YamlModel)o.Value).Generated!).ToDictionary(a => a.Spec.ClassName);
        Assert.Equal(Twins.Select(t => t.ClassName).Order(), fromYaml.Keys.Order());
        foreach (var (name, parameters, _, _) in Twins)
        {
            var expected = fromAttributes[name];
            var actual = fromYaml[name];
            Assert.Equal(expected.Spec.Inputs[0].Shape, actual.Spec.Inputs[0].Shape);
            Assert.Equal(expected.Layers.Select(Describe), actual.Layers.Select(Describe));
            Assert.Equal(parameters, actual.Parameters);
            Assert.Equal(parameters, expected.Parameters);
            Assert.Equal(expected.MultAdds, actual.MultAdds);
            Assert.Equal(SummaryWriter.Write(expected, expand: false), SummaryWriter.Write(actual, expand: false));
        }
    }

    [Fact]
    public void Yaml_and_attribute_twins_generate_the_same_code_but_for_namespace_and_source()
    {
        var run = RunTwins();
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        foreach (var (name, _, _, _) in Twins)
        {
            var fromAttributes = run.GeneratedSources[AttributeNamespace + "." + name + ".g.cs"];
            var fromYaml = run.GeneratedSources[YamlNamespace + "." + name + ".model-yaml.g.cs"];
            Assert.Equal(Normalise(fromAttributes, AttributeNamespace, "attributes"), Normalise(fromYaml, YamlNamespace, name + ".model.yaml"));
        }
    }

    private const string YamlNamespace = "Twins.Yaml";
    private const string AttributeNamespace = "Twins.Attributes";

    /// <summary>
    /// Models of tests/Dsl.Runtime.Tests/Models/ConvsZoo.cs, with parameter counts worked out by hand from Keras's
    /// formulas, in both forms. The YAML spells some options differently (dilation_rate: [3, 1] for DilationRates,
    /// stride for strides, kernel_size: [3, 3] for 3).
    /// </summary>
    private static readonly (string ClassName, long Parameters, string Attributes, string Yaml)[] Twins =
    {
        (
            "InvertedResiduals",
            // expand 8·16+16, dw 9·16+16, project 16·8+8, grouped 9·2·8+8, dilated 9·8·8+8, depthwise 9·8·2+16, dense 16·5+5
            144 + 160 + 136 + 152 + 584 + 160 + 85,
            """
            [Input(8, 12, 12)]
            [Conv2D(16, 1, Activation = Activation.ReLU6, Name = "expand")]
            [DepthwiseConv2D(3, Padding = Padding.Same, Activation = Activation.ReLU6, Name = "dw")]
            [Conv2D(8, 1, Name = "project")]
            [Add("input", "project", Name = "block1")]
            [Conv2D(8, 3, Groups = 4, Padding = Padding.Same, Activation = Activation.ReLU, Name = "grouped")]
            [Conv2D(8, 3, DilationRate = 2, Padding = Padding.Same, From = "block1", Name = "dilated")]
            [Add("block1", "grouped", "dilated", Name = "block2")]
            [DepthwiseConv2D(3, DepthMultiplier = 2, Stride = 2, Padding = Padding.Same, Activation = Activation.ReLU6)]
            [GlobalAvgPool2D]
            [Dense(5, Activation = Activation.Softmax)]
            public partial class InvertedResiduals;
            """,
            """
            model: InvertedResiduals
            namespace: Twins.Yaml
            input: [8, 12, 12]
            layers:
              - conv2d: { filters: 16, kernel_size: 1, activation: relu6, name: expand }
              - depthwise_conv2d: { kernel_size: 3, padding: same, activation: relu6, name: dw }
              - conv2d: { filters: 8, kernel_size: [1, 1], name: project }
              - add: { inputs: [input, project], name: block1 }
              - conv2d: { filters: 8, kernel_size: 3, groups: 4, padding: same, activation: relu, name: grouped }
              - conv2d: { filters: 8, kernel_size: 3, dilation_rate: 2, padding: same, from: block1, name: dilated }
              - add: { inputs: [block1, grouped, dilated], name: block2 }
              - depthwise_conv2d: { kernel_size: 3, depth_multiplier: 2, strides: 2, padding: same, activation: relu6 }
              - global_average_pooling2d
              - dense: { units: 5, activation: softmax }
            """),
        (
            "UNetLike",
            // enc1 27·8+8, bottleneck 9·8+8·16+16, up 4·16·8+8, separable 9·16+16·8+8, up2 9·16·8+8, last 8·2+2
            224 + 216 + 520 + 280 + 1160 + 18,
            """
            [Input(3, 16, 16)]
            [Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "enc1")]
            [MaxPool2D(2)]
            [SeparableConv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "bottleneck")]
            [Conv2DTranspose(8, 2, Stride = 2, Name = "up")]
            [Concatenate("enc1", "up")]
            [SeparableConv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
            [Conv2DTranspose(8, 3, Stride = 2, Padding = Padding.Same, From = "bottleneck", Name = "up2")]
            [Add("separable_conv2d_1", "up2")]
            [Conv2D(2, 1, Activation = Activation.Softmax)]
            public partial class UNetLike;
            """,
            """
            model: UNetLike
            namespace: Twins.Yaml
            input: [3, 16, 16]
            layers:
              - conv2d: { filters: 8, kernel_size: 3, padding: same, activation: relu, name: enc1 }
              - max_pooling2d: 2
              - separable_conv2d: { filters: 16, kernel_size: 3, padding: same, activation: relu, name: bottleneck }
              - conv2d_transpose: { filters: 8, kernel_size: 2, strides: 2, name: up }
              - concatenate: [enc1, up]
              - separable_conv2d: { filters: 8, kernel_size: [3, 3], padding: same, activation: relu }
              - conv2d_transpose: { filters: 8, kernel_size: 3, stride: 2, padding: same, from: bottleneck, name: up2 }
              - add: [separable_conv2d_1, up2]
              - conv2d: { filters: 2, kernel_size: 1, activation: softmax }
            """),
        (
            "TransposeValidVariants",
            // 9·3·4+4, 10·4·4 (no bias), 4·4·3+3, 9·3·2+2, 4·2·2+2, dense 2·34·109·2+2
            112 + 160 + 51 + 56 + 18 + 14_826,
            """
            [Input(3, 4, 5)]
            [Conv2DTranspose(4, 3, Stride = 2, Activation = Activation.Tanh)]
            [Conv2DTranspose(4, 2, 5, Strides = new[] { 1, 3 }, UseBias = false, Activation = Activation.Softplus)]
            [Conv2DTranspose(3, 2, Stride = 3)]
            [Conv2DTranspose(2, 3, DilationRate = 2, Activation = Activation.Softsign)]
            [Conv2DTranspose(2, 2, DilationRates = new[] { 3, 1 }, Padding = Padding.Same)]
            [Flatten]
            [Dense(2)]
            public partial class TransposeValidVariants;
            """,
            """
            model: TransposeValidVariants
            namespace: Twins.Yaml
            input: [3, 4, 5]
            layers:
              - conv2d_transpose:
                  filters: 4
                  kernel_size: 3
                  strides: 2
                  activation: tanh
              - conv2d_transpose: { filters: 4, kernel_size: [2, 5], strides: [1, 3], use_bias: false, activation: softplus }
              - conv2d_transpose: { filters: 3, kernel_size: 2, stride: 3 }
              - conv2d_transpose: { filters: 2, kernel_size: 3, dilation_rate: 2, activation: softsign }
              - conv2d_transpose: { filters: 2, kernel_size: 2, dilation_rate: [3, 1], padding: same }
              - flatten
              - dense: 2
            """),
    };

    private static GeneratorRun RunTwins() => GeneratorHarness.Run(
        new[] { "using Dsl;\nnamespace " + AttributeNamespace + ";\n" + string.Join("\n", Twins.Select(t => t.Attributes)) },
        Twins.Select(t => GeneratorHarness.Yaml(t.ClassName + ".model.yaml", t.Yaml)));

    /// <summary>Everything the kind makes of a layer: names, shapes, counts, metadata, module, forward and initialisation.</summary>
    private static string Describe(LayerPlan l)
    {
        var kind = LayerRegistry.Get(l.Spec.Kind);
        return l.Name + " " + l.TypeName + " " + string.Join("x", l.InputShape) + "->" + string.Join("x", l.OutputShape)
            + " p" + l.Parameters + " t" + l.TrainableParameters + " m" + l.MultAdds + " " + l.Activation + " " + string.Join(", ", kind.Describe(l))
            + " " + kind.Field(l) + " " + kind.Forward(l, new[] { "x" }) + " " + string.Join(" ", kind.Initialise(l));
    }

    private static string Normalise(string source, string ns, string origin) =>
        source.Replace(ns, "NAMESPACE", StringComparison.Ordinal).Replace("\"" + origin + "\"", "\"ORIGIN\"", StringComparison.Ordinal)
            .Replace("from " + origin + ":", "from ORIGIN:", StringComparison.Ordinal);
}
