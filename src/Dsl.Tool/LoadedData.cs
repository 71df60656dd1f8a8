using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace Dsl.Tool;

/// <summary>
/// Samples read for <c>dsl train</c>: inputs (N, …) and labels (N, …) as the file gave them (values unscaled, as Keras's
/// loaders give them: images 0 to 255), the class names when the data has them, and a test split when the files ship
/// one (<c>x_test</c>/<c>y_test</c> in an <c>.npz</c>, <c>t10k-*</c> in an MNIST folder).
/// </summary>
internal sealed class LoadedData : IDisposable
{
    public LoadedData(Tensor features, Tensor labels, string description, IReadOnlyList<string>? classNames = null, LoadedData? test = null, bool pixels = false)
    {
        if (features.Dimensions < 1 || labels.Dimensions < 1 || features.shape[0] != labels.shape[0])
        {
            throw new UsageException($"{description}: the inputs hold {(features.Dimensions < 1 ? 0 : features.shape[0])} samples but the labels " +
                $"{(labels.Dimensions < 1 ? 0 : labels.shape[0])}; give one label per sample.");
        }
        Features = features;
        Labels = labels;
        Description = description;
        ClassNames = classNames;
        Test = test;
        Pixels = pixels;
    }

    /// <summary>Whether the inputs are image pixels, 0 to 255 (an image folder, IDX files), which a model rescales itself.</summary>
    public bool Pixels { get; }

    public Tensor Features { get; private set; }

    public Tensor Labels { get; private set; }

    /// <summary>What was read, for the console and the messages: the file and its format.</summary>
    public string Description { get; }

    /// <summary>The class folders' names (an image folder) or the CSV's class labels; null when classes are plain indices.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    public LoadedData? Test { get; }

    public long Count => Features.shape[0];

    /// <summary>Replaces the inputs and labels (converted to what the model and the loss take), disposing the old ones.</summary>
    public void Replace(Tensor features, Tensor labels)
    {
        if (!ReferenceEquals(features, Features))
            Features.Dispose();
        if (!ReferenceEquals(labels, Labels))
            Labels.Dispose();
        Features = features;
        Labels = labels;
    }

    public void Dispose()
    {
        Features.Dispose();
        Labels.Dispose();
        Test?.Dispose();
    }
}
