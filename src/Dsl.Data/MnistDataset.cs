using System;

namespace Dsl.Data;

/// <summary>MNIST's training and test sets, as returned by <see cref="Mnist.Load"/>.</summary>
public sealed class MnistDataset : IDisposable
{
    internal MnistDataset(LabeledImages train, LabeledImages test, string origin)
    {
        Train = train;
        Test = test;
        Origin = origin;
    }

    /// <summary>The training set: 60,000 images (N, 1, 28, 28) in [0, 1] and their labels.</summary>
    public LabeledImages Train { get; }

    /// <summary>The test set: 10,000 images (N, 1, 28, 28) in [0, 1] and their labels.</summary>
    public LabeledImages Test { get; }

    /// <summary>One line saying where the data came from, e.g. "MNIST from /root/.cache/dsl/mnist (cached)".</summary>
    public string Origin { get; }

    /// <summary>Frees the tensors of both sets.</summary>
    public void Dispose()
    {
        Train.Dispose();
        Test.Dispose();
    }
}
