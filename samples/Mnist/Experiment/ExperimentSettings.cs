using System.Collections.Generic;
using Dsl;

namespace Samples.Mnist.Experiment;

/// <summary>One experiment run, as chosen on the command line (already validated).</summary>
internal sealed record ExperimentSettings
{
    public required IReadOnlyList<ModelInfo> Models { get; init; }

    public int Epochs { get; init; } = 12;

    public int BatchSize { get; init; } = 128;

    public double LearningRate { get; init; } = 1e-3;

    public int Seed { get; init; } = 42;

    public int? TrainLimit { get; init; }

    public int Threads { get; init; }

    public string? DataDirectory { get; init; }

    public required string OutputDirectory { get; init; }

    /// <summary>auto, cpu or cuda.</summary>
    public string Device { get; init; } = "auto";

    /// <summary>Where to validate: the test set (default, the notebook's way) or a split of the training data.</summary>
    public ValidationChoice Validation { get; init; } = ValidationChoice.Test;

    /// <summary>EarlyStopping's patience on val_loss (restoring the best weights), or null for none.</summary>
    public int? EarlyStoppingPatience { get; init; }

    /// <summary>Whether to lower the learning rate when val_loss plateaus (ReduceLROnPlateau).</summary>
    public bool ReduceLearningRate { get; init; }

    /// <summary>Folder for TensorBoard event files (one subfolder per model), or null.</summary>
    public string? TensorBoardDirectory { get; init; }
}
