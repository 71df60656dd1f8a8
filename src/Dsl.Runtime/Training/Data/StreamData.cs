using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Dsl.Training;

/// <summary>The user's own stream of batches, read on a background thread one batch ahead.</summary>
internal sealed class StreamData : TrainingData
{
    private readonly Func<int, CancellationToken, IAsyncEnumerable<DataBatch>> _epochBatches;
    private readonly long? _samples;

    public StreamData(Func<int, CancellationToken, IAsyncEnumerable<DataBatch>> epochBatches, int inputs, int targets, long? samples)
    {
        ArgumentNullException.ThrowIfNull(epochBatches);
        if (inputs < 1)
            throw new ArgumentOutOfRangeException(nameof(inputs), inputs, "A batch has at least one input.");
        if (targets < 0)
            throw new ArgumentOutOfRangeException(nameof(targets), targets, "The number of targets cannot be negative.");
        if (samples is < 1)
            throw new ArgumentOutOfRangeException(nameof(samples), samples, "The number of samples, when given, must be at least 1.");
        _epochBatches = epochBatches;
        InputCount = inputs;
        TargetCount = targets;
        _samples = samples;
    }

    public override long? Count => _samples;

    internal override int InputCount { get; }

    internal override int TargetCount { get; }

    internal override bool IsShuffledByTrainer => false;

    internal override IEnumerable<DataBatch> Batches(int epoch, int batchSize, ulong? shuffleSeed, int skipBatches, CancellationToken cancellationToken) =>
        Prefetch.Ahead(Skip(_epochBatches(epoch, cancellationToken).ToBlockingEnumerable(cancellationToken), skipBatches), depth: 2, cancellationToken);

    /// <summary>The stream from batch <paramref name="count"/> on: the user's stream cannot seek, so the first ones are read and dropped.</summary>
    private static IEnumerable<DataBatch> Skip(IEnumerable<DataBatch> batches, int count)
    {
        int index = 0;
        foreach (var batch in batches)
        {
            if (index++ < count)
            {
                batch.Dispose();
                continue;
            }
            yield return batch;
        }
    }
}
