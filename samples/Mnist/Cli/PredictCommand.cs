using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Dsl.Data;
using Samples.Mnist.Prediction;

namespace Samples.Mnist.Cli;

/// <summary>
/// <c>predict MODEL.onnx IMAGES [--labels FILE] [--count N] [--invert]</c>: classifies digits with an exported model
/// in ONNX Runtime, as a deployment would: no TorchSharp, no generated class, only the <c>.onnx</c> file.
/// </summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var model = new Argument<FileInfo>("model") { Description = "An .onnx file written by a run (<out>/<Model>.onnx) or by ExportOnnx." };
        var images = new Argument<FileInfo>("images") { Description = "An IDX image file (plain or .gz, as MNIST ships them) or a picture of a digit (PNG, JPEG…; resized to the model's input)." };
        var labels = new Option<FileInfo?>("--labels") { Description = "The IDX label file of the images: prints each label and the accuracy over all images." };
        var count = new Option<int>("--count")
        {
            Description = "How many images of an IDX file to print (default 10); with --labels all are classified for the accuracy.",
            DefaultValueFactory = _ => 10,
            CustomParser = r => Parse.Int(r, 1, int.MaxValue, "at least 1"),
        };
        var invert = new Option<bool>("--invert") { Description = "Invert the images first (1 − value): for dark digits on a light background; MNIST's are light on dark." };

        var command = new Command("predict", "Classify digits with an exported .onnx model in ONNX Runtime.") { model, images, labels, count, invert };
        command.SetAction(parse => CommandErrors.Run(() => Run(
            parse.GetValue(model)!.FullName, parse.GetValue(images)!.FullName, parse.GetValue(labels)?.FullName, parse.GetValue(count), parse.GetValue(invert))));
        return command;
    }

    private static int Run(string modelPath, string imagesPath, string? labelsPath, int count, bool invert)
    {
        using var classifier = OnnxClassifier.Load(modelPath);
        var (channels, height, width) = classifier.ImageShape;
        if (channels != 1)
            throw new InvalidDataException($"'{modelPath}' takes {channels}-channel images; digits here are grayscale (1 channel).");
        var data = DigitImages.Read(imagesPath, height, width, invert);
        long[]? truth = labelsPath is null ? null : ReadLabels(labelsPath, data.Names.Count);

        Console.WriteLine($"Model: {classifier.Path} ({classifier.Name}), input (batch, {channels}, {height}, {width}), {classifier.Classes} classes, ONNX Runtime");
        foreach (var note in data.Notes)
            Console.WriteLine("Note: " + note + ".");
        // Every image when the accuracy is wanted, else only those printed; in batches of 1,000.
        int total = data.Names.Count;
        int classified = truth is null ? Math.Min(count, total) : total;
        int pixelsPerImage = height * width;
        int correct = 0;
        for (int start = 0; start < classified; start += 1000)
        {
            int n = Math.Min(1000, classified - start);
            var batch = classifier.Classify(data.Pixels.AsSpan(start * pixelsPerImage, n * pixelsPerImage).ToArray(), n);
            for (int i = 0; i < n; i++)
            {
                int index = start + i;
                var probabilities = batch[i];
                int predicted = Array.IndexOf(probabilities, probabilities.Max());
                if (truth is not null && truth[index] == predicted)
                    correct++;
                if (index >= count)
                    continue;
                string label = truth is null ? "" : truth[index] == predicted ? $", label {truth[index]}" : $", label {truth[index]}: wrong";
                Console.WriteLine($"{data.Names[index]}: {predicted} (probability {Number(probabilities[predicted])}{label})");
                Console.WriteLine("  " + string.Join("  ", probabilities.Select((p, c) => $"{c}: {Number(p)}")));
            }
        }
        if (classified > count)
            Console.WriteLine($"… {classified - count:N0} more classified, not printed (--count {count}).");
        else if (total > classified)
            Console.WriteLine($"Classified the first {classified:N0} of {total:N0} images (--count; add --labels to classify all and measure the accuracy).");
        if (truth is not null)
            Console.WriteLine($"Accuracy: {Number(correct / (double)total)} ({correct:N0} of {total:N0} correct)");
        return 0;
    }

    private static long[] ReadLabels(string path, int images)
    {
        using var labels = IdxReader.ReadLabels(path);
        if (labels.shape[0] != images)
            throw new InvalidDataException($"'{path}' holds {labels.shape[0]:N0} labels for {images:N0} images: pair images and labels of the same split.");
        return labels.data<long>().ToArray();
    }

    private static string Number(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
