namespace Dsl.Reporting;

/// <summary>How a model was trained: the settings a reader needs to judge or repeat a <see cref="RunRecord"/>.</summary>
public sealed record RunConfig
{
    /// <summary>Epochs requested (the record's epoch list says how many were trained).</summary>
    public int Epochs { get; init; }

    /// <summary>Training batch size.</summary>
    public int BatchSize { get; init; }

    /// <summary>The optimizer's name as Keras prints it, e.g. <c>Adam</c>.</summary>
    public string Optimizer { get; init; } = "";

    /// <summary>The optimizer's step size.</summary>
    public double LearningRate { get; init; }

    /// <summary>The seed for weights, shuffling and dropout.</summary>
    public int Seed { get; init; }

    /// <summary>The cap on training samples, or <see langword="null"/> when the whole training set was used.</summary>
    public long? TrainLimit { get; init; }

    /// <summary>Training samples actually used per epoch.</summary>
    public long TrainSamples { get; init; }

    /// <summary>Test samples.</summary>
    public long TestSamples { get; init; }

    /// <summary>
    /// Where validation data came from: <c>test</c> (the test set after every epoch, the seed notebook's way),
    /// <c>split:0.1</c> (Keras's validation_split: the last 10% of the training data, held out before shuffling; the
    /// test set is then evaluated once, after training), <c>data</c> (separate validation data) or <c>none</c>.
    /// </summary>
    public string Validation { get; init; } = "test";

    /// <summary>Validation samples per epoch (0 without validation).</summary>
    public long ValidationSamples { get; init; }

    /// <summary>The callbacks used, as their Keras calls, e.g. <c>EarlyStopping(patience=3)</c>; empty if none.</summary>
    public string Callbacks { get; init; } = "";

    /// <summary>CPU threads TorchSharp was allowed to use.</summary>
    public int Threads { get; init; }
}
