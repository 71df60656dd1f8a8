using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>A map-style TorchSharp dataset, stacked into batches on a background thread in the trainer's seeded order.</summary>
internal sealed class DatasetData : TrainingData
{
    private readonly utils.data.Dataset _dataset;
    private readonly string[] _inputs;
    private readonly string[] _targets;
    private readonly string? _sampleWeight;

    public DatasetData(utils.data.Dataset dataset, IReadOnlyList<string> inputs, IReadOnlyList<string> targets, string? sampleWeight)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (inputs.Count == 0)
            throw new ArgumentException("Name at least one key of the dataset's samples as the model's input.", nameof(inputs));
        if (dataset.Count <= 0)
            throw new ArgumentException("The dataset is empty.", nameof(dataset));
        _dataset = dataset;
        _inputs = inputs.ToArray();
        _targets = targets.ToArray();
        _sampleWeight = sampleWeight;
    }

    public override long? Count => _dataset.Count;

    internal override int InputCount => _inputs.Length;

    internal override int TargetCount => _targets.Length;

    internal override bool IsShuffledByTrainer => true;

    internal override IEnumerable<DataBatch> Batches(int epoch, int batchSize, ulong? shuffleSeed, int skipBatches, CancellationToken cancellationToken) =>
        Prefetch.Ahead(Read(batchSize, shuffleSeed, skipBatches, cancellationToken), depth: 2, cancellationToken);

    private IEnumerable<DataBatch> Read(int batchSize, ulong? shuffleSeed, int skipBatches, CancellationToken cancellationToken)
    {
        long count = _dataset.Count;
        long[] order;
        using (var permutation = shuffleSeed is ulong seed ? Permutation.Of(count, seed, CPU) : arange(count, ScalarType.Int64))
            order = permutation.data<long>().ToArray();
        // The skipped batches' samples are never decoded: the whole permutation, then only the rest of it read.
        for (long start = (long)skipBatches * batchSize; start < count; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int n = (int)Math.Min(batchSize, count - start);
            using var scope = NewDisposeScope();
            var samples = new Dictionary<string, Tensor>[n];
            for (int i = 0; i < n; i++)
                samples[i] = _dataset.GetTensor(order[start + i]);
            var inputs = _inputs.Select(key => Stack(samples, key, order[start])).ToArray();
            var targets = _targets.Select(key => Stack(samples, key, order[start])).ToArray();
            var weight = _sampleWeight is null ? null : Stack(samples, _sampleWeight, order[start]).reshape(n);
            var batch = new DataBatch(inputs, targets, weight);
            // Handed to the training thread, which disposes the batch after its step; everything else goes with the scope.
            foreach (var tensor in batch.Tensors)
                scope.Detach(tensor);
            yield return batch;
        }
    }

    private static Tensor Stack(Dictionary<string, Tensor>[] samples, string key, long first)
    {
        var parts = new Tensor[samples.Length];
        for (int i = 0; i < samples.Length; i++)
        {
            if (!samples[i].TryGetValue(key, out var part))
                throw new KeyNotFoundException($"A sample of the dataset (in the batch starting at sample {first}) has no tensor '{key}'; it has {string.Join(", ", samples[i].Keys)}.");
            parts[i] = part;
        }
        return stack(parts);
    }
}
