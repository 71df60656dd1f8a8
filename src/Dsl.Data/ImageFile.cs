using System;
using System.Collections.Generic;
using System.IO;
using static TorchSharp.torch;

namespace Dsl.Data;

/// <summary>
/// One image file decoded exactly as <see cref="ImageFolder"/> decodes each of its images (Keras's
/// <c>keras.utils.load_img</c> plus <c>img_to_array</c>): for predicting with a model trained on a folder, whose inputs
/// must be made the same way.
/// </summary>
public static class ImageFile
{
    /// <summary>The extensions <see cref="ImageFolder"/> reads (Keras's <c>ALLOWLIST_FORMATS</c>).</summary>
    public static IReadOnlyList<string> Extensions => ImageFolderIndex.Extensions;

    /// <summary>Decodes <paramref name="path"/> into a float32 (channels, height, width) tensor, values 0 to 255.</summary>
    /// <param name="path">A BMP, GIF, JPEG or PNG file.</param>
    /// <param name="options">The size, colour mode, interpolation and crop to apply; the other options are ignored.</param>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file cannot be decoded; the message names it.</exception>
    public static Tensor Read(string path, ImageFolderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new FileNotFoundException($"No image at '{full}'.", full);
        return ImageDecoder.Decode(full, options ?? new ImageFolderOptions());
    }

    /// <summary>Whether <paramref name="path"/> has one of the <see cref="Extensions"/> (any case).</summary>
    public static bool HasImageExtension(string path) =>
        Array.Exists(ImageFolderIndex.Extensions, e => string.Equals(Path.GetExtension(path), e, StringComparison.OrdinalIgnoreCase));
}
