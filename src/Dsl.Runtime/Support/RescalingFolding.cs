using System;
using System.ComponentModel;
using System.Linq;
using static TorchSharp.torch;

namespace Dsl.Support;

/// <summary>
/// A <c>Rescaling</c> (x·s + o) folded into the convolution or dense layer after it: W∗(x·s + o) + b = (W·s)∗x + (b + o·ΣW),
/// the scale along the weight's input axis (axis 1), the offset times each output's weights summed into its bias.
/// The generated forward calls it on every evaluation call (and the ONNX export once), so the folded weights always
/// come from the current ones, and gradients reach the layer's own weight and bias.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RescalingFolding
{
    /// <summary>The folded weight (shaped as <paramref name="weight"/>) and bias (one per output).</summary>
    /// <param name="weight">The layer's weight, outputs first, inputs second: (out, in, k…) or (units, features).</param>
    /// <param name="bias">The layer's bias, or null without one (0).</param>
    /// <param name="scale">One scale for every input channel or feature, or one each.</param>
    /// <param name="offset">Added after scaling.</param>
    public static (Tensor Weight, Tensor Bias) Fold(Tensor weight, Tensor? bias, float[] scale, double offset)
    {
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(scale);
        using var scope = NewDisposeScope();
        var shape = new[] { 1L, scale.Length == 1 ? 1L : scale.Length }.Concat(Enumerable.Repeat(1L, (int)weight.dim() - 2)).ToArray();
        var factor = tensor(scale, device: weight.device).to_type(weight.dtype).reshape(shape);
        var folded = weight.mul(factor);
        var shift = bias ?? zeros(weight.shape[0], dtype: weight.dtype, device: weight.device);
        if (offset != 0)
            shift = shift.add(weight.sum(Enumerable.Range(1, (int)weight.dim() - 1).Select(d => (long)d).ToArray()).mul(offset));
        return (folded.MoveToOuterDisposeScope(), shift.MoveToOuterDisposeScope());
    }
}
