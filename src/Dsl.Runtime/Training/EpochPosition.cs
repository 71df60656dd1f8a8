using System;
using System.Text.Json.Serialization;

namespace Dsl.Training;

/// <summary>
/// Where a run stands inside an epoch, after its last completed step: what a checkpoint saved mid-epoch (or a trainer
/// whose Fit was cancelled) needs to finish that epoch exactly as the uninterrupted run would have. The batches already
/// trained on are skipped in the same permutation (it depends on seed and epoch only), the running totals continue, and
/// TorchSharp's global generator (dropout, augmentation layers without a seed) continues from the saved state.
/// </summary>
internal sealed record EpochPosition
{
    /// <summary>The epoch under way, from 1.</summary>
    [JsonPropertyName("epoch")]
    public int Epoch { get; init; }

    /// <summary>Steps (batches) of the epoch completed.</summary>
    [JsonPropertyName("steps")]
    public int Steps { get; init; }

    /// <summary>Samples of the epoch trained on.</summary>
    [JsonPropertyName("samples")]
    public long Samples { get; init; }

    /// <summary>The sum over the completed batches of the batch's loss times its size (the epoch's mean is this over <see cref="Samples"/>).</summary>
    [JsonPropertyName("lossSum")]
    public double LossSum { get; init; }

    /// <summary>The metrics' running totals (per-output losses, counts, confusion sums), as the objective keeps them.</summary>
    [JsonPropertyName("metricSums")]
    public double[] MetricSums { get; init; } = Array.Empty<double>();

    /// <summary>The learning rate when the epoch began: the history records it.</summary>
    [JsonPropertyName("learningRate")]
    public double LearningRate { get; init; }

    /// <summary>Seconds the epoch has run so far; the resumed part adds to them.</summary>
    [JsonPropertyName("seconds")]
    public double Seconds { get; init; }

    /// <summary>TorchSharp's global CPU generator after the last completed step (<c>torch.get_rng_state</c>), base64.</summary>
    [JsonPropertyName("randomState")]
    public string RandomState { get; init; } = "";
}
