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

    /// <summary>Test (validation) samples.</summary>
    public long TestSamples { get; init; }

    /// <summary>CPU threads TorchSharp was allowed to use.</summary>
    public int Threads { get; init; }
}
