using System;
using System.ComponentModel;
using System.Linq;
using static TorchSharp.torch;

namespace Dsl.Support;

/// <summary>
/// A batch normalization in evaluation mode folded into the convolution before it: with s = γ / √(moving variance + ε)
/// per output channel, BN(W∗x + b) = (s·W)∗x + (s·(b − mean) + β). The generated forward calls it on every evaluation
/// call (and the ONNX export once), so the folded weights always come from the current ones; under autograd the
/// gradients reach the convolution's weight and bias and the normalization's γ and β as they would unfolded.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BatchNormFolding
{
    /// <summary>The folded weight (shaped as <paramref name="weight"/>) and bias (one per output channel).</summary>
    /// <param name="weight">The convolution's weight, output channels first: (out, in / groups, k…).</param>
    /// <param name="bias">The convolution's bias, or null without one (0).</param>
    /// <param name="gamma">The normalization's scale, or null without a learned one (1).</param>
    /// <param name="beta">The normalization's offset, or null without a learned one (0).</param>
    /// <param name="mean">The moving mean.</param>
    /// <param name="variance">The moving variance.</param>
    /// <param name="epsilon">Added to the variance.</param>
    public static (Tensor Weight, Tensor Bias) Fold(Tensor weight, Tensor? bias, Tensor? gamma, Tensor? beta, Tensor mean, Tensor variance, double epsilon)
    {
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(variance);
        using var scope = NewDisposeScope();
        var scale = variance.add(epsilon).rsqrt();
        if (gamma is not null)
            scale = scale.mul(gamma);
        var shape = new[] { -1L }.Concat(Enumerable.Repeat(1L, (int)weight.dim() - 1)).ToArray();
        var folded = weight.mul(scale.reshape(shape));
        var shift = (bias is null ? mean.neg() : bias.sub(mean)).mul(scale);
        if (beta is not null)
            shift = shift.add(beta);
        return (folded.MoveToOuterDisposeScope(), shift.MoveToOuterDisposeScope());
    }
}
