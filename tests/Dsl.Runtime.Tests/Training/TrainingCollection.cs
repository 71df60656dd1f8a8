namespace Dsl.Runtime.Tests.Training;

/// <summary>
/// Training tests run alone: Fit reseeds TorchSharp's process-wide generator and sets its thread count, so a test
/// running in parallel could change another's dropout masks or initial weights (and both compete for two cores).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TrainingCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Training";
}
