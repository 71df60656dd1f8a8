using System;
using System.IO;
using SkiaSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Data;

/// <summary>
/// Decodes one image file (BMP, GIF's first frame, JPEG, PNG) with SkiaSharp and turns it into the float32
/// (channels, height, width) tensor Keras's loader would give, values 0 to 255: converted to the colour mode,
/// optionally cropped to the target aspect ratio, then resized.
/// </summary>
internal static class ImageDecoder
{
    /// <summary>
    /// The most pixels a file may declare: Pillow's "decompression bomb" limit (2 × 89,478,485), past which a small
    /// file could make the loader take gigabytes. Refused before any memory is taken.
    /// </summary>
    public const long MaxPixels = 178_956_970;

    /// <summary>The channels of each colour mode.</summary>
    public static int Channels(ImageColorMode mode) => mode switch
    {
        ImageColorMode.Grayscale => 1,
        ImageColorMode.Rgb => 3,
        ImageColorMode.Rgba => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "ColorMode must be Grayscale, Rgb or Rgba."),
    };

    /// <summary>Decodes <paramref name="path"/> into a new (channels, height, width) float32 tensor of the options' size.</summary>
    /// <exception cref="InvalidDataException">The file cannot be read or decoded; the message names it.</exception>
    public static Tensor Decode(string path, ImageFolderOptions options)
    {
        int channels = Channels(options.ColorMode);
        var (pixels, width, height) = DecodeRgba(path);
        float[] planes = ToPlanes(pixels, width, height, options.ColorMode, channels);

        using var scope = torch.NewDisposeScope();
        Tensor image = torch.tensor(planes, [1, channels, height, width]);
        if (options.CropToAspectRatio)
        {
            image = CropToAspectRatio(image, height, width, options.ImageSize.Height, options.ImageSize.Width);
        }
        image = Resize(image, options.ImageSize.Height, options.ImageSize.Width, options.Interpolation);
        return image.squeeze(0).contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Keras's <c>smart_resize</c> crop: the largest centred window with the target's aspect ratio, its size rounded
    /// down and its offset rounded down, as Keras computes them.
    /// </summary>
    internal static (int Top, int Left, int Height, int Width) CropBox(int height, int width, int targetHeight, int targetWidth)
    {
        int cropHeight = Math.Max(Math.Min(height, (int)((double)width * targetHeight / targetWidth)), 1);
        int cropWidth = Math.Max(Math.Min(width, (int)((double)height * targetWidth / targetHeight)), 1);
        return ((height - cropHeight) / 2, (width - cropWidth) / 2, cropHeight, cropWidth);
    }

    private static Tensor CropToAspectRatio(Tensor image, int height, int width, int targetHeight, int targetWidth)
    {
        var (top, left, cropHeight, cropWidth) = CropBox(height, width, targetHeight, targetWidth);
        return image.narrow(2, top, cropHeight).narrow(3, left, cropWidth);
    }

    private static Tensor Resize(Tensor image, int height, int width, ImageInterpolation interpolation)
    {
        if (image.shape[2] == height && image.shape[3] == width)
        {
            return image; // both filters leave a same-size image unchanged
        }
        return interpolation switch
        {
            // Half-pixel centres without antialiasing: tf.image.resize's default, and Keras's torch backend's.
            ImageInterpolation.Bilinear => nn.functional.interpolate(
                image, [height, width], mode: InterpolationMode.Bilinear, align_corners: false, antialias: false),
            // TensorFlow's nearest with half-pixel centres is torch's "nearest-exact" (plain "nearest" is off by half a pixel).
            ImageInterpolation.Nearest => nn.functional.interpolate(image, [height, width], mode: InterpolationMode.NearestExact),
            _ => throw new ArgumentOutOfRangeException(nameof(interpolation), interpolation, "Interpolation must be Bilinear or Nearest."),
        };
    }

    /// <summary>
    /// Channel planes from 8-bit RGBA. Grayscale is Pillow's integer BT.601 luma (its <c>convert("L")</c>, which Keras's
    /// PIL-based loaders use), so a gray image stays exactly its values; RGB drops alpha without blending, as decoders do.
    /// </summary>
    private static float[] ToPlanes(byte[] rgba, int width, int height, ImageColorMode mode, int channels)
    {
        int area = width * height;
        var planes = new float[channels * area];
        for (int i = 0; i < area; i++)
        {
            byte r = rgba[4 * i], g = rgba[(4 * i) + 1], b = rgba[(4 * i) + 2];
            if (mode == ImageColorMode.Grayscale)
            {
                planes[i] = ((r * 19595) + (g * 38470) + (b * 7471) + 0x8000) >> 16;
                continue;
            }
            planes[i] = r;
            planes[area + i] = g;
            planes[(2 * area) + i] = b;
            if (channels == 4)
            {
                planes[(3 * area) + i] = rgba[(4 * i) + 3];
            }
        }
        return planes;
    }

    /// <summary>The file's pixels as unpremultiplied 8-bit RGBA without colour management (as TensorFlow's and Pillow's decoders give them).</summary>
    private static (byte[] Pixels, int Width, int Height) DecodeRgba(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"Image file '{path}' could not be read: {ex.Message}", ex);
        }
        // The codec owns (and disposes) the stream.
        using SKCodec codec = SKCodec.Create(new MemoryStream(bytes, writable: false), out SKCodecResult opened)
            ?? throw new InvalidDataException(
                $"Image file '{path}' could not be decoded: " +
                (bytes.Length == 0 ? "it is empty" : opened == SKCodecResult.IncompleteInput ? "it is truncated" : "it is not a BMP, GIF, JPEG or PNG image, or it is damaged") +
                ". Remove it from the folder or replace it with a valid image (Keras would fail on it too).");
        SKImageInfo declared = codec.Info;
        if (declared.Width <= 0 || declared.Height <= 0 || (long)declared.Width * declared.Height > MaxPixels)
        {
            throw new InvalidDataException(
                $"Image file '{path}' declares {declared.Width}x{declared.Height} pixels, more than the {MaxPixels:N0} an image may have here. " +
                "Scale it down (it is resized to ImageSize anyway) or remove it.");
        }
        var info = new SKImageInfo(declared.Width, declared.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        SKCodecResult result = codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            string why = result switch
            {
                SKCodecResult.IncompleteInput => "it is truncated: the file ends before the image does",
                SKCodecResult.ErrorInInput => "its image data is corrupt",
                _ => $"SkiaSharp reports {result}",
            };
            throw new InvalidDataException(
                $"Image file '{path}' could not be decoded: {why}. Remove it from the folder or replace it with a valid image.");
        }
        return (bitmap.GetPixelSpan().ToArray(), declared.Width, declared.Height);
    }
}
