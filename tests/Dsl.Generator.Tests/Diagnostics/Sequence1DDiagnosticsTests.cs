using System;
using System.Linq;
using Dsl.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Tests.Diagnostics;

/// <summary>The 1-D sequence kinds' checks in the attribute form, each on the attribute that is wrong.</summary>
public class Sequence1DDiagnosticsTests
{
    private const string Usings = "using Dsl;\nnamespace App;\n";

    [Fact]
    public void A_model_of_every_sequence_kind_generates_without_diagnostics()
    {
        var source = Usings + """
            [Input(32, 4)]
            [Conv1D(8, 3, Padding = Padding.Causal, DilationRate = 4, Activation = Activation.ReLU)]
            [Conv1D(8, 4, Stride = 2, Padding = Padding.Same, UseBias = false)]
            [MaxPool1D(2, Padding = Padding.Same, Name = "pooled")]
            [AvgPool1D(3, Stride = 1, Padding = Padding.Same)]
            [GlobalAvgPool1D(Name = "mean")]
            [GlobalMaxPool1D(From = "pooled", Name = "max")]
            [Concatenate("mean", "max")]
            [Dense(2)]
            public partial class Sequences;
            """;
        var output = GeneratorHarness.Run(new[] { source });
        output.AssertGeneratorHealthy();
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Empty(output.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var generated = output.GeneratedSources["App.Sequences.g.cs"];
        Assert.Contains("Total params: 394", generated, StringComparison.Ordinal);
        Assert.Contains("conv1d_1 (Conv1D)", generated, StringComparison.Ordinal);
        Assert.Contains("(None, 16, 8)", generated, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Conv1D(0, 3)]", "Filters")]
    [InlineData("[Conv1D(8, 0)]", "KernelSize")]
    [InlineData("[Conv1D(8, 3, Stride = 0)]", "Stride")]
    [InlineData("[Conv1D(8, 3, DilationRate = 0)]", "DilationRate")]
    [InlineData("[Conv1D(8, 3, DilationRate = -2)]", "DilationRate")]
    [InlineData("[MaxPool1D(0)]", "PoolSize")]
    [InlineData("[MaxPool1D(2, Stride = -1)]", "Stride")]
    [InlineData("[AvgPool1D(-3)]", "PoolSize")]
    [InlineData("[AvgPool1D(2, Stride = -2)]", "Stride")]
    public void DSL007_non_positive_sizes_strides_and_dilation_rates_are_reported(string layer, string option)
    {
        var diagnostic = AssertSingleOnSequence(layer, "DSL007");
        Assert.StartsWith(option + " of '", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void DSL007_a_stride_above_one_with_a_dilation_rate_above_one_is_refused_as_in_keras()
    {
        var diagnostic = AssertSingleOnSequence("[Conv1D(8, 3, Stride = 2, DilationRate = 2)]", "DSL007");
        Assert.Equal(
            "DilationRate of 'conv1d_1' must be 1 when Stride is above 1 (Keras does not support strides > 1 with dilation_rate > 1; Stride is 2), but is 2",
            diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("[Conv1D(8, 3, Stride = 2)]")]
    [InlineData("[Conv1D(8, 3, DilationRate = 2)]")]
    [InlineData("[Conv1D(8, 3, Stride = 1, DilationRate = 3, Padding = Padding.Causal)]")]
    public void A_stride_or_a_dilation_rate_alone_is_fine(string layer)
    {
        var output = GeneratorHarness.Run(new[] { SequenceModel(layer) });
        output.AssertGeneratorHealthy();
        Assert.Empty(output.GeneratorDiagnostics);
    }

    [Theory]
    [InlineData("[MaxPool1D(2, Padding = Padding.Causal)]", "(16, 4)")]
    [InlineData("[AvgPool1D(2, Padding = Padding.Causal)]", "(16, 4)")]
    [InlineData("[Conv2D(8, 3, Padding = Padding.Causal)]", "(3, 16, 16)")]
    [InlineData("[MaxPool2D(2, Padding = Padding.Causal)]", "(3, 16, 16)")]
    public void DSL007_causal_padding_anywhere_but_conv1d_is_reported(string layer, string input)
    {
        var source = Usings + $"""
            [Input{input}]
            {layer}
            [Flatten]
            [Dense(2)]
            public partial class NotCausal;
            """;
        var diagnostic = DiagnosticAssert.Single(source, "DSL007", layer);
        Assert.Contains("Padding of '", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("must be valid or same (causal padding is for Conv1D only), but is causal", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Conv1D(8, 3, Padding = (Padding)7)]")]
    [InlineData("[MaxPool1D(2, Padding = (Padding)3)]")]
    public void DSL014_an_undefined_padding_is_reported(string layer) =>
        Assert.Contains("Padding", AssertSingleOnSequence(layer, "DSL014").GetMessage(), StringComparison.Ordinal);

    [Theory]
    [InlineData("[Conv1D(4, 5)]", "'conv1d_1' has a kernel of 5 steps but its input is only 4 steps (from the input); with valid padding its output would be (0, 4)")]
    [InlineData("[Conv1D(4, 3, DilationRate = 2)]", "'conv1d_1' has a kernel of 5 steps (3 taps at dilation rate 2) but its input is only 4 steps (from the input); with valid padding its output would be (0, 4)")]
    [InlineData("[MaxPool1D(5, Stride = 1)]", "'max_pooling1d_1' has a pool window of 5 steps but its input is only 4 steps (from the input); with valid padding its output would be (0, 2)")]
    [InlineData("[AvgPool1D(6)]", "'average_pooling1d_1' has a pool window of 6 steps but its input is only 4 steps (from the input); with valid padding its output would be (0, 2)")]
    public void DSL003_a_window_longer_than_its_sequence_is_reported_on_that_layer(string layer, string message)
    {
        var source = Usings + $"""
            [Input(4, 2)]
            {layer}
            [Flatten]
            [Dense(2)]
            public partial class ShortSequence;
            """;
        Assert.StartsWith(message, DiagnosticAssert.Single(source, "DSL003", layer).GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Conv1D(4, 5, Padding = Padding.Same)]")]
    [InlineData("[Conv1D(4, 3, DilationRate = 3, Padding = Padding.Causal)]")]
    [InlineData("[MaxPool1D(8, Padding = Padding.Same)]")]
    public void Same_and_causal_padding_let_a_window_exceed_the_sequence(string layer)
    {
        var source = Usings + $"""
            [Input(4, 2)]
            {layer}
            [Flatten]
            [Dense(2)]
            public partial class ShortSequence;
            """;
        var output = GeneratorHarness.Run(new[] { source });
        output.AssertGeneratorHealthy();
        Assert.Empty(output.GeneratorDiagnostics);
    }

    [Theory]
    [InlineData("[Conv2D(8, 3)]", "'conv2d_1' (Conv2D) needs an image input (channels, height, width), but receives the sequence shape (16, 4) from the input")]
    [InlineData("[MaxPool2D(2)]", "'max_pooling2d_1' (MaxPooling2D) needs an image input (channels, height, width), but receives the sequence shape (16, 4) from the input")]
    [InlineData("[AvgPool2D(2)]", "'average_pooling2d_1' (AveragePooling2D) needs an image input (channels, height, width), but receives the sequence shape (16, 4) from the input")]
    [InlineData("[GlobalAvgPool2D]", "'global_average_pooling2d_1' (GlobalAveragePooling2D) needs an image input (channels, height, width), but receives the sequence shape (16, 4) from the input")]
    public void DSL026_a_two_dimensional_layer_on_a_sequence_is_reported(string layer, string message) =>
        Assert.Equal(message, AssertSingleOnSequence(layer, "DSL026").GetMessage());

    [Theory]
    [InlineData("[Conv1D(8, 3)]", "'conv1d_1' (Conv1D) needs a sequence input (steps, features), but receives the image shape (3, 16, 16) from the input")]
    [InlineData("[MaxPool1D(2)]", "'max_pooling1d_1' (MaxPooling1D) needs a sequence input (steps, features), but receives the image shape (3, 16, 16) from the input")]
    [InlineData("[AvgPool1D(2)]", "'average_pooling1d_1' (AveragePooling1D) needs a sequence input (steps, features), but receives the image shape (3, 16, 16) from the input")]
    [InlineData("[GlobalAvgPool1D]", "'global_average_pooling1d_1' (GlobalAveragePooling1D) needs a sequence input (steps, features), but receives the image shape (3, 16, 16) from the input")]
    [InlineData("[GlobalMaxPool1D]", "'global_max_pooling1d_1' (GlobalMaxPooling1D) needs a sequence input (steps, features), but receives the image shape (3, 16, 16) from the input")]
    public void DSL026_a_one_dimensional_layer_on_an_image_is_reported(string layer, string message)
    {
        var source = Usings + $"""
            [Input(3, 16, 16)]
            {layer}
            [Flatten]
            [Dense(2)]
            public partial class OneDOnImage;
            """;
        Assert.Equal(message, DiagnosticAssert.Single(source, "DSL026", layer).GetMessage());
    }

    [Fact]
    public void DSL026_a_one_dimensional_layer_after_flatten_names_the_flat_shape_and_its_producer()
    {
        var source = Usings + """
            [Input(16, 4)]
            [Flatten]
            [Conv1D(8, 3)]
            public partial class ConvAfterFlatten;
            """;
        Assert.Equal(
            "'conv1d_1' (Conv1D) needs a sequence input (steps, features), but receives the flat shape (64) from 'flatten_1'",
            DiagnosticAssert.Single(source, "DSL026", "[Conv1D(8, 3)]").GetMessage());
    }

    [Fact]
    public void Dense_on_a_sequence_applies_to_the_features_of_every_step_as_in_keras()
    {
        // Keras: Dense(2) on (None, 14, 8) gives (None, 14, 2) with 8·2 + 2 = 18 parameters, shared by the steps.
        var source = Usings + """
            [Input(16, 4)]
            [Conv1D(8, 3)]
            [Dense(2)]
            [ExpectParameters(122)]
            public partial class DenseOnSequence;
            """;
        var output = GeneratorHarness.Run(new[] { source });
        output.AssertGeneratorHealthy();
        Assert.Empty(output.GeneratorDiagnostics);
        var generated = output.GeneratedSources["App.DenseOnSequence.g.cs"];
        Assert.Contains("(None, 14, 2)", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void DSL008_expect_parameters_counts_conv1d_as_keras_does()
    {
        // Keras: 3·4·8 + 8 = 104 for the convolution, 8·14·2 + 2 = 226 for Dense.
        var source = Usings + """
            [Input(16, 4)]
            [Conv1D(8, 3)]
            [Flatten]
            [Dense(2)]
            [ExpectParameters(331)]
            public partial class Counted;
            """;
        Assert.Contains("has 330 parameters", DiagnosticAssert.Single(source, "DSL008", "[ExpectParameters(331)]").GetMessage(), StringComparison.Ordinal);
    }

    /// <summary>The layer alone on a (16, 4) sequence, then Flatten and Dense.</summary>
    private static string SequenceModel(string layer) => Usings + $"""
        [Input(16, 4)]
        {layer}
        [Flatten]
        [Dense(2)]
        public partial class OnSequence;
        """;

    private static Diagnostic AssertSingleOnSequence(string layer, string id) => DiagnosticAssert.Single(SequenceModel(layer), id, layer);
}
