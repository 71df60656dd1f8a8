using System;
using Dsl.Generator.Analysis;
using Dsl.Generator.Layers.Options;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>RandomFlip</c>: in training, each sample mirrored with probability ½: left-right (<c>horizontal</c>),
/// top-bottom (<c>vertical</c>) or, by default, both at once (<c>horizontal_and_vertical</c>: one draw decides both, as
/// in Keras's source). The identity in evaluation and in the ONNX export.
/// </summary>
internal sealed class RandomFlipLayer : ImageAugmentationLayer
{
    /// <summary>Keras's spellings of the modes, in its docstring's order.</summary>
    private static readonly Choices Modes = Choices.Of(
        new[]
        {
            (FlipMode.Horizontal, "horizontal", Array.Empty<string>()),
            (FlipMode.Vertical, "vertical", Array.Empty<string>()),
            (FlipMode.HorizontalAndVertical, "horizontal_and_vertical", Array.Empty<string>()),
        },
        (FlipMode?)null, null);

    public static readonly ChoiceOption<FlipMode> Mode = new(nameof(RandomFlipAttribute.Mode), Modes) { Default = FlipMode.HorizontalAndVertical };

    public RandomFlipLayer()
        : base(LayerKind.RandomFlip, typeof(RandomFlipAttribute), "RandomFlip", "random_flip", Mode, Seed)
    {
    }

    public override LayerOption MainOption => Mode;

    public override LayerField Field(LayerPlan layer) => Module("RandomFlip", layer.Spec, "global::Dsl.FlipMode." + Mode.Get(layer.Spec));
}
