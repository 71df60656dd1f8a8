using System;
using System.Buffers.Binary;
using System.IO;
using SkiaSharp;

namespace Dsl.Runtime.Tests.Data;

/// <summary>Small image files with known pixels: PNG and JPEG encoded by SkiaSharp, BMP written byte by byte.</summary>
internal static class ImageFiles
{
    /// <summary>A PNG of <paramref name="width"/> x <paramref name="height"/>, pixel (x, y) of colour <paramref name="color"/>(x, y) (unpremultiplied).</summary>
    public static byte[] Png(int width, int height, Func<int, int, SKColor> color) => Encode(width, height, color, SKEncodedImageFormat.Png);

    /// <summary>A JPEG, at quality 100 (still lossy: compare with a tolerance).</summary>
    public static byte[] Jpeg(int width, int height, Func<int, int, SKColor> color) => Encode(width, height, color, SKEncodedImageFormat.Jpeg);

    /// <summary>A one-colour PNG.</summary>
    public static byte[] Solid(int width, int height, SKColor color) => Png(width, height, (_, _) => color);

    /// <summary>A PNG of gray levels, <paramref name="rows"/>[y][x].</summary>
    public static byte[] Gray(byte[][] rows) => Png(rows[0].Length, rows.Length, (x, y) => new SKColor(rows[y][x], rows[y][x], rows[y][x]));

    /// <summary>A 24-bit uncompressed BMP: 54-byte header, bottom-up rows of BGR padded to 4 bytes.</summary>
    public static byte[] Bmp(int width, int height, Func<int, int, SKColor> color)
    {
        int stride = ((width * 3) + 3) / 4 * 4;
        var bytes = new byte[54 + (stride * height)];
        bytes[0] = (byte)'B';
        bytes[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(2), bytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(28), 24);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(34), stride * height);
        for (int y = 0; y < height; y++)
        {
            int row = 54 + ((height - 1 - y) * stride);
            for (int x = 0; x < width; x++)
            {
                SKColor c = color(x, y);
                bytes[row + (3 * x)] = c.Blue;
                bytes[row + (3 * x) + 1] = c.Green;
                bytes[row + (3 * x) + 2] = c.Red;
            }
        }
        return bytes;
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="root"/>/<paramref name="relative"/>, creating folders.</summary>
    public static string Put(string root, string relative, byte[] bytes)
    {
        string path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Encode(int width, int height, Func<int, int, SKColor> color, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                bitmap.SetPixel(x, y, color(x, y));
        using SKData data = bitmap.Encode(format, 100);
        return data.ToArray();
    }
}
