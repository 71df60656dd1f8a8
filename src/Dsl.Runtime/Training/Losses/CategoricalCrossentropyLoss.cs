using System;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>Keras's categorical cross-entropy: one-hot or soft targets, with label smoothing.</summary>
internal sealed class CategoricalCrossentropyLoss : Loss
{
    private readonly bool _fromLogits;
    private readonly double _labelSmoothing;

    public CategoricalCrossentropyLoss(bool fromLogits, double labelSmoothing)
        : base("categorical_crossentropy")
    {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "CategoricalCrossentropy's labelSmoothing must be in [0, 1] (Keras's default is 0).");
        _fromLogits = fromLogits;
        _labelSmoothing = labelSmoothing;
    }

    public override Tensor Compute(Tensor target, ModelOutput output)
    {
        var scores = CategoricalScores.Of(output, _fromLogits, out bool logits);
        long axis = ClassAxis(scores);
        var y = target;
        if (_labelSmoothing > 0)
            y = y * (1 - _labelSmoothing) + _labelSmoothing / scores.shape[axis];
        var logp = logits ? scores.log_softmax(axis) : CategoricalScores.LogProbabilities(scores, axis);
        return -(y * logp).sum(axis);
    }

    public override Tensor PrepareTargets(Tensor targets, OutputInfo? output, string argument)
    {
        if (output is not null && targets.Dimensions == output.Shape.Count && targets.is_integral())
        {
            throw new ArgumentException(
                $"categorical_crossentropy needs one-hot targets shaped like output '{output.Name}' (N, {string.Join(", ", output.Shape)}), but {argument} holds " +
                $"class indices ({string.Join(", ", targets.shape)}); use Loss.SparseCategoricalCrossentropy() for them.", argument);
        }
        return ElementwiseTargets(targets, output, argument);
    }
}
