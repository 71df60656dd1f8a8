using System;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>Keras's <c>BinaryAccuracy</c>: (probability &gt; threshold) against the 0/1 target, value by value.</summary>
internal sealed class BinaryAccuracyMetric : Metric
{
    private readonly double _threshold;

    public BinaryAccuracyMetric(string name, double threshold)
        : base(name, higherIsBetter: true)
    {
        if (!(threshold >= 0 && threshold <= 1))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, $"{name}'s threshold must be in [0, 1] (Keras's default is 0.5).");
        _threshold = threshold;
    }

    public override int Slots => 2;

    public override Tensor BatchTotals(Tensor target, ModelOutput output)
    {
        var values = output.Values;
        var y = ElementwiseLoss.SameShape(target, values);
        var hits = values.gt(_threshold).eq(y.gt(0.5));
        return SumAndCount(hits);
    }

    public override double Result(ReadOnlySpan<double> totals) => DivideNoNan(totals[0], totals[1]);
}
