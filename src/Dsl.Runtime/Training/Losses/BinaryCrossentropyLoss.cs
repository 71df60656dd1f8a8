using System;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Dsl.Training;

/// <summary>Keras's binary cross-entropy, from logits whenever they are known.</summary>
internal sealed class BinaryCrossentropyLoss : Loss
{
    private readonly bool _fromLogits;
    private readonly double _labelSmoothing;

    public BinaryCrossentropyLoss(bool fromLogits, double labelSmoothing)
        : base("binary_crossentropy")
    {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "BinaryCrossentropy's labelSmoothing must be in [0, 1] (Keras's default is 0).");
        _fromLogits = fromLogits;
        _labelSmoothing = labelSmoothing;
    }

    public override Tensor Compute(Tensor target, ModelOutput output)
    {
        var y = ElementwiseLoss.SameShape(target, output.Scores);
        if (_labelSmoothing > 0)
            y = y * (1 - _labelSmoothing) + 0.5 * _labelSmoothing;
        Tensor each;
        if (_fromLogits || (output.Logits is not null && output.Activation == Activation.Sigmoid))
        {
            var logits = _fromLogits ? output.Values : output.Logits!;
            // max(x, 0) − x·y + log(1 + e^−|x|): finite for any logit.
            each = F.binary_cross_entropy_with_logits(logits, y, reduction: nn.Reduction.None);
        }
        else
        {
            var p = output.Values.clamp(Epsilon, 1 - Epsilon);
            each = -(y * p.log() + (1 - y) * (1 - p).log());
        }
        return each.Dimensions >= 2 ? each.mean(new long[] { -1 }) : each;
    }

    public override Tensor PrepareTargets(Tensor targets, OutputInfo? output, string argument)
    {
        var y = ElementwiseTargets(targets, output, argument);
        using var min = y.min();
        using var max = y.max();
        double low = min.to_type(ScalarType.Float64).item<double>(), high = max.to_type(ScalarType.Float64).item<double>();
        if (!(low >= 0 && high <= 1))
        {
            if (!ReferenceEquals(y, targets))
                y.Dispose();
            throw new ArgumentException(
                $"binary_crossentropy needs targets in [0, 1] (0 or 1 for a yes/no task), but {argument} holds values from {low} to {high}.", argument);
        }
        return y;
    }
}
