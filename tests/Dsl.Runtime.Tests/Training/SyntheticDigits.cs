using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Training;

/// <summary>Images and labels, shaped like the data layer's <c>LabeledImages</c> (Images (N,1,H,W) in [0,1], Labels (N) int64).</summary>
internal sealed class LabeledTensors : IDisposable
{
    public LabeledTensors(Tensor images, Tensor labels)
    {
        Images = images;
        Labels = labels;
    }

    public Tensor Images { get; }

    public Tensor Labels { get; }

    public long Count => Labels.shape[0];

    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}

/// <summary>
/// A learnable stand-in for MNIST: ten fixed random binary patterns (one per class, the same for every seed), each
/// sample its class's pattern dimmed and covered in uniform noise. A small CNN learns it within a few epochs but not
/// within a few batches.
/// </summary>
internal static class SyntheticDigits
{
    private const ulong PatternSeed = 20240611;

    /// <param name="count">Number of samples.</param>
    /// <param name="size">Image height and width.</param>
    /// <param name="seed">Decides the labels' order and the noise; the class patterns are fixed.</param>
    /// <param name="noise">Amplitude of the uniform noise added to the 0.6-bright pattern.</param>
    public static LabeledTensors Create(int count, int size, int seed, double noise = 0.6)
    {
        using var scope = torch.NewDisposeScope();
        using var patternGenerator = new Generator(PatternSeed);
        using var generator = new Generator((ulong)seed);
        var patterns = torch.rand(10, 1, size, size, generator: patternGenerator).gt(0.5).to_type(ScalarType.Float32);
        var order = torch.randperm(count, generator: generator);
        var labels = torch.arange(count, dtype: ScalarType.Int64).remainder(10).index_select(0, order);
        var noiseImages = torch.rand(count, 1, size, size, generator: generator).mul(noise);
        var images = patterns.index_select(0, labels).mul(0.6).add(noiseImages).clamp(0, 1);
        return new LabeledTensors(images.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }
}
