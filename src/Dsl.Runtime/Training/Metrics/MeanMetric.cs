using System;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>Keras's <c>MeanMetricWrapper</c>: the mean over samples of a per-sample function (averaged over its last axes).</summary>
internal sealed class MeanMetric : Metric
{
    private readonly Func<Tensor, Tensor, Tensor> _perSample;

    public MeanMetric(string name, Func<Tensor, Tensor, Tensor> perSample, bool higherIsBetter)
        : base(name, higherIsBetter)
    {
        _perSample = perSample;
    }

    public override int Slots => 2;

    public override Tensor BatchTotals(Tensor target, ModelOutput output)
    {
        var values = _perSample(target, output.Values);
        // Per sample, as Keras's mean-over-last-axis functions give it: further axes averaged.
        var perSample = values.Dimensions >= 2 ? values.reshape(values.shape[0], -1).mean(new long[] { 1 }, type: ScalarType.Float64) : values;
        return SumAndCount(perSample);
    }

    public override double Result(ReadOnlySpan<double> totals) => DivideNoNan(totals[0], totals[1]);
}
