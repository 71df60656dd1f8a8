using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>Tensors in memory, batched by gathering rows of a seeded permutation.</summary>
internal sealed class TensorData : TrainingData
{
    public TensorData(IReadOnlyList<Tensor> x, IReadOnlyList<Tensor> y, Tensor? sampleWeight)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count == 0 || x.Any(t => t is null))
            throw new ArgumentException("x must hold one tensor per input of the model.", nameof(x));
        if (y.Any(t => t is null))
            throw new ArgumentException("y must hold one tensor per output of the model, none of them null.", nameof(y));
        X = x.ToArray();
        Y = y.ToArray();
        SampleWeight = sampleWeight;
    }

    public Tensor[] X { get; }

    public Tensor[] Y { get; }

    public Tensor? SampleWeight { get; }

    public override long? Count => X[0].Dimensions == 0 ? 0 : X[0].shape[0];

    internal override int InputCount => X.Length;

    internal override int TargetCount => Y.Length;

    internal override bool IsShuffledByTrainer => true;

    /// <summary>The same data with other targets (the loss's prepared form) and weights.</summary>
    public TensorData With(Tensor[] y, Tensor? sampleWeight) => new(X, y, sampleWeight);

    internal override IEnumerable<DataBatch> Batches(int epoch, int batchSize, ulong? shuffleSeed, int skipBatches, CancellationToken cancellationToken)
    {
        long count = Count ?? 0;
        using var order = shuffleSeed is ulong seed ? Permutation.Of(count, seed, X[0].device) : null;
        for (long start = (long)skipBatches * batchSize; start < count; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long n = Math.Min(batchSize, count - start);
            if (order is null)
            {
                yield return new DataBatch(X.Select(t => t.narrow(0, start, n)).ToArray(), Y.Select(t => t.narrow(0, start, n)).ToArray(), SampleWeight?.narrow(0, start, n));
            }
            else
            {
                using var indices = order.narrow(0, start, n);
                yield return new DataBatch(
                    X.Select(t => t.index_select(0, Permutation.On(indices, t))).ToArray(),
                    Y.Select(t => t.index_select(0, Permutation.On(indices, t))).ToArray(),
                    SampleWeight?.index_select(0, Permutation.On(indices, SampleWeight)));
            }
        }
    }
}
