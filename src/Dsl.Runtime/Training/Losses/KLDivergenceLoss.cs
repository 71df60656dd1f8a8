using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>Keras's Kullback–Leibler divergence: Σ y·log(y / ŷ) over the last axis, both clipped to [1e-7, 1].</summary>
internal sealed class KLDivergenceLoss : Loss
{
    public KLDivergenceLoss()
        : base("kl_divergence")
    {
    }

    public override Tensor Compute(Tensor target, ModelOutput output)
    {
        var y = target.clamp(Epsilon, 1);
        var p = output.Values.clamp(Epsilon, 1);
        return (y * (y / p).log()).sum(-1);
    }

    public override Tensor PrepareTargets(Tensor targets, OutputInfo? output, string argument)
    {
        return ElementwiseTargets(targets, output, argument);
    }
}
