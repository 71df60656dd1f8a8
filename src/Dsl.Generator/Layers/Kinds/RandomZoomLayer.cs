using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Layers.Options;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>RandomZoom</c>: in training, each sample scaled about its centre, its height by 1 + a draw from the height
/// factor's range and its width by 1 + a draw from the width factor's, or by the height's draw when there is no width
/// factor (the aspect ratio kept). Keras's sign convention: a positive value zooms out, a negative one zooms in. Each
/// factor is f for [−f, f] or (lower, upper) in either order, each value in (−1, 1], as Keras checks. The identity in
/// evaluation and in the ONNX export.
/// </summary>
internal sealed class RandomZoomLayer : AffineAugmentationLayer
{
    public static readonly NumbersOption HeightFactor = new(nameof(RandomZoomAttribute.HeightFactor))
    {
        IsRequired = true,
        IsValid = value => value > -1 && value <= 1,
        Constraint = "above -1 and at most 1 (positive zooms out, negative zooms in)",
    };

    /// <summary>Optional: without it, the height's draw scales the width too.</summary>
    public static readonly NumbersOption WidthFactor = new(nameof(RandomZoomAttribute.WidthFactor))
    {
        IsValid = value => value > -1 && value <= 1,
        Constraint = "above -1 and at most 1 (positive zooms out, negative zooms in)",
    };

    public RandomZoomLayer()
        : base(LayerKind.RandomZoom, typeof(RandomZoomAttribute), "RandomZoom", "random_zoom", HeightFactor, WidthFactor, FillMode, Interpolation, Seed, FillValue)
    {
    }

    public override LayerOption MainOption => HeightFactor;

    public override LayerField Field(LayerPlan layer)
    {
        var width = WidthFactor.Get(layer.Spec) is null ? new[] { "null", "null" } : Bounds(WidthFactor, layer.Spec, -1);
        return Module("RandomZoom", layer.Spec, Bounds(HeightFactor, layer.Spec, -1).Concat(width).Concat(Filling(layer.Spec)).ToArray());
    }
}
