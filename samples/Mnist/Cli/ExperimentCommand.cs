using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Dsl;
using Samples.Mnist.Experiment;

namespace Samples.Mnist.Cli;

/// <summary>The root command: options of one experiment run, validated before anything heavy starts.</summary>
internal static class ExperimentCommand
{
    public static readonly string[] DefaultModels = { "Model1", "Model2", "Model3" };

    public static void Configure(RootCommand root)
    {
        var models = new Option<string[]>("--models")
        {
            Description = "Models to train, by class name (comma- or space-separated). Known: " + string.Join(", ", ModelCatalog.All.Select(m => m.Name)),
            DefaultValueFactory = _ => DefaultModels,
            AllowMultipleArgumentsPerToken = true,
        };
        var epochs = new Option<int>("--epochs") { Description = "Epochs per model.", DefaultValueFactory = _ => 12, CustomParser = r => Parse.Int(r, 1, 100_000, "at least 1") };
        var batchSize = new Option<int>("--batch-size") { Description = "Samples per batch.", DefaultValueFactory = _ => 128, CustomParser = r => Parse.Int(r, 1, 1_000_000, "at least 1") };
        var learningRate = new Option<double>("--lr") { Description = "Adam learning rate.", DefaultValueFactory = _ => 1e-3, CustomParser = Parse.LearningRate };
        var seed = new Option<int>("--seed") { Description = "Seed for initial weights, shuffling and dropout.", DefaultValueFactory = _ => 42, CustomParser = r => Parse.Int(r, int.MinValue, int.MaxValue, "a whole number") };
        var trainLimit = new Option<int?>("--train-limit") { Description = "Train on the first N training images only, for a quick look.", CustomParser = r => Parse.Int(r, 1, int.MaxValue, "at least 1") };
        var threads = new Option<int?>("--threads") { Description = "CPU threads for TorchSharp (default: all cores).", CustomParser = r => Parse.Int(r, 1, 1024, "between 1 and 1024") };
        var data = new Option<DirectoryInfo?>("--data") { Description = "Folder with the four MNIST IDX files (default: $DSL_MNIST_DIR, then the user cache, then download)." };
        data.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<DirectoryInfo?>() is { Exists: false } missing)
                r.AddError($"--data folder '{missing.FullName}' does not exist.");
        });
        var output = new Option<DirectoryInfo?>("--out") { Description = "Run folder for records, plots and report.md (default: runs/<timestamp>). Reusing a folder resumes its unfinished models." };
        var device = new Option<string>("--device") { Description = "auto, cpu or cuda.", DefaultValueFactory = _ => "auto" };
        device.AcceptOnlyFromAmong("auto", "cpu", "cuda");
        var validation = new Option<ValidationChoice>("--validation")
        {
            Description = "test: validate on the test set after every epoch (the notebook's way, the default); split:F: hold out the last fraction F " +
                          "of the training data (Keras's validation_split, e.g. split:0.1) and evaluate the test set once, at the end.",
            DefaultValueFactory = _ => ValidationChoice.Test,
            CustomParser = Parse.Validation,
        };
        var earlyStopping = new Option<int?>("--early-stopping")
        {
            Description = "Stop when val_loss has not improved for PATIENCE epochs, and keep the best epoch's weights (Keras's EarlyStopping).",
            CustomParser = r => Parse.Int(r, 0, 100_000, "a patience of at least 0 epochs"),
        };
        var reduceLr = new Option<bool>("--reduce-lr") { Description = "Halve the learning rate when val_loss has not improved for 2 epochs, down to 1e-5 (Keras's ReduceLROnPlateau)." };
        var tensorBoard = new Option<DirectoryInfo?>("--tensorboard") { Description = "Write TensorBoard event files under DIR/<Model> (per-epoch loss, accuracy, learning rate; the confusion matrix)." };

        foreach (var option in new Option[] { models, epochs, batchSize, learningRate, seed, trainLimit, threads, data, output, device, validation, earlyStopping, reduceLr, tensorBoard })
            root.Add(option);

        root.Validators.Add(r =>
        {
            var unknown = ModelNames(r.GetValue(models)).Where(n => ModelCatalog.Find(n) is null).ToList();
            if (unknown.Count > 0)
                r.AddError($"Unknown model(s): {string.Join(", ", unknown)}. Known models: {string.Join(", ", ModelCatalog.All.Select(m => m.Name))}.");
            foreach (var model in ModelNames(r.GetValue(models)).Select(ModelCatalog.Find).Where(m => m is not null))
            {
                try
                {
                    ModelInputs.Check(model!);
                }
                catch (ArgumentException e)
                {
                    r.AddError(e.Message);
                }
            }
        });

        root.SetAction((parse, cancellationToken) =>
        {
            var settings = new ExperimentSettings
            {
                Models = ModelNames(parse.GetValue(models)).Select(ModelCatalog.Get).ToList(),
                Epochs = parse.GetValue(epochs),
                BatchSize = parse.GetValue(batchSize),
                LearningRate = parse.GetValue(learningRate),
                Seed = parse.GetValue(seed),
                TrainLimit = parse.GetValue(trainLimit),
                Threads = parse.GetValue(threads) ?? Environment.ProcessorCount,
                DataDirectory = parse.GetValue(data)?.FullName,
                OutputDirectory = parse.GetValue(output)?.FullName ?? Path.GetFullPath(Path.Combine("runs", DateTime.Now.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture))),
                Device = parse.GetValue(device)!,
                Validation = parse.GetValue(validation) ?? ValidationChoice.Test,
                EarlyStoppingPatience = parse.GetValue(earlyStopping),
                ReduceLearningRate = parse.GetValue(reduceLr),
                TensorBoardDirectory = parse.GetValue(tensorBoard)?.FullName,
            };
            return Task.FromResult(CommandErrors.Run(() => MnistExperiment.Run(settings, Console.Out, cancellationToken)));
        });
    }

    private static string[] ModelNames(string[]? values) =>
        (values ?? DefaultModels)
            .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
}
