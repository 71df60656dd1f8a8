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
/// The image augmentation kinds in YAML, under Keras's snake_case names and option names: every value form (a bare main
/// option, a mapping, a factor as one number or a [lower, upper] list), a twin of an attribute model, block parameters
/// in factors and modes, range errors at the layer's entry and wrong values at the value.
/// </summary>
public class AugmentationYamlTests
{
    private const string TwinYaml = """
        model: Augmented
        namespace: App
        input: [3, 32, 28]
        layers:
          - random_flip
          - random_flip: horizontal
          - random_flip: { mode: horizontal_and_vertical, seed: 3 }
          - random_rotation: 0.1
          - random_rotation: { factor: [-0.05, 0.2], fill_mode: constant, fill_value: 0.5, interpolation: nearest }
          - random_translation: { height_factor: 0.1, width_factor: [-0.2, 0.1], fill_mode: wrap }
          - random_zoom: 0.2
          - random_zoom: { height_factor: [-0.3, -0.1], width_factor: 0.25, fill_mode: nearest, seed: 0 }
          - random_contrast: 0.3
          - random_contrast: { factor: [0.2, 0.4], value_range: [0, 1] }
          - random_crop: { height: 24, width: 24, name: crop }
          - conv2d: { filters: 4, kernel_size: 3 }
          - global_average_pooling2d
          - dense: 2
        """;

    private const string TwinAttributes = """
        using Dsl;
        namespace App;

        [Input(3, 32, 28)]
        [RandomFlip]
        [RandomFlip(FlipMode.Horizontal)]
        [RandomFlip(FlipMode.HorizontalAndVertical, Seed = 3)]
        [RandomRotation(0.1)]
        [RandomRotation(-0.05, 0.2, FillMode = FillMode.Constant, FillValue = 0.5, Interpolation = Interpolation.Nearest)]
        [RandomTranslation(new[] { 0.1 }, new[] { -0.2, 0.1 }, FillMode = FillMode.Wrap)]
        [RandomZoom(0.2)]
        [RandomZoom(new[] { -0.3, -0.1 }, new[] { 0.25 }, FillMode = FillMode.Nearest, Seed = 0)]
        [RandomContrast(0.3)]
        [RandomContrast(0.2, 0.4, ValueRange = new[] { 0.0, 1.0 })]
        [RandomCrop(24, 24, Name = "crop")]
        [Conv2D(4, 3)]
        [GlobalAvgPool2D]
        [Dense(2)]
        public partial class Augmented;
        """;

