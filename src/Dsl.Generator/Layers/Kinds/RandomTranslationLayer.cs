using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Layers.Options;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>RandomTranslation</c>: in training, each sample shifted down by a fraction of its height drawn from the
/// height factor's range and right by a fraction of its width drawn from the width factor's (negative: up, left). Both
/// factors are required, as in Keras: f for [−f, f], or (lower, upper) in either order, each value in [−1, 1]. The
/// identity in evaluation and in the ONNX export.
/// </summary>
internal sealed class RandomTranslationLayer : AffineAugmentationLayer
{
    public static readonly NumbersOption HeightFactor = new(nameof(RandomTranslationAttribute.HeightFactor))
    {
        IsRequired = true,
        IsValid = value => value >= -1 && value <= 1,
        Constraint = "between -1 and 1 (fractions of the height)",
    };

    public static readonly NumbersOption WidthFactor = new(nameof(RandomTranslationAttribute.WidthFactor))
    {
        IsRequired = true,
        IsValid = value => value >= -1 && value <= 1,
        Constraint = "between -1 and 1 (fractions of the width)",
    };

    public RandomTranslationLayer()
        : base(LayerKind.RandomTranslation, typeof(RandomTranslationAttribute), "RandomTranslation", "random_translation", HeightFactor, WidthFactor, FillMode, Interpolation, Seed, FillValue)
    {
    }

    public override LayerField Field(LayerPlan layer) =>
        Module("RandomTranslation", layer.Spec, Bounds(HeightFactor, layer.Spec, -1).Concat(Bounds(WidthFactor, layer.Spec, -1)).Concat(Filling(layer.Spec)).ToArray());
}
