using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Dsl.Data;
using SkiaSharp;

namespace Dsl.Tool.Tests;

/// <summary>
/// Real MNIST digits (the runtime tests' fixture slice) written as an image folder the way a user has one: a sub-folder
/// per class, grayscale PNGs of 28x28.
/// </summary>
internal static class DigitFolder
{
    /// <summary>The fixture's IDX files (train-*, t10k-*, gzipped).</summary>
    public static string Mnist => Path.Combine(AppContext.BaseDirectory, "Fixtures", "mnist");

    /// <summary>Writes the first <paramref name="perClass"/> training digits of each class under <paramref name="folder"/>/&lt;digit&gt;/; returns each file's pixels (0 to 255).</summary>
    public static IReadOnlyDictionary<string, byte[]> Write(string folder, int perClass)
    {
        using var digits = IdxReader.ReadSplit(Path.Combine(Mnist, "train-images-idx3-ubyte.gz"), Path.Combine(Mnist, "train-labels-idx1-ubyte.gz"));
        var labels = digits.Labels.data<long>().ToArray();
        var pixels = digits.Images.mul(255).round().to_type(TorchSharp.torch.ScalarType.Byte).data<byte>().ToArray();
        var written = new Dictionary<string, byte[]>();
        for (int digit = 0; digit < 10; digit++)
        {
            string classFolder = Path.Combine(folder, digit.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Directory.CreateDirectory(classFolder);
            foreach (int index in Enumerable.Range(0, labels.Length).Where(i => labels[i] == digit).Take(perClass))
            {
                var image = pixels.AsSpan(index * 784, 784).ToArray();
                string path = Path.Combine(classFolder, $"{index:D3}.png");
                using var bitmap = new SKBitmap(new SKImageInfo(28, 28, SKColorType.Gray8, SKAlphaType.Opaque));
                for (int y = 0; y < 28; y++)
                {
                    for (int x = 0; x < 28; x++)
                        bitmap.SetPixel(x, y, new SKColor(image[(y * 28) + x], image[(y * 28) + x], image[(y * 28) + x]));
                }
                using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
                File.WriteAllBytes(path, data.ToArray());
                written[path] = image;
            }
        }
        return written;
    }
}
