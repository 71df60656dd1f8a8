using System;

namespace Dsl.Training;

/// <summary>
/// Receives <c>Trainer.Fit</c>'s progress, on the training thread. Implementations: <see cref="SilentProgress"/>,
/// <see cref="LineProgress"/> (one Keras-style line per epoch), <c>LiveProgress</c> (package Dsl.Console) (a live bar), and
/// <c>ConsoleProgress.Create</c> (Dsl.Console) to pick one for the console.
/// </summary>
public interface ITrainingProgress
{
    /// <summary>An epoch is about to start.</summary>
    void EpochStarted(EpochPlan plan);

    /// <summary>A training batch finished (validation batches are not reported).</summary>
    void BatchCompleted(BatchProgress progress);

    /// <summary>An epoch finished, validation included.</summary>
    void EpochCompleted(EpochPlan plan, EpochRecord record);

    /// <summary>
    /// An epoch was interrupted by <paramref name="reason"/> (divergence, cancellation, a failing handler…); close any
    /// live display. The exception is rethrown to <c>Trainer.Fit</c>'s caller afterwards.
    /// </summary>
    void EpochAborted(EpochPlan plan, Exception reason);
}
