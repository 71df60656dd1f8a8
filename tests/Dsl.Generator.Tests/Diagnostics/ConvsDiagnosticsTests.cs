using System;
using System.Linq;
using Dsl.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Tests.Diagnostics;

/// <summary>
/// The 2-D convolution family's checks (Conv2DTranspose, DepthwiseConv2D, SeparableConv2D, Conv2D's dilation rate and
/// groups), each reported once, on the line of the attribute that is wrong.
/// </summary>
public class ConvsDiagnosticsTests
{
    private const string Usings = "using Dsl;\nnamespace App;\n";

    [Fact]
    public void The_family_generates_without_diagnostics_and_compiles()
    {
        var source = Usings + """
            [Input(4, 9, 9)]
            [Conv2D(8, 3, DilationRate = 2, Groups = 2, Padding = Padding.Same)]
            [Conv2D(8, 2, DilationRates = new[] { 1, 3 }, Padding = Padding.Same)]
            [DepthwiseConv2D(3, DepthMultiplier = 2, Stride = 2, Padding = Padding.Same)]
            [SeparableConv2D(6, 2, 3, DepthMultiplier = 2, Padding = Padding.Same)]
            [Conv2DTranspose(4, 3, Stride = 2, Padding = Padding.Same)]
            [Conv2DTranspose(2, 3, 4, Strides = new[] { 2, 3 }, Padding = Padding.Same)]
            [Flatten]
            [Dense(2)]
            public partial class Family;
            """;
        var output = GeneratorHarness.Run(new[] { source });
        output.AssertGeneratorHealthy();
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Empty(output.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var generated = output.GeneratedSources["App.Family.g.cs"];
        Assert.Contains("nn.Conv2d(4L, 8L, (3L, 3L), stride: (1L, 1L), padding: (2L, 2L), dilation: (2L, 2L), groups: 2L, bias: true)", generated, StringComparison.Ordinal);
        Assert.Contains("public readonly global::TorchSharp.Modules.Sequential separable_conv2d_1;", generated, StringComparison.Ordinal);
        Assert.Contains("public readonly global::TorchSharp.Modules.ConvTranspose2d conv2d_transpose_2;", generated, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Conv2D(8, 3, DilationRate = 0)]", "DilationRate")]
    [InlineData("[Conv2D(8, 3, DilationRates = new[] { 1, 0 })]", "DilationRate")]
    [InlineData("[Conv2D(8, 3, Groups = 0)]", "Groups")]
    [InlineData("[Conv2DTranspose(0, 3)]", "Filters")]
    [InlineData("[Conv2DTranspose(8, 0)]", "KernelSize")]
    [InlineData("[Conv2DTranspose(8, 3, Stride = 0)]", "Stride")]
    [InlineData("[Conv2DTranspose(8, 3, DilationRate = -1)]", "DilationRate")]
    [InlineData("[Conv2DTranspose(8, 3, Padding = Padding.Causal)]", "causal padding is for Conv1D only")]
    [InlineData("[DepthwiseConv2D(0)]", "KernelSize")]
    [InlineData("[DepthwiseConv2D(3, DepthMultiplier = 0)]", "DepthMultiplier")]
    [InlineData("[DepthwiseConv2D(3, Strides = new[] { 0, 1 })]", "Stride")]
    [InlineData("[SeparableConv2D(0, 3)]", "Filters")]
    [InlineData("[SeparableConv2D(8, 3, -3)]", "KernelSize")]
    [InlineData("[SeparableConv2D(8, 3, DepthMultiplier = -2)]", "DepthMultiplier")]
    public void DSL007_out_of_range_options_are_reported(string layer, string fragment)
    {
        var source = Usings + $"""
            [Input(3, 16, 16)]
            {layer}
            [Flatten]
            [Dense(2)]
            public partial class BadOption;
            """;
        DiagnosticAssert.Single(source, "DSL007", layer, fragment);
    }

    [Theory]
    [InlineData("[Conv2D(8, 3, DilationRates = new[] { 1, 2, 3 })]", "3 were")]
    [InlineData("[Conv2DTranspose(8, 3, 3, 3)]", "3 were")]
    [InlineData("[DepthwiseConv2D]", "0 were")]
    [InlineData("[SeparableConv2D(8, 1, 2, 3)]", "3 were")]
    [InlineData("[Conv2DTranspose(8, 3, DilationRates = new int[0])]", "0 were")]
    public void DSL012_windows_and_rates_take_one_or_two_values(string layer, string given)
    {
        var source = Usings + $"""
            [Input(3, 16, 16)]
            {layer}
            [Flatten]
            [Dense(2)]
            public partial class WrongCount;
            """;
        DiagnosticAssert.Single(source, "DSL012", layer, given);
    }

    [Theory]
    [InlineData("[Conv2D(8, 3, Stride = 2, DilationRate = 2)]", "strides (2, 2) and dilation rate (2, 2)")]
    [InlineData("[Conv2D(8, 3, Strides = new[] { 1, 2 }, DilationRates = new[] { 3, 1 })]", "strides (1, 2) and dilation rate (3, 1)")]
    [InlineData("[Conv2DTranspose(8, 3, Stride = 3, DilationRates = new[] { 1, 2 })]", "strides (3, 3) and dilation rate (1, 2)")]
    public void DSL030_a_stride_above_one_with_a_dilation_above_one_is_reported(string layer, string fragment)
    {
        var source = Usings + $"""
            [Input(3, 16, 16)]
            {layer}
            [Flatten]
            [Dense(2)]
            public partial class StridedDilation;
            """;
        DiagnosticAssert.Single(source, "DSL030", layer, fragment);
    }

    [Fact]
    public void DSL031_groups_that_do_not_divide_the_filters_show_both_numbers()
    {
        var source = Usings + """
            [Input(8, 16, 16)]
            [Conv2D(6, 3, Groups = 4)]
            [Flatten]
            [Dense(2)]
            public partial class UnevenFilters;
            """;
        var diagnostic = DiagnosticAssert.Single(source, "DSL031", "[Conv2D(6, 3, Groups = 4)]", "Groups of 'conv2d_1' is 4");
        Assert.Contains("its 6 filters", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void DSL031_groups_that_do_not_divide_the_input_channels_show_both_numbers_and_the_producer()
    {
        var source = Usings + """
            [Input(3, 16, 16)]
            [Conv2D(5, 3, Name = "stem")]
            [Conv2D(10, 3, Groups = 2)]
            [Flatten]
            [Dense(2)]
            public partial class UnevenChannels;
            """;
        var diagnostic = DiagnosticAssert.Single(source, "DSL031", "[Conv2D(10, 3, Groups = 2)]", "Groups of 'conv2d_1' is 2");
        Assert.Contains("its 5 input channels (from 'stem')", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Conv2DTranspose(4, 3)]")]
    [InlineData("[DepthwiseConv2D(3)]")]
    [InlineData("[SeparableConv2D(4, 3)]")]
    public void DSL004_the_family_on_a_flat_input_is_reported(string layer)
    {
        var source = Usings + $"""
            [Input(64)]
            {layer}
            public partial class FlatInput;
            """;
        DiagnosticAssert.Single(source, "DSL004", layer, "(64)");
    }

    [Theory]
    [InlineData("[Conv2DTranspose(4, 3)]", "Conv2DTranspose")]
    [InlineData("[DepthwiseConv2D(3)]", "DepthwiseConv2D")]
    [InlineData("[SeparableConv2D(4, 3)]", "SeparableConv2D")]
    [InlineData("[Conv2D(4, 3, DilationRate = 2)]", "Conv2D")]
    public void DSL026_the_family_on_a_sequence_is_reported(string layer, string kerasClass)
    {
        var source = Usings + $"""
            [Input(3, 40)]
            {layer}
            [Flatten]
            [Dense(2)]
            public partial class OnSequence;
            """;
        var diagnostic = DiagnosticAssert.Single(source, "DSL026", layer, "(" + kerasClass + ") needs an image input");
        Assert.Contains("sequence shape (3, 40)", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void DSL003_a_dilated_kernel_larger_than_its_input_names_the_dilated_size()
    {
        var source = Usings + """
            [Input(1, 4, 9)]
            [Conv2D(8, 3, DilationRate = 2)]
            [Flatten]
            [Dense(2)]
            public partial class WideDilation;
            """;
        DiagnosticAssert.Single(source, "DSL003", "[Conv2D(8, 3, DilationRate = 2)]", "has a 5x5 dilated kernel but its input is only 4x9");
    }

    [Fact]
    public void DSL003_a_depthwise_kernel_larger_than_its_input_is_reported()
    {
        var source = Usings + """
            [Input(2, 4, 4)]
            [SeparableConv2D(4, 5)]
            public partial class BigSeparable;
            """;
        DiagnosticAssert.Single(source, "DSL003", "[SeparableConv2D(4, 5)]", "(4, 0, 0)");
    }

    [Theory]
    [InlineData("[Conv2DTranspose(2, 3, Stride = 1_000_000_000)]", "The output height and width")]
    [InlineData("[DepthwiseConv2D(1, DepthMultiplier = 1_000_000_000)]", "The depthwise output channels")]
    [InlineData("[SeparableConv2D(2, 1, DepthMultiplier = 1_000_000_000)]", "The depthwise output channels")]
    [InlineData("[Conv2D(2, 3, DilationRate = 2_000_000_000, Padding = Padding.Same)]", "The dilated kernel")]
    public void DSL007_sizes_beyond_a_32_bit_integer_are_reported(string layer, string fragment)
    {
        var source = Usings + $"""
            [Input(3, 4, 4)]
            {layer}
            [Flatten]
            [Dense(2)]
            public partial class Huge;
            """;
        DiagnosticAssert.Single(source, "DSL007", layer, fragment);
    }
}
