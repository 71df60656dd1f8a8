using System;
using System.Linq;
using Dsl.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Tests.Diagnostics;

/// <summary>
/// Keras options in the attribute form: BatchNormalization's center and scale, global pooling's keepdims, Dropout's
/// noise_shape and the 1-D kinds' strides: their shapes and counts as Keras gives them, the code they become, and each
/// check on the attribute that is wrong.
/// </summary>
public class KerasOptionsDiagnosticsTests
{
    private const string Usings = "using Dsl;\nnamespace App;\n";

    // BatchNormalization: center and scale.

    [Theory]
    [InlineData("", 16, 16)]                                 // Keras's defaults: gamma and beta
    [InlineData("Scale = false", 8, 16)]                     // InceptionV3's BatchNormalization(scale=False): beta only
    [InlineData("Center = false", 8, 16)]                    // gamma only
    [InlineData("Center = false, Scale = false", 0, 16)]     // the moving statistics only
    public void BatchNorm_counts_gamma_and_beta_only_when_kept(string options, long trainable, long nonTrainable)
    {
        var output = Generate($"""
            [Input(8, 5, 5)]
            [BatchNorm{(options.Length > 0 ? "(" + options + ")" : "")}]
            [Flatten]
            public partial class Normalised;
            """, "Normalised");
        Assert.Contains("public const long ParameterCount = " + (trainable + nonTrainable) + "L;", output, StringComparison.Ordinal);
        Assert.Contains("public const long TrainableParameterCount = " + trainable + "L;", output, StringComparison.Ordinal);
        Assert.Contains("public const long NonTrainableParameterCount = " + nonTrainable + "L;", output, StringComparison.Ordinal);
    }

    [Fact]
    public void BatchNorm_with_both_keeps_torchsharps_module_and_without_one_becomes_the_runtime_module()
    {
        var output = Generate("""
            [Input(8, 5, 5)]
            [BatchNorm]
            [BatchNorm(Scale = false, Momentum = 0.9)]
            [Flatten]
            [BatchNorm(Center = false, Epsilon = 0.0001)]
            public partial class Normalised;
            """, "Normalised");
        Assert.Contains("batch_normalization_1 = global::TorchSharp.torch.nn.BatchNorm2d(8L, eps: 0.001, momentum: 0.01);", output, StringComparison.Ordinal);
        Assert.Contains("public readonly global::Dsl.Modules.BatchNormalization batch_normalization_2;", output, StringComparison.Ordinal);
        Assert.Contains("batch_normalization_2 = new global::Dsl.Modules.BatchNormalization(8L, center: true, scale: false, eps: 0.001, momentum: 0.1);", output, StringComparison.Ordinal);
        Assert.Contains("batch_normalization_3 = new global::Dsl.Modules.BatchNormalization(200L, center: false, scale: true, eps: 0.0001, momentum: 0.01);", output, StringComparison.Ordinal);
        // ONNX: a missing gamma is a constant 1, a missing beta a constant 0.
        Assert.Contains("onnx.Node(\"BatchNormalization\", new string[] { x, onnx.Filled(8L, 1.0), onnx.Weight(\"batch_normalization_2.bias\"), onnx.Weight(\"batch_normalization_2.running_mean\")", output, StringComparison.Ordinal);
        Assert.Contains("onnx.Node(\"BatchNormalization\", new string[] { x, onnx.Weight(\"batch_normalization_3.weight\"), onnx.Filled(200L, 0.0), onnx.Weight(\"batch_normalization_3.running_mean\")", output, StringComparison.Ordinal);
    }

    [Fact]
    public void DSL008_expect_parameters_counts_batch_norm_without_scale_as_keras_does()
    {
        // Keras: Conv2D(32, 3, use_bias=False) on 3 channels has 864 weights; BatchNormalization(scale=False) 32 + 64.
        var source = Usings + """
            [Input(3, 9, 9)]
            [Conv2D(32, 3, UseBias = false)]
            [BatchNorm(Scale = false)]
            [ExpectParameters(1_024)]
            public partial class InceptionStem;
            """;
        Assert.Contains("has 960 parameters", DiagnosticAssert.Single(source, "DSL008", "[ExpectParameters(1_024)]").GetMessage(), StringComparison.Ordinal);
    }

