using System;

namespace Dsl.Training;

/// <summary>
/// A progress sink that shows the running metrics at most every <see cref="MetricsInterval"/> (a live bar redrawn a few
/// times a second). The trainer then reads the metrics from the device only when that much of the epoch has passed since
/// the last read, and at the epoch's last batch; the batches between get <see cref="BatchProgress.Metrics"/> null (their
/// loss and position are always given).
/// </summary>
public interface IThrottledProgress : ITrainingProgress
{
    /// <summary>The shortest time between two reads of the running metrics.</summary>
    TimeSpan MetricsInterval { get; }
}
