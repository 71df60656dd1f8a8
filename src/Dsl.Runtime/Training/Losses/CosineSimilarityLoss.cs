using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>Keras's cosine similarity loss: −Σ l2_normalize(y)·l2_normalize(ŷ) along an axis.</summary>
internal sealed class CosineSimilarityLoss : Loss
{
    private readonly long _axis;

    public CosineSimilarityLoss(int axis)
        : base("cosine_similarity")
    {
        _axis = axis;
    }

    public override Tensor Compute(Tensor target, ModelOutput output) =>
        -(Normalize(ElementwiseLoss.SameShape(target, output.Values)) * Normalize(output.Values)).sum(_axis);

    public override Tensor PrepareTargets(Tensor targets, OutputInfo? output, string argument)
    {
        return ElementwiseTargets(targets, output, argument);
    }

    // Keras's l2_normalize: x / sqrt(max(Σx², 1e-12)), so a zero vector gives zeros, not NaN.
    private Tensor Normalize(Tensor x) => x * x.square().sum(_axis, keepdim: true).clamp_min(1e-12).rsqrt();
}
