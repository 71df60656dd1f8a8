using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Geometry;

/// <summary>
/// Keras's order of the per-sample axes against this DSL's. An image is (channels, height, width) here and (height,
/// width, channels) in Keras; sequences (steps, features) and flat inputs are in Keras's order. Options that name axes
/// (Normalization's <c>axis</c>, Permute's <c>dims</c>) and the broadcasting of merges keep Keras's meaning through
/// this mapping, so a spec written from Keras code computes what Keras computes.
/// </summary>
internal static class KerasAxes
{
    /// <summary>This DSL's per-sample axis (0-based) of Keras's per-sample axis <paramref name="kerasAxis"/> (0-based) at per-sample rank <paramref name="rank"/>.</summary>
    public static int ToDsl(int kerasAxis, int rank) => rank == 3 ? (kerasAxis + 1) % 3 : kerasAxis;

    /// <summary>Keras's per-sample axis of this DSL's <paramref name="axis"/>.</summary>
    public static int ToKeras(int axis, int rank) => rank == 3 ? (axis + 2) % 3 : axis;

    /// <summary>A per-sample shape in Keras's order: (C, H, W) → (H, W, C).</summary>
    public static int[] KerasShape(IReadOnlyList<int> shape) =>
        Enumerable.Range(0, shape.Count).Select(k => shape[ToDsl(k, shape.Count)]).ToArray();

    /// <summary>A per-sample shape from Keras's order to this DSL's: (H, W, C) → (C, H, W).</summary>
    public static EquatableArray<int> FromKeras(IReadOnlyList<int> kerasShape) =>
        Enumerable.Range(0, kerasShape.Count).Select(a => kerasShape[ToKeras(a, kerasShape.Count)]).ToEquatableArray();
}