    [Fact]
    public void A_yaml_model_of_every_augmentation_kind_and_its_attribute_twin_have_equal_analyses_and_code()
    {
        var yamlRun = Run(TwinYaml.Replace("model: Augmented", "model: AugmentedYaml", StringComparison.Ordinal));
        Assert.Empty(yamlRun.GeneratorDiagnostics);
        Assert.Empty(yamlRun.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var fromYaml = yamlRun.StepOutputs(TrackingNames.YamlOutcomes).Select(o => ((YamlModel)o.Value).Generated!).Single();

        var attributeRun = GeneratorHarness.Run(new[] { TwinAttributes });
        attributeRun.AssertGeneratorHealthy();
        Assert.Empty(attributeRun.GeneratorDiagnostics);
        var fromAttributes = attributeRun.StepOutputs(TrackingNames.Analysis).Select(o => ((ModelOutcome)o.Value).Analysis!).Single();

        Assert.Equal(fromAttributes.Layers.Select(Describe), fromYaml.Layers.Select(Describe));
        Assert.Equal(SummaryWriter.Write(fromAttributes, expand: false).Replace("Augmented", "AugmentedYaml", StringComparison.Ordinal), SummaryWriter.Write(fromYaml, expand: false));
        // No parameters but the convolution's and the dense layer's; every augmentation keeps the shape but the crop.
        Assert.Equal(3 * 3 * 3 * 4 + 4 + 4 * 2 + 2, fromYaml.Parameters);
        Assert.All(fromYaml.Layers.Take(11), l => Assert.Equal((0L, 0L), (l.Parameters, l.MultAdds)));
        Assert.All(fromYaml.Layers.Take(10), l => Assert.Equal("3x32x28", string.Join("x", l.OutputShape)));
        Assert.Equal("3x24x24", string.Join("x", fromYaml.Layers[10].OutputShape));
        Assert.Equal(
            new[] { "random_flip_1", "random_flip_2", "random_flip_3", "random_rotation_1", "random_rotation_2", "random_translation_1", "random_zoom_1", "random_zoom_2", "random_contrast_1", "random_contrast_2", "crop" },
            fromYaml.Layers.Take(11).Select(l => l.Name));
    }

    [Fact]
    public void Block_parameters_set_factors_modes_and_seeds()
    {
        const string Block = """
            block: Augment
            namespace: App
            parameters:
              turn: float
              mode: { type: flipmode, default: vertical }
              fill: { type: fillmode, default: nearest }
              seed: 5
            layers:
              - random_flip: { mode: $mode, seed: $seed }
              - random_rotation: { factor: [-$turn, $turn * 2], fill_mode: $fill }
              - random_zoom: { height_factor: $turn, width_factor: [0, $turn] }
            """;
        const string Model = """
            model: Net
            namespace: App
            input: [1, 16, 16]
            layers:
              - Augment: { turn: 0.125, mode: horizontal }
              - flatten
              - dense: 2
            """;
        var run = GeneratorHarness.Run(additionalTexts: new[] { GeneratorHarness.Yaml("Augment.block.yaml", Block), GeneratorHarness.Yaml("Net.model.yaml", Model) });
        run.AssertGeneratorHealthy();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        string code = string.Join("\n", run.GeneratedSources.Values);
        Assert.Contains("global::Dsl.FlipMode.Horizontal", code, StringComparison.Ordinal);
        Assert.Contains("global::Dsl.FillMode.Nearest", code, StringComparison.Ordinal);
        Assert.Contains("new global::Dsl.Modules.RandomRotation(-0.125, 0.25, ", code, StringComparison.Ordinal);
        Assert.Contains("new global::Dsl.Modules.RandomZoom(-0.125, 0.125, 0.0, 0.125, ", code, StringComparison.Ordinal);
    }

    // Range and shape errors: model checks, at the layer's entry.

    [Theory]
    [InlineData("  - random_rotation: 1.5", "DSL007", "Factor of 'random_rotation_1' must be between -1 and 1 (fractions of a full turn), but is 1.5")]
    [InlineData("  - random_rotation: { factor: [0.1, -2] }", "DSL007", "but is (0.1, -2)")]
    [InlineData("  - random_translation: { height_factor: 0.1, width_factor: 1.5 }", "DSL007", "WidthFactor of 'random_translation_1'")]
    [InlineData("  - random_zoom: -1", "DSL007", "above -1 and at most 1")]
    [InlineData("  - random_contrast: 1.5", "DSL007", "Factor of 'random_contrast_1' must be between 0 and 1, but is 1.5")]
    [InlineData("  - random_contrast: { factor: 0.1, value_range: [1, 0] }", "DSL007", "must be [low, high] with low below high, but is [1, 0]")]
    [InlineData("  - random_flip: { seed: -3 }", "DSL007", "Seed of 'random_flip_1' must be at least 0")]
    [InlineData("  - random_crop: { height: 0, width: 4 }", "DSL007", "Height of 'random_crop_1' must be at least 1")]
    [InlineData("  - random_crop: { height: 9, width: 4 }", "DSL060", "'random_crop_1' crops to 9x4 (height x width) but its input is only (3, 8, 8) (from the input)")]
    [InlineData("  - random_crop: { height: 8, width: 12 }", "DSL060", "crops to 8x12")]
    public void Model_checks_of_the_augmentation_kinds_are_reported_at_the_layer_entry(string layer, string id, string fragment)
    {
        string yaml = "model: Net\ninput: [3, 8, 8]\nlayers:\n" + layer + "\n";
        var message = Error(yaml, id, 4, 5, layer.Substring(4));
        Assert.Contains(fragment, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("input: [64]", "  - random_flip", "DSL004", "needs an image input")]
    [InlineData("input: [4, 10]", "  - random_zoom: 0.1", "DSL026", "the sequence shape (4, 10)")]
    public void The_augmentation_kinds_need_an_image(string input, string layer, string id, string fragment)
    {
        string yaml = "model: Net\n" + input + "\nlayers:\n" + layer + "\n";
        var message = Error(yaml, id, 4, 5, layer.Substring(4));
        Assert.Contains(fragment, message, StringComparison.Ordinal);
    }

    // Wrong values: at the value.

    [Theory]
    [InlineData("random_flip: horizontol", "horizontol", "must be one of horizontal, vertical, horizontal_and_vertical, but is 'horizontol' (did you mean 'horizontal'?)")]
    [InlineData("random_flip: { mode: both }", "both", "must be one of horizontal, vertical, horizontal_and_vertical")]
    [InlineData("random_rotation: { factor: 0.1, fill_mode: reflct }", "reflct", "must be one of reflect, wrap, constant, nearest, but is 'reflct' (did you mean 'reflect'?)")]
    [InlineData("random_zoom: { height_factor: 0.1, interpolation: bicubic }", "bicubic", "must be nearest or bilinear")]
    [InlineData("random_rotation: [0.1, 0.2, 0.3]", "[0.1, 0.2, 0.3]", "'factor' in layer 1 (random_rotation) must be a number or a list [lower, upper], but is a list of 3")]
    [InlineData("random_rotation: []", "[]", "but is a list of 0")]
    [InlineData("random_rotation: [0.1, wide]", "wide", "A value of 'factor' in layer 1 (random_rotation) must be a number")]
    [InlineData("random_rotation: { factor: .nan }", ".nan", "a finite number")]
    [InlineData("random_contrast: { factor: 0.1, value_range: [0, 1, 2] }", "[0, 1, 2]", "'value_range' in layer 1 (random_contrast) must be a list [low, high], but is a list of 3")]
    [InlineData("random_contrast: { factor: 0.1, value_range: 255 }", "255", "'value_range' in layer 1 (random_contrast) must be a list [low, high], but is '255'")]
    [InlineData("random_crop: { height: 2.5, width: 2 }", "2.5", "an integer")]
    [InlineData("random_flip: { seed: \"7\" }", "\"7\"", "(quoted, so a string)")]
    public void Wrong_values_of_the_augmentation_kinds_are_reported_at_the_value(string layer, string value, string expected)
    {
        string yaml = "model: Net\ninput: [3, 8, 8]\nlayers:\n  - " + layer + "\n";
        int column = yaml.Split('\n')[3].IndexOf(value, StringComparison.Ordinal) + 1;
        var message = Error(yaml, "DSL104", 4, column, value);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("random_rotation", "factor")]
    [InlineData("random_translation: { height_factor: 0.1 }", "width_factor")]
    [InlineData("random_zoom", "height_factor")]
    [InlineData("random_contrast", "factor")]
    [InlineData("random_crop: { height: 4 }", "width")]
    public void An_augmentation_kind_without_a_required_value_is_reported_at_the_kind(string layer, string key)
    {
        string yaml = "model: Net\ninput: [3, 8, 8]\nlayers:\n  - " + layer + "\n";
        string kind = layer.Split(':')[0];
        var message = Error(yaml, "DSL105", 4, 5, kind);
        Assert.Equal("Layer 1 (" + kind + ") is missing the required key '" + key + "'", message);
    }

    [Fact]
    public void The_kinds_are_yaml_keys_under_kerass_names_with_kerass_option_names()
    {
        var keys = new[] { "random_flip", "random_rotation", "random_translation", "random_zoom", "random_contrast", "random_crop" };
        Assert.All(keys, key => Assert.NotNull(LayerRegistry.FindYaml(key)));
        Assert.Equal(new[] { "mode", "seed", "name", "from" }, YamlSection.For(LayerRegistry.FindYaml("random_flip")!).Keys);
        Assert.Equal(new[] { "factor", "fill_mode", "interpolation", "seed", "fill_value", "name", "from" }, YamlSection.For(LayerRegistry.FindYaml("random_rotation")!).Keys);
        Assert.Equal(new[] { "height_factor", "width_factor", "fill_mode", "interpolation", "seed", "fill_value", "name", "from" }, YamlSection.For(LayerRegistry.FindYaml("random_translation")!).Keys);
        Assert.Equal(new[] { "height_factor", "width_factor", "fill_mode", "interpolation", "seed", "fill_value", "name", "from" }, YamlSection.For(LayerRegistry.FindYaml("random_zoom")!).Keys);
        Assert.Equal(new[] { "factor", "value_range", "seed", "name", "from" }, YamlSection.For(LayerRegistry.FindYaml("random_contrast")!).Keys);
        Assert.Equal(new[] { "height", "width", "seed", "name", "from" }, YamlSection.For(LayerRegistry.FindYaml("random_crop")!).Keys);
        const string Yaml = "model: Net\ninput: [3, 8, 8]\nlayers:\n  - RandomFlip\n";
        var message = Error(Yaml, "DSL102", 4, 5, "RandomFlip");
        Assert.Contains("did you mean 'random_flip'?", message, StringComparison.Ordinal);
    }

    private static string Describe(LayerPlan l)
    {
        var kind = LayerRegistry.Get(l.Spec.Kind);
        return l.Name + " " + l.TypeName + " " + string.Join("x", l.InputShape) + "->" + string.Join("x", l.OutputShape)
            + " p" + l.Parameters + "/" + l.TrainableParameters + " m" + l.MultAdds + " " + kind.Field(l) + " " + kind.Forward(l, new[] { "x" });
    }
}
