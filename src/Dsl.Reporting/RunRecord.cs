using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;
using Dsl.Training;

namespace Dsl.Reporting;

/// <summary>
/// Everything about one trained model that tables and plots need, stored as one JSON file per model
/// (<see cref="RunRecords"/>) so that reports can be rebuilt later, on another machine, without retraining.
/// Equal when every field is equal, epochs compared element by element.
/// </summary>
public sealed record RunRecord
{
    /// <summary>The value of <see cref="Schema"/>: tells run records apart from other JSON files in a results folder.</summary>
    public const string SchemaName = "dsl.run-record";

    /// <summary>The layout this build writes and the newest it reads.</summary>
    public const int CurrentFormat = 1;

    private readonly DateTime _startedUtc;
    private readonly DateTime _finishedUtc;

    /// <summary>Always <see cref="SchemaName"/>; checkpoint manifests also have <c>format</c> and <c>model</c>, so those cannot identify a record.</summary>
    public string Schema { get; init; } = SchemaName;

    /// <summary>The JSON layout version.</summary>
    public int Format { get; init; } = CurrentFormat;

    /// <summary>The model's name (<see cref="ModelInfo.Name"/>, e.g. <c>Model1</c>); names the file and the table row.</summary>
    public required string Model { get; init; }

    /// <summary>Where the architecture was declared (<see cref="ModelInfo.Source"/>).</summary>
    public string Source { get; init; } = "";

    /// <summary>The model's architecture.</summary>
    public required ArchitectureRecord Architecture { get; init; }

    /// <summary>How it was trained.</summary>
    public required RunConfig Config { get; init; }

    /// <summary>One entry per trained epoch, numbered 1, 2, 3…</summary>
    public required IReadOnlyList<EpochRecord> Epochs { get; init; }

    /// <summary>Test and training loss and accuracy after training.</summary>
    public required FinalMetrics Final { get; init; }

    /// <summary>Why training ended early (e.g. <c>EarlyStopping</c>), or <see langword="null"/> if it ran every epoch.</summary>
    public TrainingStop? Stop { get; init; }

    /// <summary>The epoch whose weights were evaluated, when a callback restored an earlier epoch's (restore_best_weights).</summary>
    public int? WeightsFromEpoch { get; init; }

    /// <summary>Confusion matrix, per-class precision and recall, and the most confident mistakes, or <see langword="null"/>.</summary>
    public ClassificationResults? Classification { get; init; }

    /// <summary>Mean wall-clock seconds per epoch (0 without epochs); derived from <see cref="Epochs"/>, written for readers of the JSON.</summary>
    public double SecondsPerEpoch => Epochs.Count == 0 ? 0 : Epochs.Average(e => e.Seconds);

    /// <summary>
    /// The process's peak resident memory while the model trained, in bytes (<see cref="Dsl.Training.PeakMemory"/>); null
    /// when not measured (older records).
    /// </summary>
    public long? PeakMemoryBytes { get; init; }

    /// <summary>Versions and machine.</summary>
    public EnvironmentRecord Environment { get; init; } = new();

    /// <summary>When training started, UTC (a local time is converted; an unspecified one is taken as UTC).</summary>
    public required DateTime StartedUtc { get => _startedUtc; init => _startedUtc = AsUtc(value); }

    /// <summary>When the final evaluation finished, UTC; the newest record wins when several describe one model.</summary>
    public required DateTime FinishedUtc { get => _finishedUtc; init => _finishedUtc = AsUtc(value); }

    /// <summary>
    /// A record for <paramref name="model"/> after training, with the current process's <see cref="EnvironmentRecord"/>.
    /// </summary>
    /// <param name="model">The trained model's compile-time description.</param>
    /// <param name="config">How it was trained.</param>
    /// <param name="history">The trainer's history.</param>
    /// <param name="final">Loss and accuracy after training.</param>
    /// <param name="startedUtc">When training started.</param>
    /// <param name="finishedUtc">When the final evaluation finished.</param>
    /// <param name="classification">Where the model succeeds and fails on the test data, if measured.</param>
    public static RunRecord From(ModelInfo model, RunConfig config, History history, FinalMetrics final, DateTime startedUtc, DateTime finishedUtc, ClassificationResults? classification = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(final);
        return new RunRecord
        {
            Model = model.Name,
            Source = model.Source,
            Architecture = ArchitectureRecord.From(model),
            Config = config,
            Epochs = history.Epochs.ToArray(),
            Final = final,
            Stop = history.Stop,
            WeightsFromEpoch = history.WeightsFromEpoch,
            Classification = classification,
            Environment = EnvironmentRecord.Capture(),
            StartedUtc = startedUtc,
            FinishedUtc = finishedUtc,
        };
    }

    /// <summary>Whether any epoch has validation results.</summary>
    [JsonIgnore]
    public bool HasValidation => Epochs.Any(e => e.ValidationLoss is not null || e.ValidationAccuracy is not null);

    /// <inheritdoc />
    public bool Equals(RunRecord? other) =>
        other is not null
        && Schema == other.Schema && Format == other.Format && Model == other.Model && Source == other.Source
        && Architecture == other.Architecture && Config == other.Config
        && Epochs.SequenceEqual(other.Epochs) && Final == other.Final && Stop == other.Stop && WeightsFromEpoch == other.WeightsFromEpoch
        && Classification == other.Classification && Environment == other.Environment
        && StartedUtc == other.StartedUtc && FinishedUtc == other.FinishedUtc;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Model, Epochs.Count, Final, FinishedUtc);

    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
