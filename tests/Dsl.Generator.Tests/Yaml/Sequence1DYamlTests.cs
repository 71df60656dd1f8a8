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

/// <summary>The 1-D sequence kinds in YAML: Keras's keys, the same checks as attributes, at the layer entry.</summary>
public class Sequence1DYamlTests
{
    private const string TwinAttributes = """
        using Dsl;
        namespace App;

        [Input(32, 4)]
        [Conv1D(8, 3, Padding = Padding.Causal, DilationRate = 2, Activation = Activation.ReLU, Name = "stem")]
        [Conv1D(8, 4, Stride = 2, Padding = Padding.Same, UseBias = false)]
        [MaxPool1D(Padding = Padding.Same)]
        [AvgPool1D(3, Stride = 1, Padding = Padding.Same)]
        [BatchNorm]
        [Dropout(0.1)]
        [GlobalAvgPool1D(Name = "mean")]
        [GlobalMaxPool1D(From = "stem", Name = "max")]
        [Concatenate("mean", "max")]
        [Dense(3, Activation = Activation.Softmax)]
        [ExpectParameters(443)]
        public partial class SequenceTwin;
        """;

    // Keras's spellings: kernel_size as a list of one (as Keras's get_config writes it), pool_size left to its default.
    private const string TwinYaml = """
        model: SequenceTwin
        namespace: Yaml.Models
        input: [32, 4]
        layers:
          - conv1d: { filters: 8, kernel_size: [3], padding: causal, dilation_rate: 2, activation: relu, name: stem }
          - conv1d: { filters: 8, kernel_size: 4, stride: 2, padding: same, use_bias: false }
          - max_pooling1d: { padding: same }
          - average_pooling1d: { pool_size: 3, stride: [1], padding: same }
          - batch_normalization
          - dropout: 0.1
          - global_average_pooling1d: { name: mean }
          - global_max_pooling1d: { from: stem, name: max }
          - concatenate: [mean, max]
          - dense: { units: 3, activation: softmax }
        expect_parameters: 443
        """;

