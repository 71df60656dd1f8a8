using System.Text.Json.Serialization;

namespace Dsl.Training;

/// <summary>
/// One epoch's results, named like Keras's <c>History.history</c> keys. Loss is the sample-weighted mean of the
/// batch losses (as Keras reports it), accuracy the share of argmax predictions equal to the label.
/// </summary>
/// <param name="Epoch">The epoch's number, from 1.</param>
/// <param name="Loss">Mean training cross-entropy over the epoch's batches, weighted by batch size.</param>
/// <param name="Accuracy">Training accuracy over the epoch (measured on each batch before its update, as Keras does).</param>
/// <param name="ValidationLoss">Cross-entropy on the validation data after the epoch, or <see langword="null"/> without validation data.</param>
/// <param name="ValidationAccuracy">Accuracy on the validation data after the epoch, or <see langword="null"/> without validation data.</param>
/// <param name="Seconds">Wall-clock time of the epoch, validation included.</param>
public sealed record EpochRecord(
    [property: JsonPropertyName("epoch")] int Epoch,
    [property: JsonPropertyName("loss")] double Loss,
    [property: JsonPropertyName("accuracy")] double Accuracy,
    [property: JsonPropertyName("val_loss")] double? ValidationLoss,
    [property: JsonPropertyName("val_accuracy")] double? ValidationAccuracy,
    [property: JsonPropertyName("seconds")] double Seconds)
{
    /// <summary>
    /// The learning rate the epoch trained with (after any <see cref="LearningRateScheduler"/>; a
    /// <see cref="ReduceLROnPlateau"/> reduction at its end applies from the next epoch), or <see langword="null"/>
    /// if not recorded (histories written before it was).
    /// </summary>
    [JsonPropertyName("learning_rate")]
    public double? LearningRate { get; init; }
}
