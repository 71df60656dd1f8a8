using System;
using System.Linq;
using Dsl.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Tests.Diagnostics;

/// <summary>
/// Keras's image augmentation kinds (RandomFlip, RandomRotation, RandomTranslation, RandomZoom, RandomContrast,
/// RandomCrop) in the attribute form: the module each becomes with Keras's defaults and Keras's reading of a factor, no
/// parameters, the summary's rows and shapes (RandomCrop's output), and every option's error on the attribute.
/// </summary>
public class AugmentationDiagnosticsTests
{
    private const string Usings = "using Dsl;\nnamespace App;\n";

    /// <summary>The generated source of a model of one layer on a (3, 16, 12) image, with no diagnostic.</summary>
    private static string Generate(string layer, string input = "[Input(3, 16, 12)]")
    {
        var run = GeneratorHarness.Run(new[] { Usings + input + "\n" + layer + "\npublic partial class Augmented;\n" });
        run.AssertGeneratorHealthy();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        return run.GeneratedSources["App.Augmented.g.cs"];
    }

    [Theory]
    [InlineData("[RandomFlip]", "new global::Dsl.Modules.RandomFlip(global::Dsl.FlipMode.HorizontalAndVertical, null)")]
    [InlineData("[RandomFlip(FlipMode.Horizontal, Seed = 7)]", "new global::Dsl.Modules.RandomFlip(global::Dsl.FlipMode.Horizontal, 7L)")]
    [InlineData("[RandomFlip(\"vertical\")]", "new global::Dsl.Modules.RandomFlip(global::Dsl.FlipMode.Vertical, null)")]
    // One value f is [-f, f]; a pair is sorted; the defaults are reflect, bilinear, fill value 0.
    [InlineData("[RandomRotation(0.1)]", "new global::Dsl.Modules.RandomRotation(-0.1, 0.1, global::Dsl.FillMode.Reflect, global::Dsl.Interpolation.Bilinear, 0.0, null)")]
    [InlineData("[RandomRotation(-0.1)]", "new global::Dsl.Modules.RandomRotation(-0.1, 0.1, ")]
    [InlineData("[RandomRotation(0.3, -0.2, FillMode = FillMode.Constant, FillValue = 0.5, Interpolation = Interpolation.Nearest, Seed = 3)]",
        "new global::Dsl.Modules.RandomRotation(-0.2, 0.3, global::Dsl.FillMode.Constant, global::Dsl.Interpolation.Nearest, 0.5, 3L)")]
    [InlineData("[RandomRotation(\"factor: [0, 0.25], fill_mode: wrap\")]", "new global::Dsl.Modules.RandomRotation(0.0, 0.25, global::Dsl.FillMode.Wrap, ")]
    [InlineData("[RandomTranslation(0.1, 0.2)]", "new global::Dsl.Modules.RandomTranslation(-0.1, 0.1, -0.2, 0.2, global::Dsl.FillMode.Reflect, global::Dsl.Interpolation.Bilinear, 0.0, null)")]
    [InlineData("[RandomTranslation(new[] { 0.2, -0.1 }, new[] { 0.0 }, FillMode = FillMode.Nearest)]", "new global::Dsl.Modules.RandomTranslation(-0.1, 0.2, 0.0, 0.0, global::Dsl.FillMode.Nearest, ")]
    // Without a width factor the height's draw scales both directions; Keras's RandomZoom(.5, .2) is height .5, width .2.
    [InlineData("[RandomZoom(0.2)]", "new global::Dsl.Modules.RandomZoom(-0.2, 0.2, null, null, global::Dsl.FillMode.Reflect, global::Dsl.Interpolation.Bilinear, 0.0, null)")]
    [InlineData("[RandomZoom(0.5, 0.2)]", "new global::Dsl.Modules.RandomZoom(-0.5, 0.5, -0.2, 0.2, ")]
    [InlineData("[RandomZoom(new[] { -0.3, -0.1 }, new[] { 0.1, 0.4 })]", "new global::Dsl.Modules.RandomZoom(-0.3, -0.1, 0.1, 0.4, ")]
    // Keras 3's code reads one contrast factor f as (0, f); a pair as (lower, upper). Default value range [0, 255].
    [InlineData("[RandomContrast(0.2)]", "new global::Dsl.Modules.RandomContrast(0.0, 0.2, 0.0, 255.0, null)")]
    [InlineData("[RandomContrast(0.2, 0.2, ValueRange = new[] { 0.0, 1.0 }, Seed = 11)]", "new global::Dsl.Modules.RandomContrast(0.2, 0.2, 0.0, 1.0, 11L)")]
    [InlineData("[RandomCrop(10, 8)]", "new global::Dsl.Modules.RandomCrop(10L, 8L, null)")]
    public void Each_kind_becomes_its_runtime_module_with_kerass_defaults(string layer, string construction)
    {
        string source = Generate(layer);
        Assert.Contains(construction, source, StringComparison.Ordinal);
    }