    // Global pooling: keepdims.

    [Theory]
    [InlineData("[Input(6, 5, 4)]", "[GlobalAvgPool2D(Keepdims = true)]", "(None, 6, 1, 1)")]
    [InlineData("[Input(6, 5, 4)]", "[GlobalMaxPool2D(Keepdims = true)]", "(None, 6, 1, 1)")]
    [InlineData("[Input(9, 6)]", "[GlobalAvgPool1D(Keepdims = true)]", "(None, 1, 6)")]
    [InlineData("[Input(9, 6)]", "[GlobalMaxPool1D(Keepdims = true)]", "(None, 1, 6)")]
    [InlineData("[Input(6, 5, 4)]", "[GlobalAvgPool2D(Keepdims = false)]", "(None, 6)")]
    [InlineData("[Input(9, 6)]", "[GlobalMaxPool1D(\"keepdims: true\")]", "(None, 1, 6)")]
    public void Global_pooling_with_keepdims_keeps_the_pooled_dimensions_with_size_1(string input, string layer, string shape)
    {
        var output = Generate($"""
            {input}
            {layer}
            public partial class Pooled;
            """, "Pooled");
        Assert.Contains(shape + "   ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Keepdims_is_passed_to_the_reductions_and_to_onnx()
    {
        var output = Generate("""
            [Input(6, 5, 4)]
            [GlobalAvgPool2D(Keepdims = true, Name = "avg")]
            [GlobalMaxPool2D(Keepdims = true, From = "input", Name = "max")]
            [Add("avg", "max")]
            [Conv2D(4, 1)]
            [Flatten]
            public partial class Pooled;
            """, "Pooled");
        Assert.Contains("avg = new global::Dsl.Modules.GlobalAvgPool2d(true);", output, StringComparison.Ordinal);
        Assert.Contains(".amax(new long[] { 2L, 3L }, keepdim: true)", output, StringComparison.Ordinal);
        Assert.Contains("onnx.Node(\"ReduceMean\", x, global::Dsl.Onnx.OnnxAttribute.Ints(\"axes\", 2L, 3L), global::Dsl.Onnx.OnnxAttribute.Int(\"keepdims\", 1L))", output, StringComparison.Ordinal);
        Assert.Contains("onnx.Node(\"ReduceMax\", onnx.Input, global::Dsl.Onnx.OnnxAttribute.Ints(\"axes\", 2L, 3L), global::Dsl.Onnx.OnnxAttribute.Int(\"keepdims\", 1L))", output, StringComparison.Ordinal);
        Assert.Contains("(None, 4, 1, 1)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Dense_after_global_pooling_with_keepdims_mixes_the_channels_as_keras_does()
    {
        // Keras: Dense(2) on (None, 1, 1, 6) gives (None, 1, 1, 2), 6·2 + 2 parameters; channels first here.
        var output = Generate("""
            [Input(6, 5, 4)]
            [GlobalAvgPool2D(Keepdims = true)]
            [Dense(2)]
            [ExpectParameters(14)]
            public partial class KeptDims;
            """, "KeptDims");
        Assert.Contains("(None, 2, 1, 1)", output, StringComparison.Ordinal);
        Assert.Contains("new global::Dsl.Modules.ChannelDense(6L, 2L, hasBias: true)", output, StringComparison.Ordinal);
    }

    // Dropout: noise_shape.

    [Theory]
    [InlineData("[Input(8, 5, 4)]", "new[] { 8, 1, 1 }")]     // whole channels, as SpatialDropout2D
    [InlineData("[Input(8, 5, 4)]", "new[] { 1, 5, 4 }")]     // whole positions
    [InlineData("[Input(8, 5, 4)]", "new[] { 8, 5, 4 }")]     // the input's shape
    [InlineData("[Input(8, 9)]", "new[] { 8, 1 }")]
    [InlineData("[Input(8)]", "new[] { 1 }")]
    public void A_noise_shape_of_the_inputs_sizes_or_ones_is_accepted(string input, string noise)
    {
        var output = Generate($"""
            {input}
            [Dropout(0.3, NoiseShape = {noise})]
            public partial class Dropped;
            """, "Dropped");
        string longs = string.Join(", ", noise.Trim('n', 'e', 'w', '[', ']', ' ', '{', '}').Split(", ").Select(v => v + "L"));
        Assert.Contains("dropout_1 = new global::Dsl.Modules.NoiseShapeDropout(0.3, new long[] { " + longs + " });", output, StringComparison.Ordinal);
        Assert.Contains("public const long ParameterCount = 0L;", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Dropout_without_a_noise_shape_is_the_runtimes_counter_mask_module()
    {
        var output = Generate("""
            [Input(8, 5, 4)]
            [Dropout(0.3)]
            public partial class Dropped;
            """, "Dropped");
        Assert.Contains("dropout_1 = new global::Dsl.Modules.Dropout(0.3);", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Dropout(0.3, NoiseShape = new[] { 8, 2, 1 })]", "(8, 2, 1)")]
    [InlineData("[Dropout(0.3, NoiseShape = new[] { 8, 1 })]", "(8, 1)")]
    [InlineData("[Dropout(0.3, NoiseShape = new[] { 1, 4, 5 })]", "(1, 4, 5)")]
    public void DSL007_a_noise_shape_that_does_not_fit_the_input_is_reported_on_the_dropout(string layer, string noise)
    {
        var source = Usings + $"""
            [Input(3, 9, 9)]
            [Conv2D(8, 3, Stride = 2, Padding = Padding.Same)]
            {layer}
            [Flatten]
            public partial class BadNoise;
            """;
        Assert.Equal(
            "NoiseShape of 'dropout_1' must be one value per dimension of its input, each that dimension's size or 1 (the input is (8, 5, 5), from 'conv2d_1'), but is " + noise,
            DiagnosticAssert.Single(source, "DSL007", layer).GetMessage());
    }

    [Fact]
    public void DSL007_a_noise_shape_entry_below_one_is_reported()
    {
        var source = Usings + """
            [Input(8)]
            [Dropout(0.3, NoiseShape = new[] { 0 })]
            public partial class ZeroNoise;
            """;
        Assert.StartsWith("NoiseShape of 'dropout_1' must be at least 1, but is 0", DiagnosticAssert.Single(source, "DSL007", "[Dropout(0.3, NoiseShape = new[] { 0 })]").GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void DSL012_a_noise_shape_of_four_values_is_reported()
    {
        const string Layer = "[Dropout(0.3, NoiseShape = new[] { 8, 1, 1, 1 })]";
        var source = Usings + $"""
            [Input(8, 5, 5)]
            {Layer}
            [Flatten]
            public partial class LongNoise;
            """;
        Assert.Equal(
            "NoiseShape of 'dropout_1' takes 1 to 3 values (one per dimension of the input, channels first, without the batch), but 4 were given",
            DiagnosticAssert.Single(source, "DSL012", Layer).GetMessage());
    }

    // Conv1D, MaxPool1D, AvgPool1D: Keras's strides.

    [Theory]
    [InlineData("[Conv1D(8, 3, Strides = new[] { 2 })]", "[Conv1D(8, 3, Stride = 2)]")]
    [InlineData("[Conv1D(8, 3, Stride = 3, Strides = new[] { 2 })]", "[Conv1D(8, 3, Stride = 2)]")]   // Strides overrides Stride
    [InlineData("[MaxPool1D(3, Strides = new[] { 1 }, Padding = Padding.Same)]", "[MaxPool1D(3, Stride = 1, Padding = Padding.Same)]")]
    [InlineData("[AvgPool1D(2, Strides = new[] { 3 })]", "[AvgPool1D(2, Stride = 3)]")]
    [InlineData("[AvgPool1D(2, Strides = new[] { 0 })]", "[AvgPool1D(2)]")]                           // 0 means the pool size, as Stride's
    [InlineData("[Conv1D(\"filters: 8, kernel_size: 3, strides: 2\")]", "[Conv1D(8, 3, Stride = 2)]")]
    [InlineData("[MaxPool1D(\"pool_size: 2, strides: [1]\")]", "[MaxPool1D(2, Stride = 1)]")]
    public void Strides_is_the_one_dimensional_kinds_stride(string strides, string stride)
    {
        string Model(string layer) => $"""
            [Input(4, 17)]
            {layer}
            [Flatten]
            public partial class Strided;
            """;
        var expected = Generate(Model(stride), "Strided");
        var actual = Generate(Model(strides), "Strided");
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("[Conv1D(8, 3, Strides = new[] { 2, 2 })]")]
    [InlineData("[MaxPool1D(2, Strides = new[] { 1, 1 })]")]
    [InlineData("[AvgPool1D(2, Strides = new[] { 1, 2 })]")]
    public void DSL012_strides_of_two_values_on_a_sequence_is_reported(string layer)
    {
        var source = Usings + $"""
            [Input(4, 16)]
            {layer}
            [Flatten]
            public partial class TwoStrides;
            """;
        Assert.Contains("takes 1 value, but 2 were given", DiagnosticAssert.Single(source, "DSL012", layer).GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Conv1D(8, 3, Strides = new[] { 0 })]")]
    [InlineData("[MaxPool1D(2, Strides = new[] { -1 })]")]
    public void DSL007_a_non_positive_strides_is_reported(string layer)
    {
        var source = Usings + $"""
            [Input(4, 16)]
            {layer}
            [Flatten]
            public partial class BadStrides;
            """;
        Assert.StartsWith("Stride of '", DiagnosticAssert.Single(source, "DSL007", layer).GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void DSL007_strides_above_one_with_a_dilation_rate_above_one_is_refused_as_in_keras()
    {
        const string Layer = "[Conv1D(8, 3, Strides = new[] { 2 }, DilationRate = 2)]";
        var source = Usings + $"""
            [Input(4, 16)]
            {Layer}
            [Flatten]
            public partial class StridedDilated;
            """;
        Assert.Contains("must be 1 when Stride is above 1", DiagnosticAssert.Single(source, "DSL007", Layer).GetMessage(), StringComparison.Ordinal);
    }

    // In a block: the options may read its parameters, and uses that differ in them share the block's class or get their own.

    [Fact]
    public void A_block_reads_the_new_options_from_its_parameters()
    {
        var source = Usings + """
            [Block]
            [Param("scale", true)]
            [Param("keep", false)]
            [Conv2D("filters: 4, kernel_size: 3, padding: same, use_bias: false")]
            [BatchNorm("scale: $scale")]
            [Dropout("rate: 0.25, noise_shape: [4, 1, 1]")]
            [GlobalAvgPool2D("keepdims: $keep")]
            public partial class ConvBnPool;

            [Input(3, 6, 6)]
            [Use(typeof(ConvBnPool), "scale: false, keep: true", Name = "kept")]
            [Flatten]
            [Reshape(4, 1, 1)]
            [Use(typeof(ConvBnPool), "", Name = "plain")]
            public partial class UsesBlock;
            """;
        var output = GeneratorHarness.Run(new[] { source });
        output.AssertGeneratorHealthy();
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Empty(output.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var model = output.GeneratedSources["App.UsesBlock.g.cs"];
        // kept: 108 + 4 (beta) + 8; plain: 4 channels in, 144 + 8 (gamma and beta) + 8.
        Assert.Contains("public const long ParameterCount = 280L;", model, StringComparison.Ordinal);
        Assert.Contains("public const long TrainableParameterCount = 264L;", model, StringComparison.Ordinal);
    }

    /// <summary>The generated source of a model in namespace App that must produce no diagnostic and compile cleanly.</summary>
    internal static string Generate(string model, string className)
    {
        var output = GeneratorHarness.Run(new[] { Usings + model });
        output.AssertGeneratorHealthy();
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Empty(output.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        return output.GeneratedSources["App." + className + ".g.cs"];
    }
}
