using System.Collections.Generic;
using System.Linq;

namespace Dsl.Bench.Training;

/// <summary>
/// What one worker measured, as it prints it (one JSON line after <see cref="Marker"/>). bench/pytorch_twin.py writes
/// the same fields.
/// </summary>
internal sealed record WorkerResult
{
    /// <summary>The prefix of the result line on a worker's stdout.</summary>
    public const string Marker = "BENCH-RESULT ";

    /// <summary><c>dsl</c> or <c>pytorch</c>.</summary>
    public required string Framework { get; init; }

    public required string Variant { get; init; }

    public required string Model { get; init; }

    public long Parameters { get; init; }

    /// <summary><c>float32</c> or <c>bfloat16</c>.</summary>
    public string Precision { get; init; } = "float32";

    public int TrainImages { get; init; }

    public int EvalImages { get; init; }

    public int BatchSize { get; init; }

    public int EvalBatchSize { get; init; }

    public int Threads { get; init; }

    public int? InteropThreads { get; init; }

    public double WarmupSeconds { get; init; }

    public required IReadOnlyList<EpochMeasurement> Epochs { get; init; }

    /// <summary>The worker process's peak resident memory (VmHWM / ru_maxrss), bytes.</summary>
    public long? PeakRssBytes { get; init; }

    public Dictionary<string, string> Versions { get; init; } = new();

    public double TrainImagesPerSecond => TrainImages * (double)Epochs.Count / Epochs.Sum(e => e.TrainSeconds);

    public double EvalImagesPerSecond => EvalImages * (double)Epochs.Count / Epochs.Sum(e => e.EvalSeconds);

    /// <summary>Mean seconds per epoch: training plus the evaluation that follows it.</summary>
    public double EpochSeconds => Epochs.Average(e => e.TrainSeconds + e.EvalSeconds);

    public double TrainSeconds => Epochs.Average(e => e.TrainSeconds);

    public double EvalSeconds => Epochs.Average(e => e.EvalSeconds);

    public double FinalEvalAccuracy => Epochs.Count == 0 ? double.NaN : Epochs[^1].EvalAccuracy;
}

/// <summary>One epoch: training time and metrics, then the evaluation of the held-out images.</summary>
internal sealed record EpochMeasurement(int Epoch, double TrainSeconds, double EvalSeconds, double TrainLoss, double TrainAccuracy, double EvalLoss, double EvalAccuracy);