    [Fact]
    public void The_kinds_have_no_parameters_keep_the_shape_but_RandomCrop_and_show_kerass_names_in_the_summary()
    {
        var run = GeneratorHarness.Run(new[] { Usings + """
            [Input(3, 16, 12)]
            [RandomFlip]
            [RandomRotation(0.1)]
            [RandomTranslation(0.1, 0.1)]
            [RandomZoom(0.1)]
            [RandomContrast(0.1)]
            [RandomCrop(10, 8)]
            [Conv2D(4, 3)]
            [Flatten]
            [Dense(2)]
            [ExpectParameters(498)]
            public partial class Augmented;
            """ });
        run.AssertGeneratorHealthy();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        string source = run.GeneratedSources["App.Augmented.g.cs"];
        // Keras's rows: the automatic names, the class names, the shapes and 0 parameters (and 0 mult-adds).
        foreach (var (name, type, shape) in new[]
        {
            ("random_flip_1", "RandomFlip", "(None, 3, 16, 12)"),
            ("random_rotation_1", "RandomRotation", "(None, 3, 16, 12)"),
            ("random_translation_1", "RandomTranslation", "(None, 3, 16, 12)"),
            ("random_zoom_1", "RandomZoom", "(None, 3, 16, 12)"),
            ("random_contrast_1", "RandomContrast", "(None, 3, 16, 12)"),
            ("random_crop_1", "RandomCrop", "(None, 3, 10, 8)"),
        })
        {
            Assert.Matches(System.Text.RegularExpressions.Regex.Escape(name + " (" + type + ")") + " +" + System.Text.RegularExpressions.Regex.Escape(shape) + " +0 +0\\\\n", source);
        }
        Assert.Contains("Kind = global::Dsl.LayerKind.RandomCrop, TypeName = \"RandomCrop\", OutputShape = global::Dsl.Support.ShapeList.Of(3, 10, 8), ParameterCount = 0L, TrainableParameterCount = 0L, MultAdds = 0L", source, StringComparison.Ordinal);
        Assert.Contains("x = random_flip_1.call(x);", source, StringComparison.Ordinal);
        Assert.Contains("// random_flip_1 (RandomFlip): nothing to compute in inference.", source, StringComparison.Ordinal);
    }

