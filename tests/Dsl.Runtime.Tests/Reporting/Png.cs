using System;
using System.IO;
using System.Linq;
using SkiaSharp;

namespace Dsl.Runtime.Tests.Reporting;

/// <summary>Decodes a PNG file and answers questions about its pixels.</summary>
internal sealed class Png : IDisposable
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly SKBitmap _bitmap;

    private Png(SKBitmap bitmap) => _bitmap = bitmap;

    public int Width => _bitmap.Width;

    public int Height => _bitmap.Height;

    /// <summary>Opens <paramref name="path"/>, failing the test unless it starts with the PNG signature and decodes.</summary>
    public static Png Load(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > Signature.Length && bytes.AsSpan(0, Signature.Length).SequenceEqual(Signature), $"{path} lacks the PNG signature.");
        var bitmap = SKBitmap.Decode(bytes);
        Assert.True(bitmap is not null, $"{path} does not decode.");
        return new Png(bitmap);
    }

    /// <summary>Pixels that differ from the top-left corner's colour (the background).</summary>
    public int NonBackgroundPixels()
    {
        var background = _bitmap.GetPixel(0, 0);
        return _bitmap.Pixels.Count(p => p != background);
    }

    /// <summary>
    /// Pixels within <paramref name="tolerance"/> of <paramref name="colour"/> on every channel: a series' line and
    /// legend swatch are drawn in its colour, anti-aliasing only blurs their edges.
    /// </summary>
    public int PixelsNear(byte red, byte green, byte blue, int tolerance = 24) => PixelsNear(red, green, blue, 0, Width, tolerance);

    /// <summary><see cref="PixelsNear(byte, byte, byte, int)"/> in the columns from <paramref name="left"/> up to <paramref name="right"/>.</summary>
    public int PixelsNear(byte red, byte green, byte blue, int left, int right, int tolerance = 24)
    {
        int count = 0;
        for (int y = 0; y < Height; y++)
        {
            for (int x = left; x < right; x++)
            {
                var p = _bitmap.GetPixel(x, y);
                if (Math.Abs(p.Red - red) <= tolerance && Math.Abs(p.Green - green) <= tolerance && Math.Abs(p.Blue - blue) <= tolerance)
                    count++;
            }
        }
        return count;
    }

    public void Dispose() => _bitmap.Dispose();
}
