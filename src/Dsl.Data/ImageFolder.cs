using System;
using System.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Data;

/// <summary>
/// Loads a folder of images with one sub-folder per class, as Keras 3's <c>image_dataset_from_directory</c> does:
/// classes are the sub-folders (sorted, or <see cref="ImageFolderOptions.ClassNames"/>), images are the
/// <c>.bmp .gif .jpeg .jpg .png</c> files below each (any depth, any case), shuffled with Keras's NumPy shuffle
/// for the same seed, split by <see cref="ImageFolderOptions.ValidationSplit"/>, converted to the colour mode and
/// resized. Images are float32 in the DSL's layout (N, channels, height, width), values 0 to 255: like Keras, nothing
/// is rescaled (a model's Rescaling layer does that).
/// </summary>
public static class ImageFolder
{
    /// <summary>Decodes every image into memory.</summary>
    /// <param name="directory">The folder holding one sub-folder per class.</param>
    /// <param name="options">Keras's arguments; null for Keras's defaults (256x256 RGB, int labels, shuffled).</param>
    /// <exception cref="ArgumentException">An option is invalid, e.g. a validation split outside (0, 1), or binary labels without exactly 2 classes.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">The folder has no class folders or no images, or an image cannot be decoded (the message names it).</exception>
    public static ImageFolderData Load(string directory, ImageFolderOptions? options = null)
    {
        options ??= new ImageFolderOptions();
        ImageFolderIndex index = ImageFolderIndex.Build(directory, options);
        int channels = ImageDecoder.Channels(options.ColorMode);
        var (height, width) = options.ImageSize;

        using var scope = torch.NewDisposeScope();
        Tensor images = torch.empty([index.Files.Length, channels, height, width], ScalarType.Float32);
        for (int i = 0; i < index.Files.Length; i++)
        {
            using var perImage = torch.NewDisposeScope();
            images[i].copy_(ImageDecoder.Decode(index.Files[i], options));
        }
        Tensor labels = ImageLabels.Encode(index.Labels, index.ClassNames.Length, options.LabelMode);
        return new ImageFolderData(images, labels, index.ClassNames, index.Files);
    }

    /// <summary>
    /// Lists, orders and splits the files now, and returns a dataset that decodes each image when it is asked for
    /// (for a <c>torch.utils.data.DataLoader</c>). Item <c>i</c> equals sample <c>i</c> of <see cref="Load"/>.
    /// </summary>
    /// <param name="directory">The folder holding one sub-folder per class.</param>
    /// <param name="options">Keras's arguments; null for Keras's defaults.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">The folder has no class folders or no images.</exception>
    public static ImageFolderDataset Open(string directory, ImageFolderOptions? options = null)
    {
        options ??= new ImageFolderOptions();
        ImageFolderIndex index = ImageFolderIndex.Build(directory, options);
        _ = ImageDecoder.Channels(options.ColorMode);
        return new ImageFolderDataset(index, options);
    }
}
