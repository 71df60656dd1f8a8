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
    public History(IReadOnlyList<EpochRecord> epochs)
        : this(epochs, null, null)
    {
    }

    /// <summary>Creates a history from records numbered 1, 2, 3… in order, with how it ended.</summary>
    /// <param name="epochs">The epochs, numbered 1, 2, 3….</param>
    /// <param name="stop">The stop a callback requested, or <see langword="null"/>.</param>
    /// <param name="weightsFromEpoch">The epoch whose weights the model was left with, when not the last (EarlyStopping's restore_best_weights).</param>
    /// <exception cref="ArgumentException">The records are not numbered consecutively from 1, or the stop or restored epoch is not one of them.</exception>
    [JsonConstructor]
    public History(IReadOnlyList<EpochRecord> epochs, TrainingStop? stop, int? weightsFromEpoch)
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
        if (stop is not null && stop.Epoch != epochs.Count)
            throw new ArgumentException($"A stop must come after the last epoch ({epochs.Count}), not after epoch {stop.Epoch}.", nameof(stop));
        if (weightsFromEpoch is { } restored && (restored < 1 || restored > epochs.Count))
            throw new ArgumentException($"The restored weights must be those of an epoch in the history (1 to {epochs.Count}), not of epoch {restored}.", nameof(weightsFromEpoch));
        Epochs = epochs.ToArray();
        Stop = stop;
        WeightsFromEpoch = weightsFromEpoch;
    }

    /// <summary>The epochs, in order.</summary>
    [JsonPropertyName("epochs")]
    public IReadOnlyList<EpochRecord> Epochs { get; }

    /// <summary>
    /// Why training ended before the planned last epoch (e.g. <see cref="EarlyStopping"/>), or <see langword="null"/>.
    /// A trainer whose history has a stop trains no further epochs.
    /// </summary>
    [JsonPropertyName("stop")]
    public TrainingStop? Stop { get; }

    /// <summary>
    /// The epoch whose weights the model holds after training, when a callback put back an earlier epoch's weights
    /// (<see cref="EarlyStopping.RestoreBestWeights"/>); <see langword="null"/> when they are the last epoch's.
    /// </summary>
    [JsonPropertyName("weights_from_epoch")]
    public int? WeightsFromEpoch { get; }

    /// <summary>Learning rate per epoch; <see langword="null"/> entries where it was not recorded.</summary>
    [JsonIgnore]
    public IReadOnlyList<double?> LearningRate => Epochs.Select(e => e.LearningRate).ToArray();

    /// <summary>The number of epochs trained.</summary>
    [JsonIgnore]
    public int Count => Epochs.Count;

    /// <summary>The last epoch, or <see langword="null"/> before the first.</summary>
    [JsonIgnore]
    public EpochRecord? Last => Epochs.Count == 0 ? null : Epochs[^1];

    /// <summary>Training loss per epoch (Keras's <c>history['loss']</c>).</summary>
    [JsonIgnore]
    public IReadOnlyList<double> Loss => Epochs.Select(e => e.Loss).ToArray();

    /// <summary>Training accuracy per epoch; <see langword="null"/> entries where the run did not measure accuracy.</summary>
    [JsonIgnore]
    public IReadOnlyList<double?> Accuracy => Epochs.Select(e => e.Accuracy).ToArray();

    /// <summary>The values logged as <paramref name="name"/> (e.g. <c>val_auc</c>) per epoch; <see langword="null"/> where an epoch has none.</summary>
    public IReadOnlyList<double?> Metric(string name) => Epochs.Select(e => e.Get(name)).ToArray();

    /// <summary>Validation loss per epoch; <see langword="null"/> entries where there was no validation data.</summary>
    [JsonIgnore]
    public IReadOnlyList<double?> ValidationLoss => Epochs.Select(e => e.ValidationLoss).ToArray();

    /// <summary>Validation accuracy per epoch; <see langword="null"/> entries where there was no validation data.</summary>
    [JsonIgnore]
    public IReadOnlyList<double?> ValidationAccuracy => Epochs.Select(e => e.ValidationAccuracy).ToArray();

    /// <summary>A new history with <paramref name="record"/> appended; it must be epoch <see cref="Count"/> + 1.</summary>
    /// <exception cref="InvalidOperationException">The history ends with a <see cref="Stop"/>.</exception>
    public History Append(EpochRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (Stop is not null)
            throw new InvalidOperationException($"Training was stopped after epoch {Stop.Epoch} by {Stop.By}; no epoch can follow.");
        return new History([.. Epochs, record]);
    }

    /// <summary>This history ending with <paramref name="stop"/>, which must be at its last epoch.</summary>
    public History WithStop(TrainingStop stop)
    {
        ArgumentNullException.ThrowIfNull(stop);
        return new History(Epochs, stop, WeightsFromEpoch);
    }

    /// <summary>This history, saying that the model was left with the weights of <paramref name="epoch"/>.</summary>
    public History WithWeightsFrom(int? epoch) => new(Epochs, Stop, epoch);

    /// <summary>Indented JSON: <c>{"epochs":[{"epoch":1,"loss":…,"accuracy":…,"val_loss":…,"val_accuracy":…,"seconds":…}]}</c>.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, TrainingJson.Options);

    /// <summary>Reads JSON written by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">The text is not a history.</exception>
    public static History FromJson(string json) =>
        JsonSerializer.Deserialize<History>(json, TrainingJson.Options) ?? throw new JsonException("The JSON text holds null, not a history.");
}
