namespace Mnist.Tests;

/// <summary>
/// Tests that run the experiment or construct models in this process run alone: they swap Console.Out and
/// Console.Error, and they seed TorchSharp's process-wide generator, so a test running beside them could change their
/// weights or dropout masks, or print into their output.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InProcessCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "In-process experiment";
}
