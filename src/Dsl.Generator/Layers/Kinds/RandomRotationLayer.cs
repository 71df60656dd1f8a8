using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Layers.Options;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>RandomRotation</c>: in training, each sample rotated about its centre by an angle drawn from
/// [lower, upper] · 360° (counter-clockwise for positive angles). The factor is a fraction of a full turn: f for [−f, f],
/// or (lower, upper) in either order, each value in [−1, 1] (Keras states that range; its check of a pair is looser).
/// The identity in evaluation and in the ONNX export.
/// </summary>
internal sealed class RandomRotationLayer : AffineAugmentationLayer
{
    public static readonly NumbersOption Factor = new(nameof(RandomRotationAttribute.Factor))
    {
        IsRequired = true,
        IsValid = value => value >= -1 && value <= 1,
        Constraint = "between -1 and 1 (fractions of a full turn)",
    };

    public RandomRotationLayer()
        : base(LayerKind.RandomRotation, typeof(RandomRotationAttribute), "RandomRotation", "random_rotation", Factor, FillMode, Interpolation, Seed, FillValue)
    {
    }

    public override LayerOption MainOption => Factor;

    public override LayerField Field(LayerPlan layer) =>
        Module("RandomRotation", layer.Spec, Bounds(Factor, layer.Spec, -1).Concat(Filling(layer.Spec)).ToArray());
}
