namespace Dsl.Tool;

/// <summary>The command line of <c>dsl train</c>, checked.</summary>
internal sealed record TrainSettings
{
    public required string Spec { get; init; }

    public required string Data { get; init; }

    public string? Labels { get; init; }

    public string? LabelColumn { get; init; }

    public int Epochs { get; init; }

    public int BatchSize { get; init; }

    public required string Optimizer { get; init; }

    public double? LearningRate { get; init; }

    public string? Loss { get; init; }

    /// <summary>null: the data's test split when it has one, else <see cref="DefaultValidationSplit"/>.</summary>
    public double? ValidationSplit { get; init; }

    public int Seed { get; init; }

    public string? Out { get; init; }

    public required string RootNamespace { get; init; }

    public const double DefaultValidationSplit = 0.2;

    /// <exception cref="UsageException">A number is out of range.</exception>
    public void Validate()
    {
        if (Epochs < 1)
            throw new UsageException($"--epochs must be at least 1, not {Epochs}.");
        if (BatchSize < 1)
            throw new UsageException($"--batch-size must be at least 1, not {BatchSize} (Keras's default is 32).");
        if (ValidationSplit is { } split && !(split >= 0 && split < 1))
            throw new UsageException($"--validation-split must be at least 0 and below 1 (e.g. 0.2 holds out the last 20%), not {split}.");
    }
}
