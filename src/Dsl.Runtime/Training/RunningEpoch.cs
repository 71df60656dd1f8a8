using System;
using System.Diagnostics;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>
/// The epoch the trainer is in: steps done, samples seen, the running loss and metric totals, and its clock. A checkpoint
/// saved during the epoch (or a cancelled Fit) takes a <see cref="Snapshot"/>; a resumed epoch starts from one.
/// Owns the metric totals on the device.
/// </summary>
internal sealed class RunningEpoch : IDisposable
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly double _earlierSeconds;

    private RunningEpoch(int epoch, double learningRate, double earlierSeconds)
    {
        Epoch = epoch;
        LearningRate = learningRate;
        _earlierSeconds = earlierSeconds;
    }

    /// <summary>The epoch, from 1.</summary>
    public int Epoch { get; }

    /// <summary>The learning rate when the epoch began.</summary>
    public double LearningRate { get; }

    /// <summary>Steps completed.</summary>
    public int Steps { get; private set; }

    /// <summary>Samples trained on.</summary>
    public long Samples { get; private set; }

    /// <summary>Σ batch loss × batch size.</summary>
    public double LossSum { get; private set; }

    /// <summary>The metrics' totals (float64 on the model's device), or null before the first step.</summary>
    public Tensor? Sums { get; private set; }

    /// <summary>The epoch's time so far, including the part before an interruption.</summary>
    public TimeSpan Elapsed => TimeSpan.FromSeconds(_earlierSeconds) + _clock.Elapsed;

    /// <summary>A fresh epoch.</summary>
    public static RunningEpoch Start(int epoch, double learningRate) => new(epoch, learningRate, 0);

    /// <summary>
    /// The epoch of <paramref name="position"/>, continued: its totals back on <paramref name="device"/> and the global
    /// random generator as it was after the last completed step.
    /// </summary>
    public static RunningEpoch Resume(EpochPosition position, Device device, string origin)
    {
        GeneratorStates.RestoreGlobal(position.RandomState, origin);
        var running = new RunningEpoch(position.Epoch, position.LearningRate, position.Seconds)
        {
            Steps = position.Steps,
            Samples = position.Samples,
            LossSum = position.LossSum,
        };
        if (position.MetricSums.Length > 0)
        {
            using var host = torch.tensor(position.MetricSums, ScalarType.Float64);
            running.Sums = host.to(device).DetachFromDisposeScope();
        }
        return running;
    }

    /// <summary>Records a completed step: <paramref name="sums"/> are the totals after it (the same tensor, or a new one taken over).</summary>
    public void Completed(Tensor? sums, double batchLoss, long batchSize)
    {
        if (sums is not null && !ReferenceEquals(sums, Sums))
        {
            Sums?.Dispose();
            Sums = sums;
        }
        Steps++;
        Samples += batchSize;
        LossSum += batchLoss * batchSize;
    }

    /// <summary>Hands the totals over to the caller (who disposes them), for the epoch's logs.</summary>
    public Tensor? TakeSums()
    {
        var sums = Sums;
        Sums = null;
        return sums;
    }

    /// <summary>Where the epoch stands now, with the global random generator's current state.</summary>
    public EpochPosition Snapshot()
    {
        double[] sums = Array.Empty<double>();
        if (Sums is not null)
        {
            using var cpu = Sums.cpu();
            sums = cpu.data<double>().ToArray();
        }
        return new EpochPosition
        {
            Epoch = Epoch,
            Steps = Steps,
            Samples = Samples,
            LossSum = LossSum,
            MetricSums = sums,
            LearningRate = LearningRate,
            Seconds = Elapsed.TotalSeconds,
            RandomState = GeneratorStates.Global(),
        };
    }

    /// <summary>Frees the totals.</summary>
    public void Dispose() => Sums?.Dispose();
}
