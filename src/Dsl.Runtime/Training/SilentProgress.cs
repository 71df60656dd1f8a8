using System;

namespace Dsl.Training;

/// <summary>Reports nothing (Keras's <c>verbose=0</c>); the default for <c>Trainer.Fit</c>.</summary>
public sealed class SilentProgress : ITrainingProgress
{
    private SilentProgress()
    {
    }

    /// <summary>The single instance.</summary>
    public static SilentProgress Instance { get; } = new();

    /// <inheritdoc />
    public void EpochStarted(EpochPlan plan)
    {
    }

    /// <inheritdoc />
    public void BatchCompleted(BatchProgress progress)
    {
    }

    /// <inheritdoc />
    public void EpochCompleted(EpochPlan plan, EpochRecord record)
    {
    }

    /// <inheritdoc />
    public void EpochAborted(EpochPlan plan, Exception reason)
    {
    }
}
