using System;
using System.ComponentModel;
using static TorchSharp.torch;

namespace Dsl.Support;

/// <summary>What generated code computes with a Keras mask of the steps: a bool (N, steps), true where a step holds data.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class StepMasks
{
    /// <summary>
    /// Keras's masked GlobalAveragePooling1D: each feature's mean over the unmasked steps of (N, steps, features),
    /// Σ x·m / Σ m, giving (N, features), or (N, 1, features) with <paramref name="keepdim"/>.
    /// </summary>
    public static Tensor Average(Tensor input, Tensor mask, bool keepdim)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(mask);
        using var scope = NewDisposeScope();
        var weights = mask.unsqueeze(-1).to_type(input.dtype);
        var steps = new long[] { 1 };
        return input.mul(weights).sum(steps, keepdim: keepdim).div(weights.sum(steps, keepdim: keepdim)).MoveToOuterDisposeScope();
    }
}
