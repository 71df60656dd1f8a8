using System;
using System.IO;
using Dsl.Data;

namespace Dsl.Runtime.Tests.Fixtures;

/// <summary>
/// A small slice of the real MNIST, gzipped in <c>Fixtures/mnist</c> and copied to the test output: the first
/// 512 training and the first 128 test samples. <c>Fixtures/mnist/make_fixture.py</c> rebuilds it from the full files.
/// </summary>
public static class MnistFixture
{
    /// <summary>Samples in the training slice.</summary>
    public const int TrainCount = 512;

    /// <summary>Samples in the test slice.</summary>
    public const int TestCount = 128;

    /// <summary>The folder holding the four files, under their canonical names with a .gz suffix.</summary>
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures", "mnist");

    /// <summary>Path of the gzipped training images.</summary>
    public static string TrainImagesPath => Path.Combine(Directory, "train-images-idx3-ubyte.gz");

    /// <summary>Path of the gzipped training labels.</summary>
    public static string TrainLabelsPath => Path.Combine(Directory, "train-labels-idx1-ubyte.gz");

    /// <summary>Path of the gzipped test images.</summary>
    public static string TestImagesPath => Path.Combine(Directory, "t10k-images-idx3-ubyte.gz");

    /// <summary>Path of the gzipped test labels.</summary>
    public static string TestLabelsPath => Path.Combine(Directory, "t10k-labels-idx1-ubyte.gz");

    /// <summary>The 512 training samples: images float32 (512, 1, 28, 28) in [0, 1], labels int64 (512). Dispose it.</summary>
    public static LabeledImages LoadTrain() => IdxReader.ReadSplit(TrainImagesPath, TrainLabelsPath);

    /// <summary>The 128 test samples: images float32 (128, 1, 28, 28) in [0, 1], labels int64 (128). Dispose it.</summary>
    public static LabeledImages LoadTest() => IdxReader.ReadSplit(TestImagesPath, TestLabelsPath);
}
