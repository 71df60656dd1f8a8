using System;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>A loss from the user's function of (targets, output values).</summary>
internal sealed class CustomLoss : Loss
{
    private readonly Func<Tensor, Tensor, Tensor> _compute;

    public CustomLoss(string name, Func<Tensor, Tensor, Tensor> compute)
        : base(name)
    {
        _compute = compute;
    }

    public override Tensor Compute(Tensor target, ModelOutput output) => _compute(target, output.Values);

    /// <summary>Targets are passed as they are: the user's function decides what it takes.</summary>
    public override Tensor PrepareTargets(Tensor targets, OutputInfo? output, string argument) => targets;
}
