using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Dsl.Data;
using static TorchSharp.torch;

namespace Dsl.Tool;

/// <summary>
/// The samples <c>dsl predict</c> runs, made the way <c>dsl train</c> made its training data: images (files, or every
/// image in a folder, in path order) decoded at the model's input size and colour mode with values 0 to 255; the rows
/// of a CSV file (header first); the samples of a <c>.npy</c> file (N, …) or a single sample.
/// </summary>
internal static class PredictInputs
{
    /// <summary>One sample: its name (a file, <c>rows.csv:3</c>, <c>x.npy[7]</c>) and its values, row-major.</summary>
    public sealed record Sample(string Name, float[] Values);

    /// <exception cref="UsageException">A path is missing, of no known kind, or its samples do not fit the model.</exception>
    public static IReadOnlyList<Sample> Read(IEnumerable<string> paths, OnnxModel model, string? labelColumn)
    {
        var samples = new List<Sample>();
        foreach (var path in paths)
        {
            string full = Path.GetFullPath(path);
            if (Directory.Exists(full))
            {
                var images = Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Where(ImageFile.HasImageExtension).Order(StringComparer.Ordinal).ToList();
                if (images.Count == 0)
                    throw new UsageException($"'{path}' holds no images ({string.Join(" ", ImageFile.Extensions)}).");
                samples.AddRange(images.Select(f => Image(f, Path.GetRelativePath(full, f), model)));
            }
            else if (!File.Exists(full))
                throw new UsageException($"'{path}' does not exist.");
            else if (ImageFile.HasImageExtension(full))
                samples.Add(Image(full, path, model));
            else if (full.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                samples.AddRange(Csv(full, path, model, labelColumn));
            else if (full.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
                samples.AddRange(Npy(full, path, model));
            else
                throw new UsageException($"'{path}' is not an input dsl predict reads: give images ({string.Join(" ", ImageFile.Extensions)}), a folder of them, a .csv or a .npy file.");
        }
        return samples;
    }

    private static Sample Image(string file, string name, OnnxModel model)
    {
        var shape = model.SampleShape;
        if (shape.Length != 3 || shape[0] is not (1 or 3 or 4))
            throw new UsageException($"'{model.Path}' takes ({string.Join(", ", shape)}) per sample, not images (channels, height, width): give a .csv or .npy of that shape.");
        var mode = shape[0] switch { 1 => ImageColorMode.Grayscale, 3 => ImageColorMode.Rgb, _ => ImageColorMode.Rgba };
        try
        {
            using var image = ImageFile.Read(file, new ImageFolderOptions { ImageSize = (shape[1], shape[2]), ColorMode = mode });
            return new Sample(name, image.data<float>().ToArray());
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static IEnumerable<Sample> Csv(string file, string name, OnnxModel model, string? labelColumn)
    {
        var options = labelColumn is null
            ? new CsvOptions { LabelKind = CsvLabelKind.None }
            : new CsvOptions { LabelColumns = [int.TryParse(labelColumn, out int i) && i >= 0 ? CsvColumn.At(i) : CsvColumn.Named(labelColumn)] };
        CsvData csv;
        try
        {
            csv = CsvFile.Load(file, options);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            throw new UsageException(e.Message);
        }
        using (csv)
        {
            int columns = (int)csv.Features.shape[1];
            if (columns != model.SampleSize)
            {
                string hint = columns == model.SampleSize + 1 ? " If one column is the label, name it with --label-column." : "";
                throw new UsageException($"'{name}' has {columns} feature columns, but '{model.Path}' takes {model.SampleSize} values per sample ({string.Join(", ", model.SampleShape)}).{hint}");
            }
            var values = csv.Features.data<float>().ToArray();
            return Enumerable.Range(0, (int)csv.Count).Select(r => new Sample($"{name}:{r + 1}", values.AsSpan(r * columns, columns).ToArray())).ToArray();
        }
    }

    private static IEnumerable<Sample> Npy(string file, string name, OnnxModel model)
    {
        Tensor array;
        try
        {
            array = NpyFile.Read(file);
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException)
        {
            throw new UsageException(e.Message);
        }
        using (array)
        {
            long[] shape = array.shape;
            var sample = model.SampleShape.Select(d => (long)d).ToArray();
            bool single = shape.SequenceEqual(sample);
            if (!single && !shape.Skip(1).SequenceEqual(sample))
                throw new UsageException($"'{name}' is ({string.Join(", ", shape)}), but '{model.Path}' takes (N, {string.Join(", ", sample)}) or one sample ({string.Join(", ", sample)}).");
            using var floats = array.to_type(ScalarType.Float32);
            var values = floats.data<float>().ToArray();
            int count = single ? 1 : (int)shape[0];
            int size = model.SampleSize;
            return Enumerable.Range(0, count).Select(i => new Sample(single ? name : $"{name}[{i}]", values.AsSpan(i * size, size).ToArray())).ToArray();
        }
    }
}
