using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Dsl.Data;
using SkiaSharp;

namespace Samples.Mnist.Prediction;

/// <summary>
/// Images to classify: an IDX image file as MNIST ships it (plain or gzipped), or a picture SkiaSharp decodes (PNG,
/// JPEG, BMP…) turned into one grayscale channel of the model's size, values in [0, 1] like MNIST's pixels.
/// </summary>
internal static class DigitImages
{
    /// <summary>One image or a file of them.</summary>
    /// <param name="Names">A label per image, e.g. <c>digit.png</c> or <c>t10k-images-idx3-ubyte[17]</c>.</param>
    /// <param name="Pixels">count × height × width values, row-major.</param>
    /// <param name="Notes">Things the user should know, e.g. that a light image was probably meant to be inverted.</param>
    public sealed record Images(IReadOnlyList<string> Names, float[] Pixels, IReadOnlyList<string> Notes);

    /// <summary>Reads <paramref name="path"/>; a picture is resized to <paramref name="height"/> x <paramref name="width"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is neither an IDX image file nor a picture, or its images are of another size.</exception>
    public static Images Read(string path, int height, int width, bool invert)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new FileNotFoundException($"No image file at '{full}'.", full);
        return IsIdx(full) ? ReadIdx(full, height, width, invert) : ReadPicture(full, height, width, invert);
    }

    private static bool IsIdx(string path)
    {
        Span<byte> head = stackalloc byte[4];
        using var file = File.OpenRead(path);
        int read = file.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        // gzip (1f 8b), or IDX's magic: two zero bytes, a type code and a dimension count.
        return read >= 2 && ((head[0] == 0x1f && head[1] == 0x8b) || (read == 4 && head[0] == 0 && head[1] == 0));
    }

    private static Images ReadIdx(string path, int height, int width, bool invert)
    {
        using var images = IdxReader.ReadImages(path);
        long[] shape = images.shape;
        if (shape[2] != height || shape[3] != width)
            throw new InvalidDataException($"'{path}' holds {shape[2]}x{shape[3]} images; the model takes {height}x{width}.");
        var pixels = images.data<float>().ToArray();
        if (invert)
            Invert(pixels);
        string name = Path.GetFileName(path);
        return new Images(Enumerable.Range(0, (int)shape[0]).Select(i => $"{name}[{i}]").ToArray(), pixels, Array.Empty<string>());
    }

    /// <summary>The most pixels a picture may declare: 50 million (200 MB decoded), past any photo of a digit.</summary>
    public const long MaxPixels = 50_000_000;

    private static Images ReadPicture(string path, int height, int width, bool invert)
    {
        using var decoded = Decode(path);
        var notes = new List<string>();
        using var sized = decoded.Width == width && decoded.Height == height
            ? decoded.Copy()
            : decoded.Resize(new SKImageInfo(width, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
        if (decoded.Width != width || decoded.Height != height)
            notes.Add($"resized from {decoded.Width}x{decoded.Height} to {width}x{height}");
        var pixels = new float[height * width];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                SKColor c = sized.GetPixel(x, y);
                // Luma (ITU-R BT.601), over black where the picture is transparent: MNIST digits are light on dark.
                float luma = ((0.299f * c.Red) + (0.587f * c.Green) + (0.114f * c.Blue)) / 255f;
                pixels[(y * width) + x] = Math.Clamp(luma * c.Alpha / 255f, 0f, 1f);
            }
        }
        if (invert)
            Invert(pixels);
        else if (pixels.Average() > 0.5f)
            notes.Add("the picture is mostly light, but MNIST digits are light on a dark background: if it is a dark digit on white, add --invert");
        return new Images(new[] { Path.GetFileName(path) }, pixels, notes);
    }

    /// <summary>
    /// Decodes a picture after checking the size its header declares (a small file can declare 60000x60000 pixels:
    /// refused before any memory is taken), and refuses one whose data ends early or is corrupt instead of classifying
    /// what was decoded of it.
    /// </summary>
    private static SKBitmap Decode(string path)
    {
        using var codec = SKCodec.Create(path, out var opened)
            ?? throw new InvalidDataException($"'{path}' is neither an IDX image file nor a picture SkiaSharp can decode (PNG, JPEG, BMP, GIF, WebP){(opened == SKCodecResult.IncompleteInput ? "; it may be truncated" : "")}.");
        var declared = codec.Info;
        if (declared.Width <= 0 || declared.Height <= 0 || (long)declared.Width * declared.Height > MaxPixels)
        {
            throw new InvalidDataException(
                $"'{path}' declares {declared.Width}x{declared.Height} pixels, more than the {MaxPixels:N0} a picture of a digit may have; scale it down first (predict resizes it to the model's input anyway).");
        }
        var info = new SKImageInfo(declared.Width, declared.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput or SKCodecResult.ErrorInInput))
        {
            bitmap.Dispose();
            throw new InvalidDataException($"'{path}' could not be decoded ({result}).");
        }
        if (result != SKCodecResult.Success)
        {
            bitmap.Dispose();
            throw new InvalidDataException(result == SKCodecResult.IncompleteInput
                ? $"'{path}' is truncated: the file ends before the picture does. Export it again, or give the complete file."
                : $"'{path}' is damaged: its picture data is corrupt. Export it again.");
        }
        return bitmap;
    }

    private static void Invert(float[] pixels)
    {
        for (int i = 0; i < pixels.Length; i++)
            pixels[i] = 1f - pixels[i];
    }
}
