using System;
using System.Globalization;

namespace Dsl.Training;

/// <summary>
/// Thrown by <c>Trainer.Fit</c> when a batch's loss is NaN or infinite. Training stops before that batch's
/// update, so the weights are those after the previous batch.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception; the message names the epoch and batch and suggests what to change.</summary>
    public TrainingDivergedException(int epoch, int batch, int batches, double loss, double learningRate, bool inputsFinite)
        : base(Describe(epoch, batch, batches, loss, learningRate, inputsFinite))
    {
        Epoch = epoch;
        Batch = batch;
        Batches = batches;
        Loss = loss;
        LearningRate = learningRate;
        InputsFinite = inputsFinite;
    }

    /// <summary>The epoch (from 1) in which the loss stopped being finite.</summary>
    public int Epoch { get; }

    /// <summary>The batch (from 1) within <see cref="Epoch"/>.</summary>
    public int Batch { get; }

    /// <summary>Batches per epoch.</summary>
    public int Batches { get; }

    /// <summary>The loss value: NaN or ±infinity.</summary>
    public double Loss { get; }

    /// <summary>The optimizer's learning rate.</summary>
    public double LearningRate { get; }

    /// <summary>Whether the batch's inputs were all finite; if not, the data, not the optimizer, caused the failure.</summary>
    public bool InputsFinite { get; }

    private static string Describe(int epoch, int batch, int batches, double loss, double learningRate, bool inputsFinite)
    {
        var where = string.Create(CultureInfo.InvariantCulture,
            $"Training diverged: the loss became {loss} at epoch {epoch}, batch {batch}/{batches} (learning rate {learningRate:G4}). ");
        return inputsFinite
            ? where + string.Create(CultureInfo.InvariantCulture,
                $"The batch's inputs are finite, so the weights blew up: lower the learning rate (e.g. to {learningRate / 10:G4}) and train again.")
            : where + "The batch's inputs contain NaN or infinite values: clean or normalise the data (a lower learning rate will not help).";
    }
}
