using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Dsl.Data;
using Dsl.Reporting;
using Dsl.Training;
using Samples.Mnist.Experiment;
using Samples.Mnist.Similarity;
using static TorchSharp.torch;

namespace Samples.Mnist.Cli;

/// <summary>
/// <c>siamese</c>: Keras's example "Image similarity estimation using a Siamese Network with a contrastive loss" on
/// MNIST. The training set is split in halves as the example splits it (training, validation), every digit gives one
/// pair of the same digit (label 0) and one of two different digits (label 1), the network outputs the Euclidean
/// distance between the two embeddings, and the contrastive loss pulls same pairs together and pushes different ones
/// at least the margin apart. A pair counts as "same digit" when its distance is below 0.5, the example's accuracy.
/// </summary>
internal static class SiameseCommand
{
    /// <summary>The example's accuracy: a distance above this says "different digits".</summary>
    private const double Threshold = 0.5;

    public static Command Create()
    {
        var epochs = new Option<int>("--epochs") { Description = "Epochs (Keras's example trains 10).", DefaultValueFactory = _ => 10, CustomParser = r => Parse.Int(r, 1, 100_000, "at least 1") };
        var batchSize = new Option<int>("--batch-size") { Description = "Pairs per batch (Keras's example: 16).", DefaultValueFactory = _ => 16, CustomParser = r => Parse.Int(r, 1, 1_000_000, "at least 1") };
        var margin = new Option<double>("--margin") { Description = "The contrastive loss's margin: how far apart pairs of different digits are pushed.", DefaultValueFactory = _ => 1.0 };
        margin.Validators.Add(r =>
        {
            double value = r.GetValueOrDefault<double>();
            if (!(value > 0 && value <= 100))
                r.AddError($"--margin must be above 0 and at most 100 (Keras's example uses 1), not {value.ToString(CultureInfo.InvariantCulture)}.");
        });
        var learningRate = new Option<double>("--lr") { Description = "RMSprop's learning rate (Keras's default, which the example uses: 0.001).", DefaultValueFactory = _ => 1e-3, CustomParser = Parse.LearningRate };
        var seed = new Option<int>("--seed") { Description = "Seed for the pairs, the initial weights and shuffling.", DefaultValueFactory = _ => 42 };
        var trainLimit = new Option<int?>("--train-limit") { Description = "Train on the first N digits of the training half (2N pairs), and validate on as many of the other half.", CustomParser = r => Parse.Int(r, 2, int.MaxValue, "at least 2") };
        var data = new Option<DirectoryInfo?>("--data") { Description = "Folder with the four MNIST IDX files (default: $DSL_MNIST_DIR, then the user cache, then download)." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Folder for siamese.png and the model (default: runs/siamese-<timestamp>)." };

        var command = new Command("siamese", "Train Keras's siamese network with the contrastive loss to tell whether two digits are the same.")
        {
            epochs, batchSize, learningRate, margin, seed, trainLimit, data, output,
        };
        command.SetAction(parse => CommandErrors.Run(() => Run(
            parse.GetValue(epochs), parse.GetValue(batchSize), parse.GetValue(learningRate), parse.GetValue(margin), parse.GetValue(seed), parse.GetValue(trainLimit),
            parse.GetValue(data)?.FullName, parse.GetValue(output)?.FullName ?? Path.Combine("runs", "siamese-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)))));
        return command;
    }

    private static int Run(int epochs, int batchSize, double learningRate, double margin, int seed, int? trainLimit, string? dataDirectory, string outputDirectory)
    {
        OutputFolder.EnsureWritable(outputDirectory, "--out");
        using var mnist = Dsl.Data.Mnist.Load(new MnistOptions { DataDirectory = dataDirectory, Log = Console.WriteLine });
        using var scope = NewDisposeScope();
        // Keras's example keeps the first half of the training set for training, the second for validation.
        long half = mnist.Train.Images.shape[0] / 2;
        long count = Math.Min(trainLimit ?? long.MaxValue, half);
        var random = new Random(seed);
        var train = DigitPairs.Make(mnist.Train.Images.narrow(0, 0, count), mnist.Train.Labels.narrow(0, 0, count), random, "training");
        var validation = DigitPairs.Make(mnist.Train.Images.narrow(0, half, count), mnist.Train.Labels.narrow(0, half, count), random, "validation");
        var test = DigitPairs.Make(mnist.Test.Images, mnist.Test.Labels, random, "test");

        Trainer.Seed(seed);
        using var model = new SiameseNetwork();
        Console.WriteLine(SiameseNetwork.Summary);
        using var trainer = new Trainer(model, new TrainerOptions
        {
            Epochs = epochs,
            BatchSize = batchSize,
            Seed = seed,
            Optimizer = OptimizerSettings.RmsProp(learningRate),
            Loss = Loss.Contrastive(margin),
            Metrics = new[] { Metric.BinaryAccuracy(Threshold, name: "accuracy") },
        });
        trainer.Log = Console.WriteLine;
        // What the untrained network scores, so the trained figures below have something to be compared with.
        var untrained = trainer.Evaluate(test.Inputs, test.Labels);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Before training: test contrastive loss {untrained.Loss:F4}, same-digit-or-not accuracy {untrained.Accuracy:P2}"));
        Console.WriteLine($"Train on {train.Count} pairs of {count} digits, validate on {validation.Count} pairs (label 0: same digit, 1: different digits)");
        trainer.Fit(train.Inputs, train.Labels, validation.Inputs, validation.Labels, ConsoleProgress.Create());

        var evaluation = trainer.Evaluate(test.Inputs, test.Labels);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Test pairs: {test.Count}, contrastive loss {evaluation.Loss:F4}, same-digit-or-not accuracy {evaluation.Accuracy:P2} (distance below {Threshold} = same digit)"));
        var distances = trainer.PredictOutputs(test.Inputs)[0].reshape(-1);
        var same = test.Labels.eq(DigitPairs.Same);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Mean distance: pairs of the same digit {distances.masked_select(same).mean().item<float>():F3}, of different digits {distances.masked_select(same.logical_not()).mean().item<float>():F3}"));
        double auc = DistanceRanking.Auc(distances.data<float>().ToArray(), same.logical_not().data<bool>().ToArray());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Ranking: a pair of different digits lies farther apart than a pair of the same digit with probability {auc:F3} (ROC AUC; guessing gives 0.500)"));

        string picture = Path.Combine(outputDirectory, "siamese.png");
        const int Shown = 10;
        ImageGrid.Write(picture, new[] { new ImageRow("first", test.Left), new ImageRow("second", test.Right) }, columns: Shown);
        var shown = distances.narrow(0, 0, Math.Min(Shown, test.Count)).data<float>().ToArray();
        var truth = test.Labels.narrow(0, 0, shown.Length).data<float>().ToArray();
        Console.WriteLine("The pairs in siamese.png, left to right (distance, truth): " + string.Join(", ",
            shown.Select((d, i) => string.Create(CultureInfo.InvariantCulture, $"{d:F2} {(truth[i] == DigitPairs.Same ? "same" : "different")}"))));

        string onnx = Path.Combine(outputDirectory, "SiameseNetwork.onnx");
        ((Dsl.IGeneratedModel)model).ExportOnnx(onnx);
        Console.WriteLine($"Wrote {picture} (the first test pairs, one above the other) and {onnx}");
        return 0;
    }
}
