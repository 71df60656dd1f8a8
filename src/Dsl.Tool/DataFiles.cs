using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Dsl.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Tool;

/// <summary>
/// Reads <c>dsl train --data</c> with the runtime's loaders, telling the format from the path: a folder with one
/// sub-folder of images per class (<see cref="ImageFolder"/>, resized to the model's input), a folder of MNIST's IDX
/// files, a <c>.csv</c> (<see cref="CsvFile"/>), a <c>.npy</c> of inputs with <c>--labels</c> a <c>.npy</c> of labels, a
/// <c>.npz</c> (<c>x</c>/<c>y</c>, or Keras's <c>x_train</c>/<c>y_train</c>/<c>x_test</c>/<c>y_test</c>), or an IDX image
/// file with <c>--labels</c> its label file. Values stay as Keras's loaders give them: images 0 to 255.
/// </summary>
internal static class DataFiles
{
    public const string Formats = "an image folder (one sub-folder of images per class), a folder of IDX files (MNIST's train-images-idx3-ubyte …), " +
        "a .csv file, a .npy file of inputs (with --labels a .npy of labels), a .npz file (arrays x and y, or x_train and y_train), " +
        "or an IDX image file (with --labels its label file)";

    /// <exception cref="UsageException">The path is missing or of no known format, or the labels are missing; the message says what to give.</exception>
    public static LoadedData Load(string data, string? labels, string? labelColumn, ModelInfo model, LossChoice loss, int seed, TextWriter log)
    {
        string path = Path.GetFullPath(data);
        string? labelPath = labels is null ? null : Path.GetFullPath(labels);
        if (labelPath is not null && !File.Exists(labelPath))
            throw new UsageException($"--labels '{labels}' does not exist.");
        if (Directory.Exists(path))
            return IdxFolder(path) is { } idx ? idx : Images(path, model, seed, log);
        if (!File.Exists(path))
            throw new UsageException($"--data '{data}' does not exist; give {Formats}.");
        string extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".csv" => Csv(path, labelColumn, loss),
            ".npy" => Npy(path, labelPath ?? throw new UsageException($"'{data}' holds the inputs only: give their labels with --labels <labels.npy> (one per sample).")),
            ".npz" => Npz(path),
            _ when IsIdx(path) => Idx(path, labelPath ?? throw new UsageException($"'{data}' is an IDX image file: give its label file with --labels (e.g. train-labels-idx1-ubyte).")),
            _ => throw new UsageException($"--data '{data}' is not data dsl train reads; give {Formats}."),
        };
    }

    /// <summary>Keras's <c>image_dataset_from_directory</c> at the model's input size and colour mode, shuffled with the seed.</summary>
    private static LoadedData Images(string folder, ModelInfo model, int seed, TextWriter log)
    {
        var input = model.Inputs[0];
        if (input.Shape.Count != 3 || input.Shape[0] is not (1 or 3 or 4))
        {
            throw new UsageException($"'{folder}' is an image folder, whose images are (channels, height, width) with 1, 3 or 4 channels, but {model.Name}'s input " +
                $"'{input.Name}' is ({string.Join(", ", input.Shape)}). Declare the spec's input as [channels, height, width] (e.g. [1, 28, 28] for grayscale digits), " +
                "or give the data as .npy/.csv in the input's shape.");
        }
        var mode = input.Shape[0] switch { 1 => ImageColorMode.Grayscale, 3 => ImageColorMode.Rgb, _ => ImageColorMode.Rgba };
        var options = new ImageFolderOptions { ImageSize = (input.Shape[1], input.Shape[2]), ColorMode = mode, Seed = seed, Log = log.WriteLine };
        ImageFolderData images;
        try
        {
            images = ImageFolder.Load(folder, options);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message);
        }
        var description = $"image folder '{folder}': {images.Count} images of {images.ClassNames.Count} classes ({Classes(images.ClassNames)}), " +
            $"read as {mode.ToString().ToLowerInvariant()} {input.Shape[1]}x{input.Shape[2]}, values 0 to 255";
        // The loader's tensors belong to it; the data set keeps its own.
        var features = images.Images.alias().DetachFromDisposeScope();
        var labels = images.Labels.alias().DetachFromDisposeScope();
        var names = images.ClassNames.ToArray();
        images.Dispose();
        return new LoadedData(features, labels, description, names, pixels: true);
    }

    /// <summary>A folder holding MNIST's IDX files (plain or .gz): its training split, and its test split when present.</summary>
    private static LoadedData? IdxFolder(string folder)
    {
        string? Find(string name) => new[] { name, name + ".gz" }.Select(n => Path.Combine(folder, n)).FirstOrDefault(File.Exists);
        if (Find("train-images-idx3-ubyte") is not { } trainImages)
            return null;
        var trainLabels = Find("train-labels-idx1-ubyte")
            ?? throw new UsageException($"'{folder}' has train-images-idx3-ubyte but not train-labels-idx1-ubyte; put the label file beside it.");
        LoadedData? test = null;
        if (Find("t10k-images-idx3-ubyte") is { } testImages && Find("t10k-labels-idx1-ubyte") is { } testLabels)
            test = IdxSplit(testImages, testLabels, $"'{Path.GetFileName(testImages)}'");
        return IdxSplit(trainImages, trainLabels, $"IDX folder '{folder}'", test);
    }

    private static LoadedData Idx(string images, string labels) => IdxSplit(images, labels, $"IDX file '{images}'");

    private static LoadedData IdxSplit(string images, string labels, string what, LoadedData? test = null)
    {
        LabeledImages split;
        try
        {
            split = IdxReader.ReadSplit(images, labels);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message);
        }
        // The reader scales to [0, 1]; Keras's mnist.load_data gives the bytes, 0 to 255, as an image folder does.
        var features = split.Images.mul(255f).round_().DetachFromDisposeScope();
        var labelValues = split.Labels.alias().DetachFromDisposeScope();
        long[] shape = split.Images.shape;
        split.Dispose();
        return new LoadedData(features, labelValues, $"{what}: {shape[0]} images {shape[2]}x{shape[3]}, values 0 to 255", test: test, pixels: true);
    }

    private static LoadedData Csv(string path, string? labelColumn, LossChoice loss)
    {
        CsvColumn column = labelColumn is null
            ? CsvColumn.At(LastColumn(path))
            : int.TryParse(labelColumn, out int index) && index >= 0 ? CsvColumn.At(index) : CsvColumn.Named(labelColumn);
        var options = new CsvOptions
        {
            LabelColumns = [column],
            LabelKind = loss.Targets == TargetKind.Values ? CsvLabelKind.Regression : CsvLabelKind.ClassIndices,
        };
        CsvData csv;
        try
        {
            csv = CsvFile.Load(path, options);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            string which = labelColumn is null ? " The label is the last column unless --label-column names another." : "";
            string kind = loss.Targets == TargetKind.Values
                ? $" The labels are read as numbers because the loss is {loss.Name}; for classes, end the model with a softmax layer or pass --loss sparse_categorical_crossentropy."
                : "";
            throw new UsageException(e.Message + which + kind);
        }
        var description = $"CSV file '{path}': {csv.Count} rows, {csv.FeatureNames.Count} feature columns, label column {string.Join(", ", csv.LabelNames)}";
        var features = csv.Features.alias().DetachFromDisposeScope();
        var labels = csv.Labels.alias().DetachFromDisposeScope();
        var names = csv.ClassNames?.ToArray();
        csv.Dispose();
        return new LoadedData(features, labels, description, names);
    }

    private static int LastColumn(string path)
    {
        string? first = File.ReadLines(path).FirstOrDefault(l => l.Trim().Length > 0);
        if (first is null)
            throw new UsageException($"'{path}' is empty.");
        return first.Split(',').Length - 1;
    }

    private static LoadedData Npy(string path, string labels)
    {
        var features = ReadNpy(path);
        return new LoadedData(features, ReadNpy(labels), $"NumPy file '{path}' with labels '{labels}'", pixels: IsBytes(features));
    }

    /// <summary>uint8 arrays are pixels, 0 to 255, as keras.datasets ships images.</summary>
    private static bool IsBytes(Tensor features) => features.dtype == ScalarType.Byte;

    private static Tensor ReadNpy(string path)
    {
        try
        {
            return NpyFile.Read(path);
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException)
        {
            throw new UsageException(e.Message);
        }
    }

    private static LoadedData Npz(string path)
    {
        NpzArrays arrays;
        try
        {
            arrays = NpzFile.Read(path);
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException)
        {
            throw new UsageException(e.Message);
        }
        using (arrays)
        {
            Tensor Take(string key) => arrays[key].alias().DetachFromDisposeScope();
            if (arrays.ContainsKey("x_train") && arrays.ContainsKey("y_train"))
            {
                bool pixels = IsBytes(arrays["x_train"]);
                LoadedData? test = arrays.ContainsKey("x_test") && arrays.ContainsKey("y_test")
                    ? new LoadedData(Take("x_test"), Take("y_test"), $"'{Path.GetFileName(path)}' x_test/y_test", pixels: pixels)
                    : null;
                return new LoadedData(Take("x_train"), Take("y_train"), $"NumPy archive '{path}' (x_train, y_train{(test is null ? "" : "; x_test, y_test as test data")})", test: test, pixels: pixels);
            }
            if (arrays.ContainsKey("x") && arrays.ContainsKey("y"))
                return new LoadedData(Take("x"), Take("y"), $"NumPy archive '{path}' (x, y)", pixels: IsBytes(arrays["x"]));
            throw new UsageException($"'{path}' holds the arrays {string.Join(", ", arrays.Keys)}; dsl train reads the inputs from 'x' and the labels from 'y' " +
                "(or 'x_train'/'y_train', and 'x_test'/'y_test' as test data, as keras.datasets ships them): save them under those names (np.savez(path, x=…, y=…)).");
        }
    }

    private static bool IsIdx(string path)
    {
        Span<byte> head = stackalloc byte[4];
        using var file = File.OpenRead(path);
        int read = file.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        // gzip (1f 8b), or IDX's magic: two zero bytes, a type code and a dimension count.
        return read >= 2 && ((head[0] == 0x1f && head[1] == 0x8b) || (read == 4 && head[0] == 0 && head[1] == 0 && head[2] == 0x08));
    }

    private static string Classes(IReadOnlyList<string> names) =>
        names.Count <= 10 ? string.Join(", ", names) : string.Join(", ", names.Take(10)) + ", …";
}
