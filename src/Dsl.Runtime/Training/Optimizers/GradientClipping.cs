using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>Keras's gradient clipping (<c>BaseOptimizer._clip_by_norm</c>, <c>clip_by_global_norm</c>), in place on the gradients.</summary>
internal static class GradientClipping
{
    /// <summary>
    /// Keras's <c>clipnorm</c>: <c>g * clip / max(||g||, clip)</c>, so a gradient whose L2 norm exceeds the clip is scaled
    /// to it and any other is left as it is (a zero gradient stays zero). No host read.
    /// </summary>
    public static void ByNorm(Tensor gradient, Scalar clip)
    {
        using var norm = gradient.norm();
        gradient.mul_(clip).div_(norm.clamp_min_(clip));
    }

    /// <summary>
    /// Keras's <c>global_clipnorm</c>: every gradient times <c>clip * min(1 / global_norm, 1 / clip)</c>, where
    /// <c>global_norm</c> is the norm of all gradients together; a non-finite global norm makes the scale NaN, as in Keras.
    /// </summary>
    public static void ByGlobalNorm(ReadOnlySpan<Tensor?> gradients, double clip)
    {
        using var scope = torch.NewDisposeScope();
        var norms = new System.Collections.Generic.List<Tensor>(gradients.Length);
        foreach (var gradient in gradients)
        {
            if (gradient is not null)
                norms.Add(gradient.norm());
        }
        var globalNorm = torch.stack(norms).norm();
        using Scalar limit = clip;
        using Scalar inverseLimit = 1.0 / clip;
        // scale_for_finite + (use_norm - use_norm): the second term is 0 unless the norm is infinite or NaN.
        var scale = globalNorm.reciprocal().clamp_max_(inverseLimit).mul_(limit).add_(globalNorm.sub(globalNorm));
        foreach (var gradient in gradients)
            gradient?.mul_(scale);
    }
}
