using System;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>Keras's <c>Precision</c> and <c>Recall</c> at one threshold, over every value of the output.</summary>
internal sealed class ConfusionMetric : Metric
{
    private readonly double _threshold;
    private readonly bool _recall;

    public ConfusionMetric(string name, double threshold, bool recall)
        : base(name, higherIsBetter: true)
    {
        if (!(threshold >= 0 && threshold <= 1))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, $"{name}'s threshold must be in [0, 1] (Keras's default is 0.5).");
        _threshold = threshold;
        _recall = recall;
    }

    /// <summary>True positives, then false positives (precision) or false negatives (recall).</summary>
    public override int Slots => 2;

    public override Tensor BatchTotals(Tensor target, ModelOutput output)
    {
        var values = output.Values;
        var y = ElementwiseLoss.SameShape(target, values).to_type(ScalarType.Float64);
        var positive = values.gt(_threshold).to_type(ScalarType.Float64);
        // Keras weighs by the target's value: a soft target counts fractionally.
        var truePositives = (y * positive).sum();
        var other = _recall ? (y * (1 - positive)).sum() : ((1 - y) * positive).sum();
        return Totals(truePositives, other);
    }

    public override double Result(ReadOnlySpan<double> totals) => DivideNoNan(totals[0], totals[0] + totals[1]);
}