    [Fact]
    public void Integer_images_are_accepted_and_the_inference_graph_casts_them()
    {
        string source = Generate("[RandomFlip]", "[Input(3, 16, 12, DType = DType.UInt8)]");
        Assert.Contains("\"Cast\"", source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[RandomRotation(1.5)]", "Factor", "Factor of 'random_rotation_1' must be between -1 and 1 (fractions of a full turn), but is 1.5")]
    [InlineData("[RandomRotation(-0.2, -1.1)]", "Factor", "but is (-0.2, -1.1)")]
    [InlineData("[RandomRotation(double.NaN)]", "Factor", "but is NaN")]
    [InlineData("[RandomTranslation(0.1, 1.01)]", "WidthFactor", "WidthFactor of 'random_translation_1' must be between -1 and 1 (fractions of the width)")]
    [InlineData("[RandomTranslation(new[] { -2.0, 0.1 }, new[] { 0.1 })]", "HeightFactor", "(fractions of the height), but is (-2, 0.1)")]
    [InlineData("[RandomZoom(-1.0)]", "HeightFactor", "HeightFactor of 'random_zoom_1' must be above -1 and at most 1")]
    [InlineData("[RandomZoom(0.1, 1.5)]", "WidthFactor", "but is 1.5")]
    [InlineData("[RandomContrast(-0.1)]", "Factor", "Factor of 'random_contrast_1' must be between 0 and 1, but is -0.1")]
    [InlineData("[RandomContrast(0.5, 1.2)]", "Factor", "(0.5, 1.2)")]
    [InlineData("[RandomContrast(0.1, ValueRange = new[] { 255.0, 0.0 })]", "ValueRange", "ValueRange of 'random_contrast_1' must be [low, high] with low below high, but is [255, 0]")]
    [InlineData("[RandomContrast(0.1, ValueRange = new[] { 0.0, double.PositiveInfinity })]", "ValueRange", "finite numbers")]
    [InlineData("[RandomRotation(0.1, FillValue = double.NaN)]", "FillValue", "a finite number")]
    [InlineData("[RandomFlip(Seed = -1)]", "Seed", "Seed of 'random_flip_1' must be at least 0, but is -1")]
    [InlineData("[RandomCrop(0, 4)]", "Height", "Height of 'random_crop_1' must be at least 1, but is 0")]
    public void DSL007_out_of_range_options_are_reported_on_their_attribute(string layer, string option, string fragment)
    {
        var diagnostic = DiagnosticAssert.Single(Usings + "[Input(3, 16, 12)]\n" + layer + "\npublic partial class BadOption;\n", "DSL007", layer, option);
        Assert.Contains(fragment, diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[RandomRotation]", "Factor of 'random_rotation_1' takes 1 value or 2 (lower, upper), but 0 were given")]
    [InlineData("[RandomRotation(0.1, 0.2, 0.3)]", "3 were")]
    [InlineData("[RandomTranslation(new[] { 0.1, 0.2, 0.3 }, new[] { 0.1 })]", "HeightFactor of 'random_translation_1' takes 1 value or 2")]
    [InlineData("[RandomZoom(new double[0])]", "0 were")]
    [InlineData("[RandomContrast(0.1, ValueRange = new[] { 1.0 })]", "ValueRange of 'random_contrast_1' takes 2 values (low, high), but 1 was given")]
    public void DSL012_factors_and_value_ranges_take_their_numbers_of_values(string layer, string fragment)
    {
        var diagnostic = DiagnosticAssert.Single(Usings + "[Input(3, 16, 12)]\n" + layer + "\npublic partial class WrongCount;\n", "DSL012", layer);
        Assert.Contains(fragment, diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[RandomFlip((FlipMode)5)]", "Mode")]
    [InlineData("[RandomRotation(0.1, FillMode = (FillMode)9)]", "FillMode")]
    [InlineData("[RandomZoom(0.1, Interpolation = (Interpolation)4)]", "Interpolation")]
    public void DSL014_undefined_modes_are_reported(string layer, string option)
    {
        DiagnosticAssert.Single(Usings + "[Input(3, 16, 12)]\n" + layer + "\npublic partial class CastEnum;\n", "DSL014", layer, option);
    }

    [Theory]
    [InlineData("[RandomCrop(17, 12)]", "'random_crop_1' crops to 17x12 (height x width) but its input is only (3, 16, 12) (from 'conv2d_1')")]
    [InlineData("[RandomCrop(4, 13)]", "crops to 4x13")]
    public void DSL060_a_crop_larger_than_its_input_is_reported_on_its_attribute(string layer, string fragment)
    {
        var source = Usings + "[Input(3, 16, 12)]\n[Conv2D(3, 1)]\n" + layer + "\npublic partial class CropTooLarge;\n";
        var diagnostic = DiagnosticAssert.Single(source, "DSL060", layer, fragment);
        Assert.Contains("at most the input's", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[RandomFlip]", "DSL004")]
    [InlineData("[RandomContrast(0.1)]", "DSL004")]
    [InlineData("[RandomCrop(2, 2)]", "DSL004")]
    public void The_kinds_need_an_image(string layer, string id)
    {
        DiagnosticAssert.Single(Usings + "[Input(64)]\n" + layer + "\npublic partial class Flat;\n", id, layer, "needs an image input");
        DiagnosticAssert.Single(Usings + "[Input(4, 10)]\n" + layer + "\npublic partial class Sequence;\n", "DSL026", layer, "the sequence shape (4, 10)");
    }
}
