namespace Dsl.Generator.Model;

/// <summary>
/// Which of the generator's graph rewrites a model's code uses (<c>[Rewrites]</c>, <c>rewrites:</c>); each on unless
/// switched off. A rewrite changes how the forward pass and the ONNX graph compute, never what: the layers, their
/// weights and state-dict keys, the summary and <c>LayerInfo</c> stay those of the declaration.
/// </summary>
/// <param name="PoolBeforeActivation">Max-pool first, then apply the pooled layer's non-decreasing activation (<see cref="Emit.PoolBeforeActivation"/>).</param>
/// <param name="FoldBatchNorm">Fold a batch normalization into the convolution before it, in evaluation and ONNX (<see cref="Emit.BatchNormFolding"/>).</param>
/// <param name="FoldRescaling">Fold a rescaling into the convolution or dense layer after it, in evaluation and ONNX (<see cref="Emit.RescalingFolding"/>).</param>
internal sealed record Rewrites(bool PoolBeforeActivation, bool FoldBatchNorm, bool FoldRescaling)
{
    /// <summary>Every rewrite on: the default, and what a block's layers always get.</summary>
    public static Rewrites All { get; } = new(true, true, true);
}
