using System;
using System.Collections.Generic;
using Dsl.Training;

namespace Dsl.Runtime.Tests.Training;

/// <summary>Keeps every progress call, for assertions.</summary>
internal sealed class RecordingProgress : ITrainingProgress
{
    public List<BatchProgress> Batches { get; } = new();

    public List<string> Events { get; } = new();

    public void EpochStarted(EpochPlan plan) => Events.Add($"start {plan.Epoch}");

    public void BatchCompleted(BatchProgress progress) => Batches.Add(progress);

    public void EpochCompleted(EpochPlan plan, EpochRecord record) => Events.Add($"end {record.Epoch}");

    public void EpochAborted(EpochPlan plan, Exception reason) => Events.Add($"aborted {plan.Epoch}: {reason.GetType().Name}");
}
