using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Objectives;

/// <summary>Every metric streamed over batches against values counted by hand.</summary>
public sealed class MetricDefinitionTests
{
    /// <summary>The metric's value after adding the batches' totals up, as the trainer does.</summary>
    private static double Stream(Metric metric, params (Tensor Target, ModelOutput Output)[] batches)
    {
        using var scope = NewDisposeScope();
        Tensor? sums = null;
        foreach (var (target, output) in batches)
        {
            var totals = metric.BatchTotals(target, output);
            Assert.Equal(new long[] { metric.Slots }, totals.shape);
            Assert.Equal(ScalarType.Float64, totals.dtype);
            sums = sums is null ? totals : sums + totals;
        }
        return metric.Result(sums!.data<double>().ToArray());
    }

    [Fact]
    public void Sparse_and_top_k_accuracy_count_the_hits_over_all_batches()
    {
        using var scores1 = tensor(new float[,] { { 0.1f, 0.7f, 0.2f }, { 0.5f, 0.3f, 0.2f } });
        using var scores2 = tensor(new float[,] { { 0.2f, 0.3f, 0.5f } });
        using var y1 = tensor(new long[] { 1, 2 });
        using var y2 = tensor(new long[] { 1 });
        var batches = new[] { (y1, new ModelOutput("p", scores1)), (y2, new ModelOutput("p", scores2)) };

        Assert.Equal(1.0 / 3, Stream(Metric.SparseCategoricalAccuracy(), batches), 12);
        // Top 2: (1 in {1,2}) yes, (2 in {0,1}) no, (1 in {2,1}) yes.
        Assert.Equal(2.0 / 3, Stream(Metric.SparseTopKCategoricalAccuracy(k: 2), batches), 12);
    }

    [Fact]
    public void Binary_accuracy_precision_and_recall_threshold_the_probabilities()
    {
        using var p = tensor(new float[,] { { 0.9f }, { 0.6f }, { 0.4f }, { 0.2f }, { 0.7f } });
        using var y = tensor(new float[,] { { 1 }, { 0 }, { 1 }, { 0 }, { 1 } });
        var batch = (y, new ModelOutput("p", p));
        // Predicted positive: 0.9, 0.6, 0.7 → TP 2 (0.9, 0.7), FP 1 (0.6); FN 1 (0.4); right: 0.9, 0.2, 0.7.
        Assert.Equal(3.0 / 5, Stream(Metric.BinaryAccuracy(), batch), 12);
        Assert.Equal(2.0 / 3, Stream(Metric.Precision(), batch), 12);
        Assert.Equal(2.0 / 3, Stream(Metric.Recall(), batch), 12);
        Assert.Equal(1.0, Stream(Metric.Precision(threshold: 0.8), batch), 12);
    }

    [Fact]
    public void Roc_auc_equals_the_share_of_correctly_ordered_pairs_when_predictions_fall_in_distinct_bins()
    {
        var random = new Random(7);
        var p = Enumerable.Range(0, 40).Select(i => (i + 0.5f) / 40f).OrderBy(_ => random.Next()).ToArray();
        var y = p.Select(v => random.NextDouble() < v ? 1f : 0f).ToArray();
        // Mann–Whitney: the share of (positive, negative) pairs the scores put in the right order.
        var positives = p.Where((_, i) => y[i] == 1).ToArray();
        var negatives = p.Where((_, i) => y[i] == 0).ToArray();
        double ordered = positives.Sum(a => negatives.Count(b => a > b)) / (double)(positives.Length * negatives.Length);

        using var pt = tensor(p).reshape(-1, 1);
        using var yt = tensor(y).reshape(-1, 1);
        using var p1 = pt.narrow(0, 0, 25);
        using var p2 = pt.narrow(0, 25, 15);
        using var y1 = yt.narrow(0, 0, 25);
        using var y2 = yt.narrow(0, 25, 15);

        double auc = Stream(Metric.Auc(), (y1, new ModelOutput("p", p1)), (y2, new ModelOutput("p", p2)));

        Assert.Equal(ordered, auc, tolerance: 1e-6);
    }

    [Fact]
    public void Pr_auc_of_a_perfect_ranking_is_one_and_of_a_reversed_one_is_small()
    {
        using var p = tensor(new float[] { 0.95f, 0.85f, 0.15f, 0.05f }).reshape(-1, 1);
        using var y = tensor(new float[] { 1, 1, 0, 0 }).reshape(-1, 1);
        using var reversed = tensor(new float[] { 0, 0, 1, 1 }).reshape(-1, 1);
        Assert.Equal(1.0, Stream(Metric.Auc(curve: AucCurve.PrecisionRecall), (y, new ModelOutput("p", p))), tolerance: 1e-3);
        Assert.True(Stream(Metric.Auc(curve: AucCurve.PrecisionRecall), (reversed, new ModelOutput("p", p))) < 0.5);
        Assert.Equal(0.0, Stream(Metric.Auc(), (reversed, new ModelOutput("p", p))), tolerance: 1e-6);
    }

    [Fact]
    public void Regression_metrics_match_their_definitions()
    {
        using var y = tensor(new float[,] { { 1, 2 }, { 0, 0 } });
        using var p = tensor(new float[,] { { 1.5f, 2 }, { 3, 0 } });
        var batch = (y, new ModelOutput("p", p));
        Assert.Equal((0.25 + 1.5) / 2, Stream(Metric.MeanAbsoluteError(), batch), tolerance: 1e-6);
        Assert.Equal((0.125 + 4.5) / 2, Stream(Metric.MeanSquaredError(), batch), tolerance: 1e-6);
        Assert.Equal(Math.Sqrt((0.25 + 9) / 4), Stream(Metric.RootMeanSquaredError(), batch), tolerance: 1e-6);
    }

    [Fact]
    public void Keras_names_give_the_metrics_with_their_log_names_and_directions()
    {
        Assert.Equal("mae", Metric.FromName("mae").Name);
        Assert.False(Metric.FromName("mae").HigherIsBetter);
        Assert.True(Metric.FromName("auc").HigherIsBetter);
        Assert.Throws<ArgumentException>(() => Metric.FromName("acuracy"));
        Assert.Throws<ArgumentException>(() => Metric.Mean("val_score", (y, p) => p, higherIsBetter: true));
    }
}
