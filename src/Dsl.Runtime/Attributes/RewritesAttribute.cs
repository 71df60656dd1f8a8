using System;

namespace Dsl;

/// <summary>
/// Switches the generator's graph rewrites for this model's own layers (each on by default). Every rewrite computes
/// what the model as declared computes (tests hold each to the unrewritten code, gradients included); switching one off
/// is for comparing speed or ruling a rewrite out while debugging. The state-dict keys, the summary and
/// <c>LayerInfo</c> do not change.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class RewritesAttribute : Attribute
{
    /// <summary>
    /// A layer's fused non-decreasing activation (ReLU, sigmoid, tanh, …) followed only by max pooling is applied after
    /// the pool, to a quarter of the values for a 2x2 pool: max(f(a), f(b)) = f(max(a, b)) for such an f.
    /// </summary>
    public bool PoolBeforeActivation { get; set; } = true;

    /// <summary>
    /// A batch normalization that directly follows a convolution (Conv1D, Conv2D, DepthwiseConv2D) is folded into it in
    /// evaluation mode and in the ONNX export: one convolution with scaled weights and a shifted bias, computed from the
    /// current weights and moving statistics on every call. Training is unchanged.
    /// </summary>
    public bool FoldBatchNorm { get; set; } = true;

    /// <summary>
    /// A <c>Rescaling</c> read only by a Conv2D (without groups) or a Dense layer on flat features is folded into it in
    /// evaluation mode and in the ONNX export: the layer's weights scaled per input channel or feature, the offset moved
    /// into its bias (only where no zero padding would see it: an offset before a padded convolution stays).
    /// </summary>
    public bool FoldRescaling { get; set; } = true;
}
