using System;
using System.Collections.Generic;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Data;

/// <summary>
/// An image folder as a map-style TorchSharp dataset, made by <see cref="ImageFolder.Open"/>: the files are listed,
/// ordered and split up front, and each image is decoded only when asked for, so a
/// <c>torch.utils.data.DataLoader</c> can stream a folder larger than memory. Item <c>i</c> is
/// <c>{"image": float32 (channels, height, width), "label": …}</c> and equals sample <c>i</c> of
/// <see cref="ImageFolder.Load"/> with the same options.
/// </summary>
public sealed class ImageFolderDataset : torch.utils.data.Dataset
{
    /// <summary>The key of the image in each item.</summary>
    public const string ImageKey = "image";

    /// <summary>The key of the label in each item.</summary>
    public const string LabelKey = "label";

    private readonly ImageFolderIndex _index;
    private readonly ImageFolderOptions _options;

    internal ImageFolderDataset(ImageFolderIndex index, ImageFolderOptions options)
    {
        _index = index;
        _options = options;
    }

    /// <summary>The number of images.</summary>
    public override long Count => _index.Files.Length;

    /// <summary>The classes, index 0 first: the folder names.</summary>
    public IReadOnlyList<string> ClassNames => _index.ClassNames;

    /// <summary>Each item's file, full path, in item order.</summary>
    public IReadOnlyList<string> FilePaths => _index.Files;

    /// <summary>
    /// Decodes item <paramref name="index"/>: <c>"image"</c> float32 (channels, height, width), values 0 to 255, and
    /// <c>"label"</c> an int64 scalar, a float32 one-hot (classes) or a float32 (1), by the label mode. Safe to call
    /// from several threads.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not in [0, Count).</exception>
    /// <exception cref="System.IO.InvalidDataException">The file cannot be decoded; the message names it.</exception>
    public override Dictionary<string, Tensor> GetTensor(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        Tensor image = ImageDecoder.Decode(_index.Files[index], _options);
        try
        {
            Tensor label = ImageLabels.EncodeOne(_index.Labels[index], _index.ClassNames.Length, _options.LabelMode);
            return new Dictionary<string, Tensor> { [ImageKey] = image, [LabelKey] = label };
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }
}
