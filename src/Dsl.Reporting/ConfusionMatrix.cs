using System;
using System.Collections.Generic;
using System.Linq;

namespace Dsl.Reporting;

/// <summary>
/// Counts of (true class, predicted class) pairs: row <c>t</c>, column <c>p</c> holds how many samples of class
/// <c>t</c> were predicted as <c>p</c>. The diagonal holds the correct predictions. Equal when every count is equal.
/// </summary>
public sealed record ConfusionMatrix
{
    /// <summary>The counts, one row per true class, one column per predicted class.</summary>
    public IReadOnlyList<IReadOnlyList<int>> Counts { get; init; } = Array.Empty<IReadOnlyList<int>>();

    /// <summary>The number of classes.</summary>
    public int Classes => Counts.Count;

    /// <summary>All samples.</summary>
    public long Total => Counts.Sum(row => row.Sum(c => (long)c));

    /// <summary>Samples predicted correctly (the diagonal).</summary>
    public long Correct => Enumerable.Range(0, Classes).Sum(c => (long)Counts[c][c]);

    /// <summary>The share predicted correctly, NaN without samples.</summary>
    public double Accuracy => Total == 0 ? double.NaN : (double)Correct / Total;

    /// <summary>Counts the pairs of <paramref name="actual"/> and <paramref name="predicted"/> classes.</summary>
    /// <param name="actual">The true class of each sample, in [0, classes).</param>
    /// <param name="predicted">The predicted class of each sample, in [0, classes).</param>
    /// <param name="classes">The number of classes.</param>
    /// <exception cref="ArgumentException">The lists differ in length or hold a class outside [0, classes).</exception>
    public static ConfusionMatrix From(IReadOnlyList<int> actual, IReadOnlyList<int> predicted, int classes)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        if (actual.Count != predicted.Count)
            throw new ArgumentException($"There are {actual.Count} true classes but {predicted.Count} predictions.", nameof(predicted));
        var counts = new int[classes][];
        for (int c = 0; c < classes; c++)
            counts[c] = new int[classes];
        for (int i = 0; i < actual.Count; i++)
        {
            int t = actual[i], p = predicted[i];
            if ((uint)t >= (uint)classes || (uint)p >= (uint)classes)
                throw new ArgumentException($"Sample {i} has true class {t} and prediction {p}; both must be in [0, {classes}).", nameof(actual));
            counts[t][p]++;
        }
        return new ConfusionMatrix { Counts = counts };
    }

    /// <summary>Samples of class <paramref name="c"/> (its row's sum).</summary>
    public long Support(int c) => Counts[c].Sum(n => (long)n);

    /// <summary>Samples predicted as <paramref name="c"/> (its column's sum).</summary>
    public long PredictedAs(int c) => Counts.Sum(row => (long)row[c]);

    /// <summary>Of the samples predicted as <paramref name="c"/>, the share that are <paramref name="c"/>; NaN if none was.</summary>
    public double Precision(int c) => PredictedAs(c) is var n and > 0 ? (double)Counts[c][c] / n : double.NaN;

    /// <summary>Of the samples of class <paramref name="c"/>, the share predicted as <paramref name="c"/>; NaN if there are none.</summary>
    public double Recall(int c) => Support(c) is var n and > 0 ? (double)Counts[c][c] / n : double.NaN;

    /// <summary>Precision, recall and support of every class.</summary>
    public IReadOnlyList<ClassMetrics> PerClass() =>
        Enumerable.Range(0, Classes).Select(c => new ClassMetrics(c, Precision(c), Recall(c), Support(c))).ToArray();

    /// <inheritdoc />
    public bool Equals(ConfusionMatrix? other) =>
        other is not null && Classes == other.Classes && Counts.Zip(other.Counts).All(rows => rows.First.SequenceEqual(rows.Second));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Classes, Total, Correct);
}

/// <summary>One class's precision, recall and support (NaN where undefined: no sample predicted as / belonging to it).</summary>
/// <param name="Class">The class index.</param>
/// <param name="Precision">Correct predictions of the class over all predictions of it.</param>
/// <param name="Recall">Correct predictions of the class over its samples.</param>
/// <param name="Support">Samples of the class.</param>
public sealed record ClassMetrics(int Class, double Precision, double Recall, long Support);
