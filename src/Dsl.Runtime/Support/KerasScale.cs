using System;
using System.ComponentModel;
using System.Linq;
using static TorchSharp.torch;

namespace Dsl.Support;

/// <summary>
/// Keras's <c>Rescaling</c> with a list of scales, which Keras broadcasts against the last axis of its order: the channels
/// of an image (axis 1 of (N, C, H, W) here), the features of a sequence or flat input (the last axis).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KerasScale
{
    /// <summary>x times one scale per channel or feature, made on x's device in x's floating type.</summary>
    /// <param name="x">A batch (N, …).</param>
    /// <param name="scale">One value per position of <paramref name="axis"/>.</param>
    /// <param name="axis">The axis the scales run along, with the batch as 0.</param>
    public static Tensor PerChannel(Tensor x, float[] scale, long axis)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(scale);
        var shape = Enumerable.Range(0, (int)x.dim()).Select(d => d == axis ? scale.Length : 1L).ToArray();
        using var values = tensor(scale, device: x.device);
        using var typed = values.to_type(x.dtype);
        using var broadcast = typed.reshape(shape);
        return x.mul(broadcast);
    }
}
