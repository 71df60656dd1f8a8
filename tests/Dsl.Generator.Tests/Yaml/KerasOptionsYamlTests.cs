using System;
using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers;
using Dsl.Generator.Pipeline;
using Dsl.Generator.Yaml;
using Microsoft.CodeAnalysis;
using static Dsl.Generator.Tests.Yaml.YamlAssert;

namespace Dsl.Generator.Tests.Yaml;

/// <summary>
/// Keras's keys center, scale, keepdims, noise_shape and the 1-D kinds' strides in YAML: the same layers as the
/// attributes give, and the same checks, at the layer entry or at the value.
/// </summary>
public class KerasOptionsYamlTests
{
    // Conv2D 216, BatchNorm(scale=False) 8 + 16, the 1x1 squeeze 36, Conv1D 200, BatchNorm(center=False) 12 + 24, Dense 39.
    private const string TwinAttributes = """
        using Dsl;
        namespace App;

        [Input(3, 12, 12)]
        [Conv2D(8, 3, UseBias = false, Name = "stem")]
        [BatchNorm(Scale = false)]
        [Dropout(0.2, NoiseShape = new[] { 8, 1, 1 })]
        [GlobalAvgPool2D(Keepdims = true, Name = "avg")]
        [GlobalMaxPool2D(Keepdims = true, From = "dropout_1", Name = "max")]
        [Add("avg", "max")]
        [Conv2D(4, 1, Name = "squeeze")]
        [Reshape(-1, 8, From = "stem")]
        [Conv1D(8, 3, Strides = new[] { 2 })]
        [MaxPool1D(3, Strides = new[] { 2 }, Padding = Padding.Same)]
        [AvgPool1D(2, Stride = 1)]
        [GlobalMaxPool1D(Keepdims = true)]
        [Flatten(Name = "seq")]
        [Flatten(From = "squeeze", Name = "img")]
        [Concatenate("seq", "img")]
        [BatchNorm(Center = false)]
        [Dropout(0.1, NoiseShape = new[] { 1 })]
        [Dense(3)]
        [ExpectParameters(551)]
        public partial class OptionsTwin;
        """;

    private const string TwinYaml = """
        model: OptionsTwin
        namespace: Yaml.Models
        input: [3, 12, 12]
        layers:
          - conv2d: { filters: 8, kernel_size: 3, use_bias: false, name: stem }
          - batch_normalization: { scale: false }
          - dropout: { rate: 0.2, noise_shape: [8, 1, 1] }
          - global_average_pooling2d: { keepdims: true, name: avg }
          - global_max_pooling2d: { keepdims: true, from: dropout_1, name: max }
          - add: [avg, max]
          - conv2d: { filters: 4, kernel_size: 1, name: squeeze }
          - reshape: { target_shape: [-1, 8], from: stem }
          - conv1d: { filters: 8, kernel_size: 3, strides: 2 }
          - max_pooling1d: { pool_size: 3, strides: [2], padding: same }
          - average_pooling1d: { pool_size: 2, strides: [1] }
          - global_max_pooling1d: { keepdims: true }
          - flatten: { name: seq }
          - flatten: { from: squeeze, name: img }
          - concatenate: [seq, img]
          - batch_normalization: { center: false }
          - dropout: { rate: 0.1, noise_shape: 1 }
          - dense: 3
        expect_parameters: 551
        """;

