using System;

namespace Dsl.Training;

/// <summary>
/// How a <see cref="Trainer"/> trains. The defaults are the seed notebook's: Adam with Keras's defaults,
/// batches of 128, 12 epochs.
/// </summary>
public sealed record TrainerOptions
{
    /// <summary>The optimizer and its hyper-parameters. Default: <see cref="OptimizerSettings.Adam"/> with Keras's defaults.</summary>
    public OptimizerSettings Optimizer { get; init; } = OptimizerSettings.Adam();

    /// <summary>Samples per gradient step (the last batch of an epoch may be smaller). Also the validation batch size.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>
    /// The number of the last epoch to train, like Keras's <c>epochs</c>: a trainer resumed from a checkpoint
    /// after epoch 5 trains epochs 6 to <see cref="Epochs"/>.
    /// </summary>
    public int Epochs { get; init; } = 12;

    /// <summary>
    /// Decides each epoch's shuffling and dropout masks (both are derived from this seed and the epoch number, so a
    /// resumed run repeats an uninterrupted one). Initial weights are drawn when the model is constructed, before the
    /// trainer exists: seed them with <see cref="Trainer.Seed"/> before constructing the model.
    /// Bit-identical histories also need the same <see cref="Threads"/>: the thread count changes the order of
    /// floating-point sums in libtorch's kernels.
    /// </summary>
    public int Seed { get; init; }

    /// <summary>Threads for TorchSharp's CPU kernels (<c>torch.set_num_threads</c>); <see langword="null"/> uses every core.</summary>
    public int? Threads { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> or <see cref="ArgumentException"/> naming the first invalid value.</summary>
    internal void Validate()
    {
        if (Optimizer is null)
            throw new ArgumentException("TrainerOptions.Optimizer must be set, e.g. OptimizerSettings.Adam().", "options");
        if (BatchSize < 1)
            throw new ArgumentOutOfRangeException("options", BatchSize, "TrainerOptions.BatchSize must be at least 1 (the seed notebook uses 128).");
        if (Epochs < 1)
            throw new ArgumentOutOfRangeException("options", Epochs, "TrainerOptions.Epochs is the number of the last epoch to train and must be at least 1 (the seed notebook uses 12).");
        if (Threads is < 1)
            throw new ArgumentOutOfRangeException("options", Threads, "TrainerOptions.Threads must be at least 1, or null to use every core.");
        Optimizer.Validate();
    }

    /// <summary>The thread count to apply: <see cref="Threads"/> or every core.</summary>
    internal int EffectiveThreads => Threads ?? Environment.ProcessorCount;
}
