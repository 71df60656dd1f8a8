using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace Dsl.Data;

/// <summary>
/// Features and labels read from a CSV file by <see cref="CsvFile.Load"/>: row <c>i</c> is <c>Features[i]</c> with
/// label <c>Labels[i]</c>. Owns both tensors and frees them on <see cref="Dispose"/>.
/// </summary>
public sealed class CsvData : IDisposable
{
    internal CsvData(Tensor features, Tensor labels, IReadOnlyList<string> featureNames, IReadOnlyList<string> labelNames, IReadOnlyList<string>? classNames)
    {
        Features = features.DetachFromDisposeScope();
        Labels = labels.DetachFromDisposeScope();
        FeatureNames = featureNames;
        LabelNames = labelNames;
        ClassNames = classNames;
    }

    /// <summary>The features, float32 (N, F).</summary>
    public Tensor Features { get; }

    /// <summary>The labels: int64 (N) class indices, or float32 (N, T) regression targets.</summary>
    public Tensor Labels { get; }

    /// <summary>The feature columns' names, in feature order (without a header: their 0-based indices, "0", "1", …).</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The label columns' names, in target order.</summary>
    public IReadOnlyList<string> LabelNames { get; }

    /// <summary>For class labels, the class of each index (index 0 first); null for regression.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>The number of rows, N.</summary>
    public long Count => Features.shape[0];

    /// <summary>Frees both tensors.</summary>
    public void Dispose()
    {
        Features.Dispose();
        Labels.Dispose();
    }
}
