using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ScottPlot;
using SkiaSharp;
using static TorchSharp.torch;

namespace Dsl.Reporting;

/// <summary>One labelled row of an <see cref="ImageGrid"/>: images (N, C, H, W) with values in [0, 1] (1 or 3 channels).</summary>
public sealed record ImageRow(string Label, Tensor Images);

/// <summary>
/// Rows of images side by side in one PNG, for what a model makes of images rather than a class: an autoencoder's
/// noisy, denoised and clean digits, a generator's samples. Every row shows its first images (at most
/// <c>columns</c>), each pixel drawn as a square of <c>zoom</c> pixels, with the row's label on the left.
/// </summary>
public static class ImageGrid
{
    /// <summary>Writes <paramref name="rows"/> to a new PNG at <paramref name="path"/> (replacing an old one atomically).</summary>
    /// <exception cref="ArgumentException">A row's images are not (N, 1 or 3, H, W).</exception>
    public static void Write(string path, IReadOnlyList<ImageRow> rows, int columns = 10, int zoom = 3)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows.Count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(zoom, 1);
        var images = rows.Select(r => Pixels(r.Images, columns)).ToList();
        int height = images.Max(row => row.Max(i => i.GetLength(1))) * zoom, width = images.Max(row => row.Max(i => i.GetLength(2))) * zoom;
        const int pad = 8, labelWidth = 110;
        int count = images.Max(row => row.Count);
        int canvasWidth = labelWidth + count * (width + pad) + pad, canvasHeight = rows.Count * (height + pad) + pad;

        using var typeface = Fonts.GetTypeface(Fonts.Default, bold: false, italic: false);
        using var font = new SKFont(typeface, 15);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var surface = SKSurface.Create(new SKImageInfo(canvasWidth, canvasHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        for (int r = 0; r < rows.Count; r++)
        {
            int y = pad + r * (height + pad);
            canvas.DrawText(rows[r].Label, pad, y + height / 2f + 5, SKTextAlign.Left, font, ink);
            for (int c = 0; c < images[r].Count; c++)
            {
                using var bitmap = ToBitmap(images[r][c]);
                var target = SKRect.Create(labelWidth + c * (width + pad), y, bitmap.Width * zoom, bitmap.Height * zoom);
                canvas.DrawBitmap(bitmap, target, new SKPaint { IsAntialias = false });
            }
        }
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        PngFile.Write(path, png.ToArray());
    }

    /// <summary>The first images as bytes (C, H, W), values clamped to [0, 1] and scaled to 0–255.</summary>
    private static List<byte[,,]> Pixels(Tensor images, int columns)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4 || (images.shape[1] != 1 && images.shape[1] != 3))
            throw new ArgumentException($"An image row takes (N, 1 or 3, H, W) values, not ({string.Join(", ", images.shape)}).", nameof(images));
        using var scope = NewDisposeScope();
        long n = Math.Min(columns, images.shape[0]);
        var bytes = images.narrow(0, 0, n).detach().cpu().to_type(ScalarType.Float32).clamp(0, 1).mul(255).round().to_type(ScalarType.Byte).contiguous().data<byte>().ToArray();
        int channels = (int)images.shape[1], h = (int)images.shape[2], w = (int)images.shape[3];
        var result = new List<byte[,,]>();
        for (int i = 0; i < n; i++)
        {
            var image = new byte[channels, h, w];
            Buffer.BlockCopy(bytes, i * channels * h * w, image, 0, channels * h * w);
            result.Add(image);
        }
        return result;
    }

    private static SKBitmap ToBitmap(byte[,,] image)
    {
        int channels = image.GetLength(0), h = image.GetLength(1), w = image.GetLength(2);
        var bitmap = new SKBitmap(w, h, SKColorType.Rgba8888, SKAlphaType.Opaque);
        for (int row = 0; row < h; row++)
        {
            for (int col = 0; col < w; col++)
            {
                byte r = image[0, row, col], g = channels == 3 ? image[1, row, col] : r, b = channels == 3 ? image[2, row, col] : r;
                bitmap.SetPixel(col, row, new SKColor(r, g, b));
            }
        }
        return bitmap;
    }
}
