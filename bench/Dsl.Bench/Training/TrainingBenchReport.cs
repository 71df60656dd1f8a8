using System;
using System.Collections.Generic;
using System.Globalization;
using Dsl.Bench.Common;
using Dsl.Bench.Limit;

namespace Dsl.Bench.Training;

/// <summary>The JSON <c>train</c> writes: where and how it ran, every run, and the summary.</summary>
internal sealed record TrainingBenchReport
{
    public string Tool { get; init; } = "dsl-bench train";

    public int Format { get; init; } = 2;

    public DateTime StartedUtc { get; init; }

    public DateTime FinishedUtc { get; init; }

    public string CommandLine { get; init; } = "";

    public required Machine Machine { get; init; }

    public string? LoadAverageAtEnd { get; init; }

    public required TrainingBenchSettings Settings { get; init; }

    public string DataDirectory { get; init; } = "";

    [System.Text.Json.Serialization.JsonPropertyName("pytorch")]
    public required PyTorchSide PyTorch { get; init; }

    /// <summary>The reference sides asked for, each with whether it ran.</summary>
    public required IReadOnlyList<PeerRecord> Peers { get; init; }

    /// <summary>The machine's limit measured at the start (null when the probe failed; see <see cref="ProbeError"/>).</summary>
    public ProbeResult? Probe { get; init; }

    public string? ProbeError { get; init; }

    public required IReadOnlyList<VariantRecord> Variants { get; init; }

    public required IReadOnlyList<RunEntry> Runs { get; init; }

    public required IReadOnlyList<SummaryRow> Summary { get; init; }
}

internal sealed record TrainingBenchSettings
{
    public required IReadOnlyList<string> Models { get; init; }

    public required IReadOnlyList<string> Variants { get; init; }

    public int TrainImages { get; init; }

    public int EvalImages { get; init; }

    public int Repetitions { get; init; }

    public int Epochs { get; init; }

    public int BatchSize { get; init; }

    public int EvalBatchSize { get; init; }

    public int Threads { get; init; }

    public int? InteropThreads { get; init; }

    public int WarmupSteps { get; init; }

    public int Seed { get; init; }

    public string Optimizer { get; init; } = "Adam lr 1e-3, betas 0.9/0.999, eps 1e-7";

    public string Initialisation { get; init; } = "Glorot-uniform kernels, zero biases (Keras's)";
}

/// <summary>Whether the PyTorch peers ran, with which interpreter and version, or why not.</summary>
internal sealed record PyTorchSide(bool Ran, string Python, string? Version, string? Skipped);

internal sealed record VariantRecord(string Name, string Lever);

/// <summary>A peer asked for with <c>--peers</c>: what it is, and whether it ran (or why not).</summary>
internal sealed record PeerRecord(string Name, string Description, bool Ran, string? Skipped);

/// <summary>One worker run: its round, and its result or why it failed.</summary>
internal sealed record RunEntry(int Repetition, string Model, string Variant, WorkerResult? Result, string? Error, double WallSeconds)
{
    public string Describe() => Result is { } r
        ? string.Create(CultureInfo.InvariantCulture,
            $"{r.TrainImagesPerSecond:N0} train img/s, {r.EvalImagesPerSecond:N0} eval img/s, {r.EpochSeconds:F2} s/epoch, peak {(r.PeakRssBytes ?? 0) / (1024.0 * 1024.0):N0} MB, eval accuracy {r.FinalEvalAccuracy:F4}")
        : "FAILED: " + Error;
}

/// <summary>One model and side over all rounds.</summary>
internal sealed record SummaryRow
{
    public required string Model { get; init; }

    public required string Variant { get; init; }

    public string? Framework { get; init; }

    public string? Precision { get; init; }

    public int Runs { get; init; }

    public Spread? TrainImagesPerSecond { get; init; }

    public Spread? EvalImagesPerSecond { get; init; }

    /// <summary>Seconds per epoch: training plus evaluation.</summary>
    public Spread? EpochSeconds { get; init; }

    public Spread? PeakRssMb { get; init; }

    public Spread? FinalEvalAccuracy { get; init; }

    /// <summary>The arithmetic rate reached, from the compile-time mult-adds, and its share of the probe's peaks.</summary>
    public Achieved? Achieved { get; init; }

    /// <summary>This side against every peer (but itself), round by round, by the peer's name.</summary>
    public IReadOnlyDictionary<string, Ratios> RatiosToPeers { get; init; } = new Dictionary<string, Ratios>();

    /// <summary>For a lever variant: the same ratios against the shipped <c>dsl</c> in the same round.</summary>
    public Ratios? RatioToDsl { get; init; }
}

/// <summary>
/// This side against a reference, round by round: training and evaluation images/s as this over the reference (above 1:
/// this side is faster), and the epoch's seconds (training plus evaluation) as this over the reference (below 1: faster).
/// </summary>
internal sealed record Ratios(Spread TrainSpeed, Spread EvalSpeed, Spread EpochSeconds);
