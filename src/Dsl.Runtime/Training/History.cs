using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dsl.Training;

/// <summary>
/// Everything a trainer has trained so far, one <see cref="EpochRecord"/> per epoch numbered 1, 2, 3…
/// Like Keras's <c>History</c>, with per-metric views. Immutable; serialises to and from JSON.
/// </summary>
public sealed class History
{
    /// <summary>A history without epochs.</summary>
    public static History Empty { get; } = new(Array.Empty<EpochRecord>());

    /// <summary>Creates a history from records numbered 1, 2, 3… in order.</summary>
    /// <exception cref="ArgumentException">The records are not numbered consecutively from 1.</exception>
    [JsonConstructor]
    public History(IReadOnlyList<EpochRecord> epochs)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        for (int i = 0; i < epochs.Count; i++)
        {
            if (epochs[i] is null || epochs[i].Epoch != i + 1)
            {
                throw new ArgumentException(
                    $"A history's epochs must be numbered 1, 2, 3… in order; entry {i} is epoch {epochs[i]?.Epoch.ToString() ?? "null"}.",
                    nameof(epochs));
            }
        }
        Epochs = epochs.ToArray();
    }

    /// <summary>The epochs, in order.</summary>
    [JsonPropertyName("epochs")]
    public IReadOnlyList<EpochRecord> Epochs { get; }

    /// <summary>The number of epochs trained.</summary>
    [JsonIgnore]
    public int Count => Epochs.Count;

    /// <summary>The last epoch, or <see langword="null"/> before the first.</summary>
    [JsonIgnore]
    public EpochRecord? Last => Epochs.Count == 0 ? null : Epochs[^1];

    /// <summary>Training loss per epoch (Keras's <c>history['loss']</c>).</summary>
    [JsonIgnore]
    public IReadOnlyList<double> Loss => Epochs.Select(e => e.Loss).ToArray();

    /// <summary>Training accuracy per epoch.</summary>
    [JsonIgnore]
    public IReadOnlyList<double> Accuracy => Epochs.Select(e => e.Accuracy).ToArray();

    /// <summary>Validation loss per epoch; <see langword="null"/> entries where there was no validation data.</summary>
    [JsonIgnore]
    public IReadOnlyList<double?> ValidationLoss => Epochs.Select(e => e.ValidationLoss).ToArray();

    /// <summary>Validation accuracy per epoch; <see langword="null"/> entries where there was no validation data.</summary>
    [JsonIgnore]
    public IReadOnlyList<double?> ValidationAccuracy => Epochs.Select(e => e.ValidationAccuracy).ToArray();

    /// <summary>A new history with <paramref name="record"/> appended; it must be epoch <see cref="Count"/> + 1.</summary>
    public History Append(EpochRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new History([.. Epochs, record]);
    }

    /// <summary>Indented JSON: <c>{"epochs":[{"epoch":1,"loss":…,"accuracy":…,"val_loss":…,"val_accuracy":…,"seconds":…}]}</c>.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, TrainingJson.Options);

    /// <summary>Reads JSON written by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">The text is not a history.</exception>
    public static History FromJson(string json) =>
        JsonSerializer.Deserialize<History>(json, TrainingJson.Options) ?? throw new JsonException("The JSON text holds null, not a history.");
}
