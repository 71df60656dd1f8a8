using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace Dsl.Data;

/// <summary>
/// An image folder loaded into memory by <see cref="ImageFolder.Load"/>: sample <c>i</c> is <c>Images[i]</c>, decoded
/// from <c>FilePaths[i]</c>, with label <c>Labels[i]</c>. Owns both tensors and frees them on <see cref="Dispose"/>.
/// </summary>
public sealed class ImageFolderData : IDisposable
{
    internal ImageFolderData(Tensor images, Tensor labels, IReadOnlyList<string> classNames, IReadOnlyList<string> filePaths)
    {
        Images = images.DetachFromDisposeScope();
        Labels = labels.DetachFromDisposeScope();
        ClassNames = classNames;
        FilePaths = filePaths;
    }

    /// <summary>The images, float32 (N, channels, height, width), values 0 to 255 (not rescaled, as in Keras).</summary>
    public Tensor Images { get; }

    /// <summary>The labels: int64 (N), or float32 (N, classes) one-hot, or float32 (N, 1) 0/1, by <see cref="ImageFolderOptions.LabelMode"/>.</summary>
    public Tensor Labels { get; }

    /// <summary>The classes, index 0 first: the folder names (Keras's <c>class_names</c>).</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Each sample's file, full path, in sample order (Keras's <c>file_paths</c>).</summary>
    public IReadOnlyList<string> FilePaths { get; }

    /// <summary>The number of samples, N.</summary>
    public long Count => Images.shape[0];

    /// <summary>Frees both tensors.</summary>
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
