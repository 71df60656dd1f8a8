using System;
using System.Collections.Generic;

namespace Dsl.Training;

/// <summary>The state of an epoch after one of its training batches.</summary>
public sealed record BatchProgress
{
    /// <summary>Creates the state after batch <paramref name="step"/>.</summary>
    /// <param name="plan">The epoch.</param>
    /// <param name="step">Batches done so far, from 1.</param>
    /// <param name="samplesDone">Samples done so far.</param>
    /// <param name="loss">Running loss: the sample-weighted mean over the epoch's batches so far.</param>
    /// <param name="metrics">
    /// The running logs (loss and every metric, Keras's names), or <see langword="null"/> for the runtime's sinks that
    /// ignore batch metrics (<see cref="SilentProgress"/>, <see cref="LineProgress"/>), for which the trainer reads them only
    /// at the end of the epoch.
    /// </param>
    /// <param name="elapsed">Time since the epoch started.</param>
    public BatchProgress(EpochPlan plan, int step, long samplesDone, double loss, EpochLogs? metrics, TimeSpan elapsed)
    {
        Plan = plan;
        Step = step;
        SamplesDone = samplesDone;
        Loss = loss;
        Metrics = metrics;
        Elapsed = elapsed;
    }

    /// <summary>A classifier's state: running loss and accuracy (NaN when not read).</summary>
    public BatchProgress(EpochPlan plan, int step, long samplesDone, double loss, double accuracy, TimeSpan elapsed)
        : this(plan, step, samplesDone, loss, double.IsNaN(accuracy) ? null : new EpochLogs(new KeyValuePair<string, double>[] { new(EpochLogs.Loss, loss), new(EpochLogs.Accuracy, accuracy) }), elapsed)
    {
    }

    /// <summary>The epoch.</summary>
    public EpochPlan Plan { get; init; }

    /// <summary>Batches done so far, from 1.</summary>
    public int Step { get; init; }

    /// <summary>Samples done so far.</summary>
    public long SamplesDone { get; init; }

    /// <summary>Running loss: the sample-weighted mean over the epoch's batches so far.</summary>
    public double Loss { get; init; }

    /// <summary>The running logs (loss first, then the metrics), or <see langword="null"/> when not read for this sink.</summary>
    public EpochLogs? Metrics { get; init; }

    /// <summary>Time since the epoch started.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Running accuracy, or NaN when the run has none or it was not read for this sink.</summary>
    public double Accuracy => Metrics is not null && Metrics.TryGetValue(EpochLogs.Accuracy, out double value) ? value : double.NaN;

    /// <summary>Estimated time to the end of the epoch's training batches, from the pace so far (zero when the epoch's size is unknown).</summary>
    public TimeSpan Remaining => SamplesDone <= 0 || Plan.Samples <= 0
        ? TimeSpan.Zero
        : TimeSpan.FromTicks((long)(Elapsed.Ticks * (double)Math.Max(0, Plan.Samples - SamplesDone) / SamplesDone));
}
