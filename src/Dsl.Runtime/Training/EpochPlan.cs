namespace Dsl.Training;

/// <summary>What an epoch is about to do.</summary>
/// <param name="Epoch">The epoch's number, from 1.</param>
/// <param name="Epochs">The number of the last epoch (<see cref="TrainerOptions.Epochs"/>).</param>
/// <param name="Samples">Training samples in the epoch.</param>
/// <param name="Steps">Batches (gradient steps) in the epoch.</param>
public sealed record EpochPlan(int Epoch, int Epochs, long Samples, int Steps);
