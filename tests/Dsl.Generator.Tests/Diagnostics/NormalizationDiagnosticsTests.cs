using System;
using System.Linq;
using Dsl.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Tests.Diagnostics;

/// <summary>
/// Normalization, Permute, RepeatVector, Rescaling's per-channel scales and the merges' Keras 3 broadcasting in the
/// attribute form: the code each becomes, Keras's counts (2K + 1 non-trainable values to adapt, none for constants), the
/// shapes broadcasting gives, and every error on its attribute (DSL071–DSL075, DSL021 with both shapes, DSL007).
/// </summary>
public class NormalizationDiagnosticsTests
{
    private const string Usings = "using Dsl;\nnamespace App;\n";

    /// <summary>The generated source of a model, with no diagnostic.</summary>
    private static string Generate(string body)
    {
        var run = GeneratorHarness.Run(new[] { Usings + body + "\npublic partial class Net;\n" });
        run.AssertGeneratorHealthy();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        return run.GeneratedSources["App.Net.g.cs"];
    }

    [Theory]
    // Keras's default axis -1 is the channels: axis 0 of the (C, H, W) sample.
    [InlineData("[Input(3, 16, 12)]", "[Normalization]", "new global::Dsl.Modules.Normalization(new long[] { 3L, 16L, 12L }, new long[] { 0L }, false)")]
    // Keras's axes 1 and 2 of (N, H, W, C) are the height and the width.
    [InlineData("[Input(3, 16, 12)]", "[Normalization(Axis = new[] { 2, 1 })]", "new long[] { 1L, 2L }, false)")]
    [InlineData("[Input(3, 16, 12)]", "[Normalization(Axis = new[] { -3 })]", "new long[] { 1L }, false)")]
    [InlineData("[Input(3, 16, 12)]", "[Normalization(Axis = new int[0], Invert = true)]", "new long[] {  }, true)")]
    [InlineData("[Input(5, 4)]", "[Normalization]", "new global::Dsl.Modules.Normalization(new long[] { 5L, 4L }, new long[] { 1L }, false)")]
    [InlineData("[Input(3, 16, 12)]", "[Normalization(Mean = new[] { 0.5 }, Variance = new[] { 2.0 })]", ", false, new double[] { 0.5 }, new double[] { 2.0 })")]
    [InlineData("[Input(3, 16, 12)]", "[Permute(2, 1, 3)]", "x.permute(0L, 1L, 3L, 2L)")]
    [InlineData("[Input(5, 4)]", "[Permute(2, 1)]", "x.permute(0L, 2L, 1L)")]
    [InlineData("[Input(6)]", "[RepeatVector(3)]", "x.unsqueeze(1L).repeat(1L, 3L, 1L)")]
    [InlineData("[Input(3, 16, 12)]", "[Rescaling(0.5, 2.0, -1.0)]", "global::Dsl.Support.KerasScale.PerChannel(x, new float[] { (float)0.5, (float)2.0, (float)-1.0 }, 1L)")]
    [InlineData("[Input(3, 16, 12)]", "[Rescaling(\"scale: [1, 2, 3], offset: 1\")]", "global::Dsl.Support.KerasScale.PerChannel(x, new float[] { (float)1.0, (float)2.0, (float)3.0 }, 1L) + 1.0")]
    public void Each_kind_becomes_its_code_with_kerass_defaults(string input, string layer, string code)
    {
        string source = Generate(input + "\n" + layer);
        Assert.Contains(code, source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Normalization]", 7, 0)]
    [InlineData("[Normalization(Axis = new[] { 1, 2 })]", 16 * 12 * 2 + 1, 0)]
    [InlineData("[Normalization(Axis = new int[0])]", 3, 0)]
    [InlineData("[Normalization(Mean = new[] { 0.5, 1, 2 }, Variance = new[] { 1.0, 2, 3 })]", 0, 0)]
    public void Normalization_counts_kerass_weights_mean_variance_and_count_as_non_trainable(string layer, long parameters, long trainable)
    {
        string source = Generate("[Input(3, 16, 12)]\n" + layer);
        Assert.Contains("public const long ParameterCount = " + parameters + "L;", source, StringComparison.Ordinal);
        Assert.Contains("public const long TrainableParameterCount = " + trainable + "L;", source, StringComparison.Ordinal);
    }

    [Theory]
    // Squeeze-and-excitation: (C, 1, 1) times (C, H, W), either order.
    [InlineData("[Input(8, 6, 5, Name = \"a\")]\n[Input(8, 1, 1, Name = \"b\")]\n[Multiply(\"a\", \"b\")]", "(None, 8, 6, 5)")]
    [InlineData("[Input(8, 1, 1, Name = \"a\")]\n[Input(8, 6, 5, Name = \"b\")]\n[Add(\"a\", \"b\")]", "(None, 8, 6, 5)")]
    // (1, 6, 1) and (8, 1, 5) stretch each other.
    [InlineData("[Input(1, 6, 1, Name = \"a\")]\n[Input(8, 1, 5, Name = \"b\")]\n[Maximum(\"a\", \"b\")]", "(None, 8, 6, 5)")]
    // A flat (8) beside an image is its channels, as Keras's (8) beside (6, 5, 8).
    [InlineData("[Input(8, 6, 5, Name = \"a\")]\n[Input(8, Name = \"b\")]\n[Subtract(\"a\", \"b\")]", "(None, 8, 6, 5)")]
    // A (5, 8) sequence beside an image runs along the width and the channels.
    [InlineData("[Input(5, 8, Name = \"a\")]\n[Input(8, 6, 5, Name = \"b\")]\n[Average(\"a\", \"b\")]", "(None, 8, 6, 5)")]
    [InlineData("[Input(4, Name = \"a\")]\n[Input(3, 4, Name = \"b\")]\n[Minimum(\"a\", \"b\")]", "(None, 3, 4)")]
    public void Merges_broadcast_as_kerass_do(string body, string shape)
    {
        string source = Generate(body);
        Assert.Contains("public static global::System.Collections.Generic.IReadOnlyList<int> OutputShape", source, StringComparison.Ordinal);
        Assert.Matches("_1 \\((Multiply|Add|Maximum|Subtract|Average|Minimum)\\) +" + System.Text.RegularExpressions.Regex.Escape(shape), source);
    }

    [Theory]
    [InlineData("[Input(8, 6, 5, Name = \"a\")]\n[Input(4, 6, 5, Name = \"b\")]\n[Add(\"a\", \"b\")]", "[Add(\"a\", \"b\")]", "'a' (8, 6, 5), 'b' (4, 6, 5)")]
    [InlineData("[Input(8, 6, 5, Name = \"a\")]\n[Input(6, Name = \"b\")]\n[Multiply(\"a\", \"b\")]", "[Multiply(\"a\", \"b\")]", "'a' (8, 6, 5), 'b' (6)")]
    [InlineData("[Input(8, 6, 5, Name = \"a\")]\n[Input(8, 6, Name = \"b\")]\n[Maximum(\"a\", \"b\")]", "[Maximum(\"a\", \"b\")]", "'b' (8, 6)")]
    public void DSL021_shapes_that_do_not_broadcast_name_both_shapes(string body, string at, string shapes)
    {
        var diagnostic = DiagnosticAssert.Single(Usings + body + "\npublic partial class Net;\n", "DSL021", at, shapes);
        Assert.Contains("broadcast as Keras's do", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Normalization(Axis = new[] { 0 })]", "axis 0 is the batch, whose size is not known")]
    [InlineData("[Normalization(Axis = new[] { -4 })]", "axis -4 is the batch")]
    [InlineData("[Normalization(Axis = new[] { 4 })]", "there is no axis 4")]
    [InlineData("[Normalization(Axis = new[] { 3, -1 })]", "axis -1 is given twice")]
    public void DSL071_an_axis_that_does_not_fit_is_reported_on_its_attribute(string layer, string fragment)
    {
        var diagnostic = DiagnosticAssert.Single(Usings + "[Input(3, 16, 12)]\n" + layer + "\npublic partial class Net;\n", "DSL071", layer, fragment);
        Assert.Contains("1 to 3 (height, width, channels) or -3 to -1", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Normalization(Mean = new[] { 1.0 })]", "gives a mean but not a variance")]
    [InlineData("[Normalization(Variance = new[] { 1.0 })]", "gives a variance but not a mean")]
    public void DSL072_a_mean_without_a_variance_is_reported(string layer, string fragment) =>
        DiagnosticAssert.Single(Usings + "[Input(3, 16, 12)]\n" + layer + "\npublic partial class Net;\n", "DSL072", layer, fragment);

    [Theory]
    [InlineData("[Normalization(Mean = new[] { 1.0, 2 }, Variance = new[] { 1.0, 2 })]", "has 2 mean and 2 variance values, but its kept axes hold 3 positions")]
    [InlineData("[Normalization(Mean = new[] { 1.0 }, Variance = new[] { 1.0, 2, 3 })]", "has 1 mean and 3 variance values")]
    public void DSL073_statistics_of_the_wrong_size_are_reported(string layer, string fragment) =>
        DiagnosticAssert.Single(Usings + "[Input(3, 16, 12)]\n" + layer + "\npublic partial class Net;\n", "DSL073", layer, fragment);

    [Fact]
    public void DSL007_a_negative_variance_is_reported() =>
        DiagnosticAssert.Single(Usings + "[Input(3, 16, 12)]\n[Normalization(Mean = new[] { 1.0 }, Variance = new[] { -1.0 })]\npublic partial class Net;\n",
            "DSL007", "[Normalization(Mean = new[] { 1.0 }, Variance = new[] { -1.0 })]", "Variance of 'normalization_1' must be finite numbers of at least 0");

    [Theory]
    [InlineData("[Input(3, 16, 12)]", "[Permute(1, 1, 2)]", "dims (1, 1, 2), which is not a permutation of 1 to 3", "(height, width, channels)")]
    [InlineData("[Input(3, 16, 12)]", "[Permute(2, 1)]", "not a permutation of 1 to 3", "(3, 16, 12)")]
    [InlineData("[Input(5, 4)]", "[Permute(0, 1)]", "dims (0, 1)", "(steps, features)")]
    public void DSL074_dims_that_are_not_a_permutation_are_reported(string input, string layer, string fragment, string order)
    {
        var diagnostic = DiagnosticAssert.Single(Usings + input + "\n" + layer + "\npublic partial class Net;\n", "DSL074", layer, fragment);
        Assert.Contains(order, diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Input(3, 16, 12)]", "the image shape (3, 16, 12) from the input")]
    [InlineData("[Input(5, 4)]", "the sequence shape (5, 4)")]
    public void DSL075_repeat_vector_on_an_input_that_is_not_flat(string input, string fragment) =>
        DiagnosticAssert.Single(Usings + input + "\n[RepeatVector(2)]\npublic partial class Net;\n", "DSL075", "[RepeatVector(2)]", fragment);

    [Fact]
    public void DSL007_per_channel_scales_must_be_one_per_channel() =>
        DiagnosticAssert.Single(Usings + "[Input(3, 16, 12)]\n[Rescaling(1.0, 2.0)]\npublic partial class Net;\n", "DSL007", "[Rescaling(1.0, 2.0)]",
            "Scale of 'rescaling_1' must be one value or 3 (one per channel of its input (3, 16, 12), from the input), but is 2 values");
}
