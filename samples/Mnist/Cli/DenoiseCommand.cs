using System;
using System.CommandLine;
using System.IO;
using Dsl.Data;
using Dsl.Reporting;
using Dsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Samples.Mnist.Cli;

/// <summary>
/// <c>denoise</c>: Keras's denoising autoencoder example on MNIST. Gaussian noise (factor 0.4, clipped to [0, 1], as the
/// example adds it) on every digit, the autoencoder trained to give back the clean digit with binary cross-entropy per
/// pixel, then the test digits' mean squared distance to the clean ones, noisy and denoised, and a picture of noisy,
/// denoised and clean test digits side by side.
/// </summary>
internal static class DenoiseCommand
{
    public static Command Create()
    {
        var epochs = new Option<int>("--epochs") { Description = "Epochs (Keras's example trains 100).", DefaultValueFactory = _ => 10, CustomParser = r => Parse.Int(r, 1, 100_000, "at least 1") };
        var batchSize = new Option<int>("--batch-size") { Description = "Samples per batch (Keras's example: 128).", DefaultValueFactory = _ => 128, CustomParser = r => Parse.Int(r, 1, 1_000_000, "at least 1") };
        var noise = new Option<double>("--noise") { Description = "Noise factor: the standard deviation of the Gaussian noise added to pixels in [0, 1].", DefaultValueFactory = _ => 0.4 };
        noise.Validators.Add(r =>
        {
            double value = r.GetValueOrDefault<double>();
            if (!(value >= 0 && value <= 10))
                r.AddError($"--noise must be between 0 and 10, not {value}.");
        });
        var seed = new Option<int>("--seed") { Description = "Seed for the noise, the initial weights and shuffling.", DefaultValueFactory = _ => 42 };
        var trainLimit = new Option<int?>("--train-limit") { Description = "Train on the first N training images only.", CustomParser = r => Parse.Int(r, 1, int.MaxValue, "at least 1") };
        var data = new Option<DirectoryInfo?>("--data") { Description = "Folder with the four MNIST IDX files (default: $DSL_MNIST_DIR, then the user cache, then download)." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Folder for denoise.png and the model (default: runs/denoise-<timestamp>)." };

        var command = new Command("denoise", "Train Keras's denoising autoencoder on noisy MNIST digits and picture what it makes of them.")
        {
            epochs, batchSize, noise, seed, trainLimit, data, output,
        };
        command.SetAction(parse => CommandErrors.Run(() => Run(
            parse.GetValue(epochs), parse.GetValue(batchSize), parse.GetValue(noise), parse.GetValue(seed), parse.GetValue(trainLimit),
            parse.GetValue(data)?.FullName, parse.GetValue(output)?.FullName ?? Path.Combine("runs", "denoise-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture)))));
        return command;
    }

    private static int Run(int epochs, int batchSize, double noiseFactor, int seed, int? trainLimit, string? dataDirectory, string outputDirectory)
    {
        OutputFolder.EnsureWritable(outputDirectory, "--out");
        using var mnist = Dsl.Data.Mnist.Load(new MnistOptions { DataDirectory = dataDirectory, Log = Console.WriteLine });
        using var scope = NewDisposeScope();
        long count = Math.Min(trainLimit ?? long.MaxValue, mnist.Train.Images.shape[0]);
        var clean = mnist.Train.Images.narrow(0, 0, count);
        var testClean = mnist.Test.Images;
        var generator = new torch.Generator((ulong)seed);
        var noisy = Noisy(clean, noiseFactor, generator);
        var testNoisy = Noisy(testClean, noiseFactor, generator);

        Trainer.Seed(seed);
        using var model = new DenoisingAutoencoder();
        Console.WriteLine(DenoisingAutoencoder.Summary);
        using var trainer = new Trainer(model, new TrainerOptions
        {
            Epochs = epochs,
            BatchSize = batchSize,
            Seed = seed,
            Optimizer = OptimizerSettings.Adam(1e-3),
            Loss = Loss.BinaryCrossentropy(),
            Metrics = new[] { Metric.MeanSquaredError() },
        });
        trainer.Log = Console.WriteLine;
        Console.WriteLine($"Train on {count} noisy digits (noise factor {noiseFactor}), validate on {testClean.shape[0]}");
        trainer.Fit(noisy, clean, testNoisy, testClean, ConsoleProgress.Create());

        var denoised = trainer.PredictOutputs(testNoisy)[0];
        double before = (testNoisy - testClean).square().mean().item<float>();
        double after = (denoised - testClean).square().mean().item<float>();
        Console.WriteLine($"Mean squared distance to the clean test digits: noisy {before:F4}, denoised {after:F4} ({before / after:F1}x closer)");

        string picture = Path.Combine(outputDirectory, "denoise.png");
        ImageGrid.Write(picture, new[]
        {
            new ImageRow("noisy", testNoisy),
            new ImageRow("denoised", denoised),
            new ImageRow("clean", testClean),
        });
        string onnx = Path.Combine(outputDirectory, "DenoisingAutoencoder.onnx");
        ((Dsl.IGeneratedModel)model).ExportOnnx(onnx);
        Console.WriteLine($"Wrote {picture} (noisy, denoised and clean test digits) and {onnx}");
        return 0;
    }

    /// <summary>Keras's example: x + factor · N(0, 1), clipped to [0, 1].</summary>
    private static Tensor Noisy(Tensor images, double factor, torch.Generator generator) =>
        images.add(randn(images.shape, generator: generator).mul(factor)).clamp(0, 1);
}