    [Fact]
    public void The_yaml_twin_of_an_attribute_model_has_the_same_analysis_and_code()
    {
        var run = Run(TwinYaml, new[] { TwinAttributes });
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));

        var expected = run.StepOutputs(TrackingNames.Analysis).Select(o => ((ModelOutcome)o.Value).Analysis!).Single(a => a.Spec.ClassName == "OptionsTwin");
        var actual = run.StepOutputs(TrackingNames.YamlOutcomes).Select(o => ((YamlModel)o.Value).Generated!).Single();
        Assert.Equal(expected.Layers.Select(Describe), actual.Layers.Select(Describe));
        Assert.Equal(551, actual.Parameters);
        Assert.Equal(551 - 16 - 24, actual.TrainableParameters);
        Assert.Equal(expected.MultAdds, actual.MultAdds);
        Assert.Equal(SummaryWriter.Write(expected, expand: false), SummaryWriter.Write(actual, expand: false));

        var shapes = actual.Layers.ToDictionary(l => l.Name, l => string.Join("x", l.OutputShape));
        Assert.Equal("8x1x1", shapes["avg"]);
        Assert.Equal("8x1x1", shapes["max"]);
        Assert.Equal("4x1x1", shapes["squeeze"]);
        Assert.Equal("49x8", shapes["conv1d_1"]);
        Assert.Equal("25x8", shapes["max_pooling1d_1"]);
        Assert.Equal("24x8", shapes["average_pooling1d_1"]);
        Assert.Equal("1x8", shapes["global_max_pooling1d_1"]);
    }

    [Theory]
    [InlineData("input: [8, 5, 5]", "  - dropout: { rate: 0.5, noise_shape: [8, 5] }", "(8, 5)")]
    [InlineData("input: [8, 5, 5]", "  - dropout: { rate: 0.5, noise_shape: [2, 1, 1] }", "(2, 1, 1)")]
    [InlineData("input: [8, 5]", "  - dropout: { rate: 0.5, noise_shape: [1, 1, 1] }", "(1, 1, 1)")]
    [InlineData("input: [8]", "  - dropout: { rate: 0.5, noise_shape: 4 }", "(4)")]
    public void DSL007_a_noise_shape_that_does_not_fit_the_input_is_reported_at_the_layer_entry(string input, string layer, string noise)
    {
        var message = EntryError(input, layer, "DSL007");
        Assert.StartsWith("NoiseShape of 'dropout_1' must be one value per dimension of its input, each that dimension's size or 1 (the input is ", message, StringComparison.Ordinal);
        Assert.EndsWith(", from the input), but is " + noise, message, StringComparison.Ordinal);
    }

    [Fact]
    public void DSL007_a_noise_shape_entry_of_zero_is_reported_at_the_layer_entry() =>
        Assert.StartsWith("NoiseShape of 'dropout_1' must be at least 1", EntryError("input: [8, 5]", "  - dropout: { rate: 0.5, noise_shape: [8, 0] }", "DSL007"), StringComparison.Ordinal);

    [Fact]
    public void DSL104_a_noise_shape_of_four_values_is_reported_at_the_list()
    {
        const string Layer = "  - dropout: { rate: 0.5, noise_shape: [8, 1, 1, 1] }";
        string yaml = "model: Net\ninput: [8, 5, 5]\nlayers:\n" + Layer + "\n";
        var message = Error(yaml, "DSL104", 4, Layer.IndexOf('[', StringComparison.Ordinal) + 1, "[8, 1, 1, 1]");
        Assert.Contains("a list of 1 to 3 integers", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("input: [8, 5, 5]", "  - batch_normalization: { center: 1 }", "1")]
    [InlineData("input: [8, 5, 5]", "  - batch_normalization: { scale: no }", "no")]
    [InlineData("input: [8, 5, 5]", "  - global_average_pooling2d: { keepdims: yes }", "yes")]
    [InlineData("input: [5, 8]", "  - global_max_pooling1d: { keepdims: [true] }", "[true]")]
    public void DSL104_a_flag_that_is_not_true_or_false_is_reported_at_the_value(string input, string layer, string value)
    {
        string yaml = "model: Net\n" + input + "\nlayers:\n" + layer + "\n";
        var message = Error(yaml, "DSL104", 4, layer.LastIndexOf(value, StringComparison.Ordinal) + 1, value);
        Assert.Contains("true or false", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  - conv1d: { filters: 8, kernel_size: 3, stride: 1, strides: 2 }", "conv1d")]
    [InlineData("  - max_pooling1d: { stride: 1, strides: [2] }", "max_pooling1d")]
    [InlineData("  - average_pooling1d: { strides: 1, stride: 2 }", "average_pooling1d")]
    public void DSL106_stride_and_strides_are_one_option(string layer, string kind)
    {
        string yaml = "model: Net\ninput: [4, 16]\nlayers:\n" + layer + "\n";
        int column = layer.LastIndexOf("stride", StringComparison.Ordinal) + 1;
        string second = layer.Substring(column - 1).StartsWith("strides", StringComparison.Ordinal) ? "strides" : "stride";
        var message = Error(yaml, "DSL106", 4, column, second);
        Assert.Contains("in layer 1 (" + kind + ") repeats", message, StringComparison.Ordinal);
    }

    [Fact]
    public void DSL104_strides_of_two_values_on_a_sequence_is_reported_at_the_list()
    {
        const string Layer = "  - conv1d: { filters: 8, kernel_size: 3, strides: [2, 2] }";
        string yaml = "model: Net\ninput: [4, 16]\nlayers:\n" + Layer + "\n";
        Assert.Contains("an integer", Error(yaml, "DSL104", 4, Layer.IndexOf("[2, 2]", StringComparison.Ordinal) + 1, "[2, 2]"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_new_keys_are_the_kinds_options()
    {
        Assert.Contains("center", YamlSection.For(LayerRegistry.FindYaml("batch_normalization")!).Keys);
        Assert.Contains("scale", YamlSection.For(LayerRegistry.FindYaml("batch_normalization")!).Keys);
        Assert.Contains("noise_shape", YamlSection.For(LayerRegistry.FindYaml("dropout")!).Keys);
        foreach (var kind in new[] { "global_average_pooling2d", "global_max_pooling2d", "global_average_pooling1d", "global_max_pooling1d" })
            Assert.Contains("keepdims", YamlSection.For(LayerRegistry.FindYaml(kind)!).Keys);
        foreach (var kind in new[] { "conv1d", "max_pooling1d", "average_pooling1d" })
        {
            var section = YamlSection.For(LayerRegistry.FindYaml(kind)!);
            Assert.Same(section.Find("stride"), section.Find("strides"));
        }
    }

    /// <summary>The one <paramref name="id"/> of a one-layer spec, at its list entry (line 4, column 5), covering the entry.</summary>
    private static string EntryError(string input, string layer, string id)
    {
        string yaml = "model: Net\n" + input + "\nlayers:\n" + layer + "\n";
        return Error(yaml, id, 4, 5, layer.Substring(4));
    }

    private static string Describe(LayerPlan l)
    {
        var kind = LayerRegistry.Get(l.Spec.Kind);
        var onnx = new OnnxCode("onnx");
        return l.Name + " " + l.TypeName + " " + string.Join("x", l.InputShape) + "->" + string.Join("x", l.OutputShape)
            + " p" + l.Parameters + " t" + l.TrainableParameters + " m" + l.MultAdds + " " + l.Activation + " " + string.Join(", ", kind.Describe(l))
            + " " + kind.Field(l) + " " + kind.Forward(l, new[] { "x" }) + " " + kind.Onnx(l, onnx, new[] { "x", "y" }) + " " + string.Join("; ", kind.Initialise(l));
    }
}
