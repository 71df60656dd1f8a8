using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;

namespace Dsl.Training;

/// <summary>
/// One epoch's results under Keras's <c>History.history</c> names: <c>loss</c>, each metric (<c>accuracy</c>,
/// <c>auc</c>, <c>digits_accuracy</c>…), and their <c>val_</c> forms with validation data. Loss is the sample-weighted
/// mean of the batch losses (as Keras reports it); training metrics are measured on each batch before its update, as
/// Keras does. Serialises as one flat JSON object: <c>{"epoch":1,"loss":…,"accuracy":…,"val_loss":…,"seconds":…}</c>.
/// </summary>
[JsonConverter(typeof(EpochRecordJsonConverter))]
public sealed record EpochRecord
{
    /// <summary>An epoch with the logs <paramref name="logs"/> (which must hold <c>loss</c>).</summary>
    /// <param name="epoch">The epoch's number, from 1.</param>
    /// <param name="logs">The logs, in order, e.g. <c>loss</c>, <c>accuracy</c>, <c>val_loss</c>, <c>val_accuracy</c>.</param>
    /// <param name="seconds">Wall-clock time of the epoch, validation included.</param>
    /// <exception cref="ArgumentException">The logs have no <c>loss</c>, or repeat a name.</exception>
    public EpochRecord(int epoch, IEnumerable<KeyValuePair<string, double>> logs, double seconds)
    {
        Epoch = epoch;
        Logs = logs as EpochLogs ?? new EpochLogs(logs);
        if (!Logs.ContainsKey(EpochLogs.Loss))
            throw new ArgumentException("An epoch's logs hold its loss ('loss').", nameof(logs));
        Seconds = seconds;
    }

    /// <summary>A classifier's epoch: loss and accuracy, and their validation values when measured.</summary>
    /// <param name="Epoch">The epoch's number, from 1.</param>
    /// <param name="Loss">Mean training loss over the epoch's batches, weighted by batch size.</param>
    /// <param name="Accuracy">Training accuracy over the epoch.</param>
    /// <param name="ValidationLoss">Loss on the validation data after the epoch, or <see langword="null"/>.</param>
    /// <param name="ValidationAccuracy">Accuracy on the validation data after the epoch, or <see langword="null"/>.</param>
    /// <param name="Seconds">Wall-clock time of the epoch, validation included.</param>
    public EpochRecord(int Epoch, double Loss, double Accuracy, double? ValidationLoss, double? ValidationAccuracy, double Seconds)
        : this(Epoch, ClassifierLogs(Loss, Accuracy, ValidationLoss, ValidationAccuracy), Seconds)
    {
    }

    /// <summary>The epoch's number, from 1.</summary>
    public int Epoch { get; init; }

    /// <summary>Every value measured, by Keras's log names, in order (the learning rate aside).</summary>
    public EpochLogs Logs { get; init; }

    /// <summary>Wall-clock time of the epoch, validation included.</summary>
    public double Seconds { get; init; }

    /// <summary>
    /// The learning rate the epoch trained with (after any <see cref="LearningRateScheduler"/>; a
    /// <see cref="ReduceLROnPlateau"/> reduction at its end applies from the next epoch; with
    /// <see cref="OptimizerSettings.Schedule"/>, the rate of the epoch's first step), or <see langword="null"/>
    /// if not recorded (histories written before it was).
    /// </summary>
    public double? LearningRate { get; init; }

    /// <summary>Mean training loss over the epoch's batches, weighted by batch size (set with <c>with</c> to change the log).</summary>
    public double Loss
    {
        get => Logs[EpochLogs.Loss];
        init => Logs = Logs.With(EpochLogs.Loss, value);
    }

    /// <summary>Training accuracy, or <see langword="null"/> when the run does not measure <c>accuracy</c>.</summary>
    public double? Accuracy
    {
        get => Get(EpochLogs.Accuracy);
        init => Logs = Logs.With(EpochLogs.Accuracy, value);
    }

    /// <summary>Loss on the validation data after the epoch, or <see langword="null"/> without validation data.</summary>
    public double? ValidationLoss
    {
        get => Get(EpochLogs.ValidationLoss);
        init => Logs = Logs.With(EpochLogs.ValidationLoss, value);
    }

    /// <summary>Accuracy on the validation data, or <see langword="null"/> without validation data or accuracy.</summary>
    public double? ValidationAccuracy
    {
        get => Get(EpochLogs.ValidationAccuracy);
        init => Logs = Logs.With(EpochLogs.ValidationAccuracy, value);
    }

    /// <summary>The value logged as <paramref name="name"/> (e.g. <c>val_auc</c>), or <see langword="null"/> if this epoch has none.</summary>
    public double? Get(string name) => Logs.TryGetValue(name, out double value) ? value : null;

    /// <inheritdoc />
    public bool Equals(EpochRecord? other) =>
        other is not null && Epoch == other.Epoch && Seconds.Equals(other.Seconds) && LearningRate.Equals(other.LearningRate) && Logs.SequenceEqual(other.Logs);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Epoch, Seconds, Logs.Count);

    private static IEnumerable<KeyValuePair<string, double>> ClassifierLogs(double loss, double accuracy, double? validationLoss, double? validationAccuracy)
    {
        yield return new(EpochLogs.Loss, loss);
        yield return new(EpochLogs.Accuracy, accuracy);
        if (validationLoss is { } valLoss)
            yield return new(EpochLogs.ValidationLoss, valLoss);
        if (validationAccuracy is { } valAccuracy)
            yield return new(EpochLogs.ValidationAccuracy, valAccuracy);
    }
}
