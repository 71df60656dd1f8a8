using System;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>Keras's (sparse) categorical and top-k accuracies: whether the target class is among the k best scores.</summary>
internal sealed class TopKAccuracy : Metric
{
    private readonly int _k;
    private readonly bool _sparse;

    public TopKAccuracy(string name, int k, bool sparse)
        : base(name, higherIsBetter: true)
    {
        if (k < 1)
            throw new ArgumentOutOfRangeException(nameof(k), k, $"{name}'s k must be at least 1 (Keras's default is 5).");
        _k = k;
        _sparse = sparse;
    }

    public override int Slots => 2;

    public override Tensor BatchTotals(Tensor target, ModelOutput output)
    {
        var scores = output.Scores;
        long axis = Loss.ClassAxis(scores);
        var labels = _sparse ? target : target.argmax(axis);
        Tensor hits;
        if (_k == 1)
        {
            hits = scores.argmax(axis).eq(labels);
        }
        else
        {
            var (_, best) = scores.topk((int)Math.Min(_k, scores.shape[axis]), (int)axis);
            hits = best.eq(labels.unsqueeze(axis)).any(axis);
        }
        return SumAndCount(hits);
    }

    public override double Result(ReadOnlySpan<double> totals) => DivideNoNan(totals[0], totals[1]);
}
