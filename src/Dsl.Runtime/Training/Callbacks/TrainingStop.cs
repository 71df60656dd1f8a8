using System.Text.Json.Serialization;

namespace Dsl.Training;

/// <summary>Why training ended before <see cref="TrainerOptions.Epochs"/>: kept in the <see cref="History"/> and run records.</summary>
/// <param name="Epoch">The last epoch trained (from 1); the stop came at its end.</param>
/// <param name="By">What stopped training, e.g. <c>EarlyStopping</c>.</param>
/// <param name="Reason">One sentence for people, e.g. <c>val_loss did not improve for 3 epochs (best 0.0312 at epoch 5)</c>.</param>
public sealed record TrainingStop(
    [property: JsonPropertyName("epoch")] int Epoch,
    [property: JsonPropertyName("by")] string By,
    [property: JsonPropertyName("reason")] string Reason)
{
    /// <summary>The quantity watched, e.g. <c>val_loss</c>; <see langword="null"/> if none.</summary>
    [JsonPropertyName("monitor")]
    public string? Monitor { get; init; }

    /// <summary>The best value of <see cref="Monitor"/> seen.</summary>
    [JsonPropertyName("best")]
    public double? Best { get; init; }

    /// <summary>The epoch (from 1) of <see cref="Best"/>.</summary>
    [JsonPropertyName("best_epoch")]
    public int? BestEpoch { get; init; }

}
