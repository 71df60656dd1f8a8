using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dsl.Training;

/// <summary>
/// The JSON file a checkpoint's path names. It is written last, by an atomic rename, and names the weight and
/// optimizer files it belongs to, so a checkpoint is always the old one or the complete new one.
/// </summary>
internal sealed record CheckpointManifest
{
    /// <summary>
    /// The current layout, the only one read: 3 holds the state of Keras's optimizers (<see cref="KerasOptimizer"/>) as named
    /// tensors. 2 wrapped the manifest with its own SHA-256 (kept: an edited manifest is refused like a damaged weights
    /// file); 1 and 2 held TorchSharp's Adam or SGD state, which cannot continue a Keras optimizer, and are refused.
    /// </summary>
    public const int CurrentFormat = 3;

    /// <summary>Layout version.</summary>
    [JsonPropertyName("format")]
    public int Format { get; init; }

    /// <summary>The model's full name, checked on load.</summary>
    [JsonPropertyName("model")]
    public string Model { get; init; } = "";

    /// <summary>The optimizer settings the state was saved with.</summary>
    [JsonPropertyName("optimizer")]
    public OptimizerSettings? Optimizer { get; init; }

    /// <summary>Shuffling/dropout seed of the run; a trainer with another refuses to resume it.</summary>
    [JsonPropertyName("seed")]
    public int Seed { get; init; }

    /// <summary>Batch size of the run; a trainer with another refuses to resume it.</summary>
    [JsonPropertyName("batchSize")]
    public int BatchSize { get; init; }

    /// <summary>The training data the run was fitted on (count and labels), checked when Fit resumes; null in older checkpoints.</summary>
    [JsonPropertyName("data")]
    public DataFingerprint? Data { get; init; }

    /// <summary>When the checkpoint was written.</summary>
    [JsonPropertyName("savedUtc")]
    public DateTime SavedUtc { get; init; }

    /// <summary>File name (same folder) of the weights, in TorchSharp's <c>module.save</c> format.</summary>
    [JsonPropertyName("weightsFile")]
    public string WeightsFile { get; init; } = "";

    /// <summary>SHA-256 of the weights file.</summary>
    [JsonPropertyName("weightsSha256")]
    public string WeightsSha256 { get; init; } = "";

    /// <summary>
    /// File name (same folder) of the optimizer's state as named tensors (see <see cref="CheckpointFiles"/>): <c>iteration</c>,
    /// every slot as <c>&lt;Keras's variable name&gt;/&lt;parameter index&gt;</c> (<c>momentum/0</c>…) and Nadam's <c>u_product</c>.
    /// </summary>
    [JsonPropertyName("optimizerFile")]
    public string OptimizerFile { get; init; } = "";

    /// <summary>SHA-256 of the optimizer file.</summary>
    [JsonPropertyName("optimizerSha256")]
    public string OptimizerSha256 { get; init; } = "";

    /// <summary>The optimizer's learning rate when saved (changed by callbacks such as ReduceLROnPlateau); null in older checkpoints.</summary>
    [JsonPropertyName("learningRate")]
    public double? LearningRate { get; init; }

    /// <summary>The callbacks' state, by callback key (<c>EarlyStopping</c>, <c>EarlyStopping#2</c>…).</summary>
    [JsonPropertyName("callbacks")]
    public Dictionary<string, JsonElement> Callbacks { get; init; } = new();

    /// <summary>File name (same folder) of the callbacks' tensors, or empty when they have none.</summary>
    [JsonPropertyName("callbackTensorsFile")]
    public string CallbackTensorsFile { get; init; } = "";

    /// <summary>SHA-256 of the callbacks' tensors file.</summary>
    [JsonPropertyName("callbackTensorsSha256")]
    public string CallbackTensorsSha256 { get; init; } = "";

    /// <summary>Where the run stood inside the next epoch when saved mid-epoch; null when saved between epochs.</summary>
    [JsonPropertyName("position")]
    public EpochPosition? Position { get; init; }

    /// <summary>
    /// The state of each augmentation layer's own generator (layers given a seed), by module name, base64; such a
    /// generator runs on across epochs, as Keras's <c>SeedGenerator</c> does, so a resumed run needs it back.
    /// </summary>
    [JsonPropertyName("generators")]
    public Dictionary<string, string> Generators { get; init; } = new();

    /// <summary>Every epoch trained up to the checkpoint.</summary>
    [JsonPropertyName("history")]
    public History History { get; init; } = History.Empty;
}
