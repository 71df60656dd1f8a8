using System;
using System.Collections.Generic;
using System.Globalization;
using Dsl.Bench.Common;

namespace Dsl.Bench.Training;

/// <summary>The JSON <c>train</c> writes: where and how it ran, every run, and the summary.</summary>
internal sealed record TrainingBenchReport
{
    public string Tool { get; init; } = "dsl-bench train";

    public int Format { get; init; } = 1;

    public DateTime StartedUtc { get; init; }

    public DateTime FinishedUtc { get; init; }

    public string CommandLine { get; init; } = "";

    public required Machine Machine { get; init; }

    public string? LoadAverageAtEnd { get; init; }

    public required TrainingBenchSettings Settings { get; init; }

    public string DataDirectory { get; init; } = "";

    [System.Text.Json.Serialization.JsonPropertyName("pytorch")]
    public required PyTorchSide PyTorch { get; init; }

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

/// <summary>Whether the PyTorch side ran, with which interpreter and version, or why not.</summary>
internal sealed record PyTorchSide(bool Ran, string Python, string? Version, string? Skipped);

internal sealed record VariantRecord(string Name, string Lever);

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

    /// <summary>This side's seconds over PyTorch's in the same round (below 1: faster than PyTorch).</summary>
    [System.Text.Json.Serialization.JsonPropertyName("ratio_to_pytorch")]
    public Ratios? RatioToPyTorch { get; init; }

    /// <summary>For a lever variant: its seconds over the shipped <c>dsl</c>'s in the same round (below 1: this variant is faster).</summary>
    public Ratios? RatioToDsl { get; init; }
}

/// <summary>Ratios of seconds, round by round: the whole epoch, its training, its evaluation.</summary>
internal sealed record Ratios(Spread Epoch, Spread Train, Spread Eval);
