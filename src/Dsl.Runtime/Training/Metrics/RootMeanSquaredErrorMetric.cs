using System;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>Keras's <c>RootMeanSquaredError</c>: √(mean of every squared error).</summary>
internal sealed class RootMeanSquaredErrorMetric : Metric
{
    public RootMeanSquaredErrorMetric(string name)
        : base(name, higherIsBetter: false)
    {
    }

    public override int Slots => 2;

    public override Tensor BatchTotals(Tensor target, ModelOutput output)
    {
        var values = output.Values;
        var squared = (ElementwiseLoss.SameShape(target, values) - values).square();
        return SumAndCount(squared);
    }

    public override double Result(ReadOnlySpan<double> totals) => Math.Sqrt(DivideNoNan(totals[0], totals[1]));
}
