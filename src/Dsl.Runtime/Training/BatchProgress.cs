using System;

namespace Dsl.Training;

/// <summary>The state of an epoch after one of its training batches.</summary>
/// <param name="Plan">The epoch.</param>
/// <param name="Step">Batches done so far, from 1.</param>
/// <param name="SamplesDone">Samples done so far.</param>
/// <param name="Loss">Running loss: the sample-weighted mean over the epoch's batches so far.</param>
/// <param name="Accuracy">
/// Running accuracy over the epoch's samples so far; NaN for the runtime's sinks that ignore batch metrics
/// (<see cref="SilentProgress"/>, <see cref="LineProgress"/>), for which the trainer reads it only at the end of the epoch.
/// </param>
/// <param name="Elapsed">Time since the epoch started.</param>
public sealed record BatchProgress(EpochPlan Plan, int Step, long SamplesDone, double Loss, double Accuracy, TimeSpan Elapsed)
{
    /// <summary>Estimated time to the end of the epoch's training batches, from the pace so far.</summary>
    public TimeSpan Remaining => SamplesDone <= 0
        ? TimeSpan.Zero
        : TimeSpan.FromTicks((long)(Elapsed.Ticks * (double)(Plan.Samples - SamplesDone) / SamplesDone));
}
