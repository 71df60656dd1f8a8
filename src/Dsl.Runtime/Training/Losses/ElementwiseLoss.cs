using System;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>
/// A loss computed value by value between targets and outputs of the same shape, then averaged over the last axis, as
/// Keras's mean squared / absolute error, Huber and the contrastive loss are.
/// </summary>
internal sealed class ElementwiseLoss : Loss
{
    private readonly Func<Tensor, Tensor, Tensor> _elementwise;

    public ElementwiseLoss(string name, Func<Tensor, Tensor, Tensor> elementwise)
        : base(name)
    {
        _elementwise = elementwise;
    }

    public override Tensor Compute(Tensor target, ModelOutput output)
    {
        var values = output.Values;
        var y = SameShape(target, values);
        var each = _elementwise(y, values);
        return each.Dimensions >= 2 ? each.mean(new long[] { -1 }) : each;
    }

    public override Tensor PrepareTargets(Tensor targets, OutputInfo? output, string argument)
    {
        return ElementwiseTargets(targets, output, argument);
    }

    /// <summary>(N) targets for an (N, 1) output, as Keras accepts them.</summary>
    internal static Tensor SameShape(Tensor target, Tensor values) =>
        target.Dimensions == 1 && values.Dimensions == 2 && values.shape[1] == 1 ? target.unsqueeze(1) : target;
}
