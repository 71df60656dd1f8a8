using System.Collections.Generic;

namespace Dsl.Generator.Layers.Geometry;

/// <summary>
/// Where a value's features sit, as Keras's channels-last layers see them (its <c>axis=-1</c>): the last axis of a flat
/// value (F) and of a sequence (steps, features), the first of an image (C, H, W) in this DSL's channels-first order,
/// and the channels of a sequence of images (steps, C, H, W). Softmax, Concatenate, the normalisations and Dense act on it.
/// </summary>
internal static class FeatureAxis
{
    /// <summary>The per-sample axis (no batch dimension) of the features of a value shaped <paramref name="shape"/>.</summary>
    public static int Of(IReadOnlyList<int> shape) => shape.Count <= 2 ? shape.Count - 1 : shape.Count - 3;

    /// <summary>The same axis counted in the batch tensor (N, …).</summary>
    public static int InBatch(IReadOnlyList<int> shape) => Of(shape) + 1;

    /// <summary>The number of features (channels) of a value shaped <paramref name="shape"/>.</summary>
    public static int Count(IReadOnlyList<int> shape) => shape[Of(shape)];

    /// <summary>Whether the features are the last axis (flat values and sequences), where TorchSharp's Linear and LayerNorm act.</summary>
    public static bool IsLast(IReadOnlyList<int> shape) => Of(shape) == shape.Count - 1;

    /// <summary>Whether a value shaped <paramref name="shape"/> is a sequence (steps, features).</summary>
    public static bool IsSequence(IReadOnlyList<int> shape) => shape.Count == 2;
}
