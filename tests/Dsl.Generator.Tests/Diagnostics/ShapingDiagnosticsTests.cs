using System;
using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Pipeline;
using Dsl.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Tests.Diagnostics;

/// <summary>
/// The shaping kinds (Activation, Rescaling, ZeroPadding2D, Cropping2D, UpSampling2D, GlobalMaxPool2D, LayerNorm,
/// Reshape, SpatialDropout2D) in the attribute form: every option's range error and every rank error, on the
/// attribute's line; and their shapes, counts and names as Keras gives them.
/// </summary>
public class ShapingDiagnosticsTests
{
    private const string Usings = "using Dsl;\nnamespace App;\n";

    [Theory]
    [InlineData("[ZeroPadding2D(-1)]", "Padding", "at least 0")]
    [InlineData("[ZeroPadding2D(1, 0, -2, 1)]", "Padding", "(1, 0, -2, 1)")]
    [InlineData("[Cropping2D(-1, 0)]", "Cropping", "at least 0")]
    [InlineData("[UpSampling2D(0)]", "Size", "at least 1")]
    [InlineData("[UpSampling2D(2, -3)]", "Size", "(2, -3)")]
    [InlineData("[LayerNorm(Epsilon = 0)]", "Epsilon", "greater than 0")]
    [InlineData("[LayerNorm(Epsilon = -0.001)]", "Epsilon", "greater than 0")]
    [InlineData("[LayerNorm(Epsilon = double.PositiveInfinity)]", "Epsilon", "finite")]
    [InlineData("[Rescaling(double.NaN)]", "Scale", "finite")]
    [InlineData("[Rescaling(0.5, Offset = double.NegativeInfinity)]", "Offset", "finite")]
    [InlineData("[Reshape(4, 0, 192)]", "TargetShape", "(4, 0, 192)")]
    [InlineData("[Reshape(-2, 384)]", "TargetShape", "one of which may be -1")]
    [InlineData("[Reshape(-1, 3, -1)]", "TargetShape", "(-1, 3, -1)")]
    public void DSL007_out_of_range_options_are_reported_on_their_attribute(string layer, string option, string fragment)
    {
        var source = Usings + $"""
            [Input(3, 16, 16)]
            {layer}
            [Flatten]
            [Dense(2)]
            public partial class BadOption;
            """;
        var diagnostic = DiagnosticAssert.Single(source, "DSL007", layer, option);
        Assert.Contains(fragment, diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[ZeroPadding2D(1, 2, 3)]", "3 were", "4 (top, bottom, left, right)")]
    [InlineData("[Cropping2D(1, 1, 1, 1, 1)]", "5 were", "4 (top, bottom, left, right)")]
    [InlineData("[Cropping2D]", "0 were", "1 value (every side)")]
    [InlineData("[UpSampling2D(1, 2, 3)]", "3 were", "2 (height, width)")]
    [InlineData("[Reshape(1, 2, 3, 256)]", "4 were", "1 to 3 values")]
    [InlineData("[Reshape]", "0 were", "1 to 3 values")]
    public void DSL012_side_lists_factors_and_shapes_take_their_numbers_of_values(string layer, string given, string takes)
    {
        var source = Usings + $"""
            [Input(3, 16, 16)]
            {layer}
            [Flatten]
            [Dense(2)]
            public partial class WrongCount;
            """;
        var diagnostic = DiagnosticAssert.Single(source, "DSL012", layer, given);
        Assert.Contains(takes, diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Activation((Activation)42)]", "42")]
    [InlineData("[UpSampling2D(2, Interpolation = (Interpolation)7)]", "7")]
    public void DSL014_undefined_activations_and_interpolations_are_reported(string layer, string value)
    {
        var source = Usings + $"""
            [Input(3, 16, 16)]
            {layer}
            [Flatten]
            [Dense(2)]
            public partial class CastEnum;
            """;
        DiagnosticAssert.Single(source, "DSL014", layer, value);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("-0.5")]
    [InlineData("double.NaN")]
    public void DSL006_a_spatial_dropout_rate_outside_zero_to_one_is_reported(string rate)
    {
        var source = Usings + $"""
            [Input(3, 16, 16)]
            [SpatialDropout2D({rate})]
            [Flatten]
            [Dense(2)]
            public partial class BadSpatialDropout;
            """;
        DiagnosticAssert.Single(source, "DSL006", "[SpatialDropout2D(", "spatial_dropout2d_1");
    }

    [Theory]
    [InlineData("[Cropping2D(2)]", "(3, 0, 2)")]
    [InlineData("[Cropping2D(0, 0, 1, 5)]", "(3, 4, 0)")]
    [InlineData("[Cropping2D(3, 1)]", "(3, -2, 4)")]
    public void DSL002_cropping_everything_away_shows_the_would_be_shape(string layer, string shape)
    {
        var source = Usings + $"""
            [Input(3, 4, 6)]
            [Conv2D(3, 1)]
            {layer}
            [Flatten]
            [Dense(2)]
            public partial class CroppedAway;
            """;
        var diagnostic = DiagnosticAssert.Single(source, "DSL002", layer, shape);
        Assert.Contains("off its input (3, 4, 6) from 'conv2d_1'", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void DSL033_a_reshape_to_another_number_of_values_shows_both_counts()
    {
        var source = Usings + """
            [Input(16)]
            [Dense(196)]
            [Reshape(4, 7, 8)]
            public partial class WrongCount;
            """;
        var diagnostic = DiagnosticAssert.Single(source, "DSL033", "[Reshape(4, 7, 8)]", "'reshape_1'");
        Assert.Equal(
            "'reshape_1' cannot reshape (196) from 'dense_1' (196 values) into (4, 7, 8), which holds 224 values; a reshape keeps the number of values",
            diagnostic.GetMessage());
    }

    [Fact]
    public void DSL033_a_reshape_whose_minus_one_cannot_be_whole_says_why()
    {
        var source = Usings + """
            [Input(3, 10, 10)]
            [Reshape(7, -1)]
            public partial class NoWholeSize;
            """;
        var diagnostic = DiagnosticAssert.Single(source, "DSL033", "[Reshape(7, -1)]", "300 is not a multiple of 7");
        Assert.Contains("(3, 10, 10) from the input (300 values) into (7, -1)", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[ZeroPadding2D(1)]", "ZeroPadding2D")]
    [InlineData("[Cropping2D(1)]", "Cropping2D")]
    [InlineData("[UpSampling2D(2)]", "UpSampling2D")]
    [InlineData("[GlobalMaxPool2D]", "GlobalMaxPooling2D")]
    [InlineData("[SpatialDropout2D(0.1)]", "SpatialDropout2D")]
    public void DSL004_image_layers_on_a_flat_input_are_reported(string layer, string kerasClass)
    {
        var source = Usings + $"""
            [Input(1, 8, 8)]
            [Flatten]
            {layer}
            public partial class FlatImageLayer;
            """;
        DiagnosticAssert.Single(source, "DSL004", layer, "(" + kerasClass + ") needs an image input");
    }

    [Theory]
    [InlineData("[ZeroPadding2D(1)]", "ZeroPadding2D")]
    [InlineData("[Cropping2D(1)]", "Cropping2D")]
    [InlineData("[UpSampling2D(2)]", "UpSampling2D")]
    [InlineData("[GlobalMaxPool2D]", "GlobalMaxPooling2D")]
    [InlineData("[SpatialDropout2D(0.1)]", "SpatialDropout2D")]
    public void DSL026_image_layers_on_a_sequence_are_reported(string layer, string kerasClass)
    {
        var source = Usings + $"""
            [Input(4, 10)]
            {layer}
            public partial class SequenceImageLayer;
            """;
        var diagnostic = DiagnosticAssert.Single(source, "DSL026", layer, "(" + kerasClass + ") needs an image input (channels, height, width)");
        Assert.Contains("the sequence shape (4, 10) from the input", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Softmax")]
    [InlineData("LogSoftmax")]
    public void DSL011_a_softmax_activation_layer_before_the_last_layer_warns_on_that_layer(string activation)
    {
        var source = Usings + $"""
            [Input(10)]
            [Dense(8)]
            [Activation(Activation.{activation})]
            [Dense(2)]
            public partial class EarlySoftmaxLayer;
            """;
        var output = GeneratorHarness.Run(new[] { source });
        var diagnostic = Assert.Single(output.GeneratorDiagnostics);
        Assert.Equal("DSL011", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(DiagnosticAssert.LineOf(source, "[Activation(Activation."), DiagnosticAssert.Line(diagnostic));
        Assert.Contains("'activation_1' applies " + activation, diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("App.EarlySoftmaxLayer.g.cs", output.GeneratedSources.Keys);
    }

    [Fact]
    public void A_final_softmax_activation_layer_is_left_out_of_the_logits()
    {
        var source = Usings + """
            [Input(10)]
            [Dense(3)]
            [Activation(Activation.Softmax)]
            public partial class SoftmaxLayer;
            """;
        var output = GeneratorHarness.Run(new[] { source });
        Assert.Empty(output.GeneratorDiagnostics);
        var code = output.GeneratedSources["App.SoftmaxLayer.g.cs"];
        Assert.Contains("forward(global::TorchSharp.torch.Tensor input) => global::TorchSharp.torch.nn.functional.softmax(ForwardLogits(input), 1L);", code, StringComparison.Ordinal);
        int start = code.IndexOf("ForwardLogits(global::", StringComparison.Ordinal);
        var logits = code[start..code.IndexOf("ExportOnnx", start, StringComparison.Ordinal)];
        Assert.Contains("x = activation_1.call(x);\n", logits.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("softmax", logits, StringComparison.Ordinal);
        Assert.Empty(output.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void Shapes_counts_and_names_follow_keras()
    {
        var source = Usings + """
            [Input(3, 9, 11)]
            [Rescaling(1.0 / 255)]
            [ZeroPadding2D]
            [ZeroPadding2D(1, 2)]
            [ZeroPadding2D(1, 0, 2, 1)]
            [Cropping2D(1)]
            [Cropping2D(2, 1)]
            [Cropping2D(1, 0, 2, 1)]
            [UpSampling2D]
            [UpSampling2D(2, 3, Interpolation = Interpolation.Bilinear)]
            [LayerNorm]
            [SpatialDropout2D(0.3)]
            [Activation(Activation.ReLU)]
            [Reshape(3, -1)]
            [LayerNorm(Epsilon = 1e-5)]
            [Reshape(6, 14, -1)]
            [GlobalMaxPool2D]
            [LayerNorm]
            public partial class Shapes;
            """;
        var analysis = Analyse(source);
        Assert.Equal(
            new[]
            {
                "rescaling_1 Rescaling (3, 9, 11) 0",
                "zero_padding2d_1 ZeroPadding2D (3, 11, 13) 0",
                "zero_padding2d_2 ZeroPadding2D (3, 13, 17) 0",
                "zero_padding2d_3 ZeroPadding2D (3, 14, 20) 0",
                "cropping2d_1 Cropping2D (3, 12, 18) 0",
                "cropping2d_2 Cropping2D (3, 8, 16) 0",
                "cropping2d_3 Cropping2D (3, 7, 13) 0",
                "up_sampling2d_1 UpSampling2D (3, 14, 26) 0",
                "up_sampling2d_2 UpSampling2D (3, 28, 78) 0",
                "layer_normalization_1 LayerNormalization (3, 28, 78) 6",
                "spatial_dropout2d_1 SpatialDropout2D (3, 28, 78) 0",
                "activation_1 Activation (3, 28, 78) 0",
                "reshape_1 Reshape (3, 2184) 0",
                "layer_normalization_2 LayerNormalization (3, 2184) 4368",
                "reshape_2 Reshape (6, 14, 78) 0",
                "global_max_pooling2d_1 GlobalMaxPooling2D (6) 0",
                "layer_normalization_3 LayerNormalization (6) 12",
            },
            analysis.Layers.Select(l => l.Name + " " + l.TypeName + " " + Invariant.SampleShape(l.OutputShape) + " " + l.Parameters));
        Assert.Equal(6 + 4_368 + 12, analysis.TrainableParameters);
        Assert.Equal(Activation.ReLU, analysis.Layers.Single(l => l.Name == "activation_1").Activation);
    }

    [Fact]
    public void A_model_of_every_shaping_kind_compiles_without_warnings()
    {
        var source = Usings + """
            [Input(2, 6, 6)]
            [Rescaling(2.0, Offset = -1.0)]
            [ZeroPadding2D(1, 0, 2, 1)]
            [Cropping2D(0, 1)]
            [UpSampling2D(1)]
            [UpSampling2D(2, Interpolation = Interpolation.Bilinear)]
            [LayerNorm]
            [SpatialDropout2D(0.2)]
            [Activation(Activation.HardSigmoid)]
            [Reshape(-1, 2, 14)]
            [GlobalMaxPool2D]
            [Activation(Activation.Softmax)]
            public partial class EveryShapingKind;
            """;
        var output = GeneratorHarness.Run(new[] { source });
        output.AssertGeneratorHealthy();
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Empty(output.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    private static ModelAnalysis Analyse(string source)
    {
        var output = GeneratorHarness.Run(new[] { source });
        output.AssertGeneratorHealthy();
        Assert.Empty(output.GeneratorDiagnostics);
        return output.StepOutputs(TrackingNames.Analysis).Select(o => ((ModelOutcome)o.Value).Analysis!).Single();
    }
}