    [Fact]
    public void The_yaml_twin_of_an_attribute_model_has_the_same_analysis()
    {
        var run = Run(TwinYaml, new[] { TwinAttributes });
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));

        var expected = run.StepOutputs(TrackingNames.Analysis).Select(o => ((ModelOutcome)o.Value).Analysis!).Single(a => a.Spec.ClassName == "SequenceTwin");
        var actual = run.StepOutputs(TrackingNames.YamlOutcomes).Select(o => ((YamlModel)o.Value).Generated!).Single();
        Assert.Equal(expected.Spec.Inputs[0].Shape, actual.Spec.Inputs[0].Shape);
        Assert.Equal(expected.Layers.Select(Describe), actual.Layers.Select(Describe));
        Assert.Equal(443, actual.Parameters);
        Assert.Equal(expected.TrainableParameters, actual.TrainableParameters);
        Assert.Equal(expected.MultAdds, actual.MultAdds);
        Assert.Equal(SummaryWriter.Write(expected, expand: false), SummaryWriter.Write(actual, expand: false));
        Assert.Equal(new[] { 32, 8 }, actual.Layers[0].OutputShape);
        Assert.Equal(new[] { 8, 8 }, actual.Layers[2].OutputShape);
    }

    [Theory]
    [InlineData("  - conv1d: { filters: 0, kernel_size: 3 }", "Filters")]
    [InlineData("  - conv1d: { filters: 8, kernel_size: 0 }", "KernelSize")]
    [InlineData("  - conv1d: { filters: 8, kernel_size: 3, stride: 0 }", "Stride")]
    [InlineData("  - conv1d: { filters: 8, kernel_size: 3, dilation_rate: 0 }", "DilationRate")]
    [InlineData("  - conv1d: { filters: 8, kernel_size: 3, stride: 2, dilation_rate: 2 }", "DilationRate")]
    [InlineData("  - max_pooling1d: 0", "PoolSize")]
    [InlineData("  - max_pooling1d: { pool_size: 2, stride: -1 }", "Stride")]
    [InlineData("  - average_pooling1d: { pool_size: -1 }", "PoolSize")]
    [InlineData("  - max_pooling1d: { pool_size: 2, padding: causal }", "Padding")]
    [InlineData("  - average_pooling1d: { padding: causal }", "Padding")]
    public void DSL007_option_errors_are_reported_at_the_layer_entry(string layer, string option)
    {
        var message = EntryError("input: [4, 16]", layer, "DSL007");
        Assert.StartsWith(option + " of '", message, StringComparison.Ordinal);
    }

    [Fact]
    public void DSL007_causal_padding_on_conv2d_is_reported_at_the_layer_entry()
    {
        var message = EntryError("input: [3, 16, 16]", "  - conv2d: { filters: 8, kernel_size: 3, padding: causal }", "DSL007");
        Assert.Equal("Padding of 'conv2d_1' must be valid or same (causal padding is for Conv1D only), but is causal", message);
    }

    [Fact]
    public void DSL007_a_stride_with_a_dilation_rate_says_why()
    {
        var message = EntryError("input: [4, 16]", "  - conv1d: { filters: 8, kernel_size: 3, stride: 3, dilation_rate: 2 }", "DSL007");
        Assert.Contains("must be 1 when Stride is above 1 (Keras does not support strides > 1 with dilation_rate > 1; Stride is 3), but is 2", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("input: [4, 16]", "  - conv2d: { filters: 8, kernel_size: 3 }", "needs an image input (channels, height, width), but receives the sequence shape (4, 16)")]
    [InlineData("input: [4, 16]", "  - max_pooling2d: 2", "needs an image input (channels, height, width), but receives the sequence shape (4, 16)")]
    [InlineData("input: [4, 16]", "  - global_average_pooling2d", "needs an image input (channels, height, width), but receives the sequence shape (4, 16)")]
    [InlineData("input: [3, 16, 16]", "  - conv1d: { filters: 8, kernel_size: 3 }", "needs a sequence input (steps, features), but receives the image shape (3, 16, 16)")]
    [InlineData("input: [3, 16, 16]", "  - max_pooling1d: 2", "needs a sequence input (steps, features), but receives the image shape (3, 16, 16)")]
    [InlineData("input: [3, 16, 16]", "  - average_pooling1d", "needs a sequence input (steps, features), but receives the image shape (3, 16, 16)")]
    [InlineData("input: [3, 16, 16]", "  - global_average_pooling1d", "needs a sequence input (steps, features), but receives the image shape (3, 16, 16)")]
    [InlineData("input: [3, 16, 16]", "  - global_max_pooling1d", "needs a sequence input (steps, features), but receives the image shape (3, 16, 16)")]
    [InlineData("input: [64]", "  - conv1d: { filters: 8, kernel_size: 3 }", "needs a sequence input (steps, features), but receives the flat shape (64)")]
    public void DSL026_a_layer_on_the_wrong_rank_is_reported_at_the_layer_entry(string input, string layer, string fragment) =>
        Assert.Contains(fragment, EntryError(input, layer, "DSL026"), StringComparison.Ordinal);

    [Fact]
    public void DSL003_a_dilated_kernel_longer_than_the_sequence_is_reported_at_the_layer_entry()
    {
        var message = EntryError("input: [8, 4]", "  - conv1d: { filters: 2, kernel_size: 3, dilation_rate: 4 }", "DSL003");
        Assert.StartsWith("'conv1d_1' has a kernel of 9 steps (3 taps at dilation rate 4) but its input is only 8 steps", message, StringComparison.Ordinal);
    }

    [Fact]
    public void DSL104_a_kernel_size_of_two_values_is_reported_at_the_list()
    {
        const string Layer = "  - conv1d: { filters: 8, kernel_size: [3, 3] }";
        string yaml = "model: Net\ninput: [4, 16]\nlayers:\n" + Layer + "\n";
        var message = Error(yaml, "DSL104", 4, Layer.IndexOf("[3, 3]", StringComparison.Ordinal) + 1, "[3, 3]");
        Assert.Contains("an integer", message, StringComparison.Ordinal);
    }

    [Fact]
    public void DSL104_a_misspelt_padding_suggests_causal()
    {
        const string Layer = "  - conv1d: { filters: 8, kernel_size: 3, padding: casual }";
        string yaml = "model: Net\ninput: [4, 16]\nlayers:\n" + Layer + "\n";
        var message = Error(yaml, "DSL104", 4, Layer.IndexOf("casual", StringComparison.Ordinal) + 1, "casual");
        Assert.Contains("'causal'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void DSL103_a_misspelt_strides_suggests_kerass_key_and_lists_both_spellings()
    {
        const string Layer = "  - conv1d: { filters: 8, kernel_size: 3, stides: 2 }";
        string yaml = "model: Net\ninput: [4, 16]\nlayers:\n" + Layer + "\n";
        var message = Error(yaml, "DSL103", 4, Layer.IndexOf("stides", StringComparison.Ordinal) + 1, "stides");
        Assert.Contains("did you mean 'strides'?", message, StringComparison.Ordinal);
        Assert.Contains("conv1d's keys are filters, kernel_size, stride, strides, padding, dilation_rate, activation, use_bias", message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_kinds_have_kerass_names_and_main_options()
    {
        Assert.Equal("Conv1D", LayerRegistry.FindYaml("conv1d")!.KerasClass);
        Assert.Equal("MaxPooling1D", LayerRegistry.FindYaml("max_pooling1d")!.KerasClass);
        Assert.Equal("AveragePooling1D", LayerRegistry.FindYaml("average_pooling1d")!.KerasClass);
        Assert.Equal("GlobalAveragePooling1D", LayerRegistry.FindYaml("global_average_pooling1d")!.KerasClass);
        Assert.Equal("GlobalMaxPooling1D", LayerRegistry.FindYaml("global_max_pooling1d")!.KerasClass);
        Assert.Equal("Filters", LayerRegistry.FindYaml("conv1d")!.MainOption!.Name);
        Assert.Equal("PoolSize", LayerRegistry.FindYaml("average_pooling1d")!.MainOption!.Name);
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
        return l.Name + " " + l.TypeName + " " + string.Join("x", l.InputShape) + "->" + string.Join("x", l.OutputShape)
            + " p" + l.Parameters + " m" + l.MultAdds + " " + l.Activation + " " + string.Join(", ", kind.Describe(l))
            + " " + kind.Field(l) + " " + kind.Forward(l, new[] { "x" }) + " " + string.Join("; ", kind.Initialise(l));
    }
}
