using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Dsl.Reporting;
using Dsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Tool;

/// <summary>
/// One <c>dsl train</c> run into its folder, as the Mnist sample runs each of its models: refused if the folder holds a
/// finished run or a checkpoint of other settings, resumed from its checkpoint if interrupted, then evaluated (on the
/// validation part, else the data's test split, else the training data), exported and recorded.
/// </summary>
internal sealed class TrainingRun(ModelInfo info, TrainSettings settings, OptimizerSettings optimizer, LossChoice loss, LoadedData data, string folder, TextWriter console)
{
    /// <summary>The class names beside the ONNX file, one per line in class-index order, for <c>dsl predict</c>.</summary>
    public static string ClassNamesFile(string model) => ReportFileNames.Safe(model) + ".classes.txt";

    public int Run()
    {
        double? fraction = settings.ValidationSplit ?? (data.Test is null ? TrainSettings.DefaultValidationSplit : null);
        ValidationSplit? split = null;
        if (fraction is > 0)
        {
            try
            {
                split = ValidationSplit.Of(data.Count, fraction.Value);
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message.Split(" (Parameter")[0] + " Or pass --validation-split 0 to validate on nothing.");
            }
        }
        long trainCount = split?.TrainCount ?? data.Count;
        using var scope = torch.NewDisposeScope();
        var trainX = data.Features.narrow(0, 0, trainCount);
        var trainY = data.Labels.narrow(0, 0, trainCount);
        var (evalX, evalY, evaluated) = split is not null
            ? (data.Features.narrow(0, trainCount, split.ValidationCount), data.Labels.narrow(0, trainCount, split.ValidationCount), "validation")
            : data.Test is { } test ? (test.Features, test.Labels, "test") : (trainX, trainY, "train");
        string logFile = Path.Combine(folder, ReportFileNames.Safe(info.Name) + ".log.csv");
        var config = new RunConfig
        {
            Epochs = settings.Epochs,
            BatchSize = settings.BatchSize,
            Optimizer = optimizer.Name,
            LearningRate = optimizer.LearningRate,
            Seed = settings.Seed,
            TrainSamples = trainCount,
            TestSamples = evalX.shape[0],
            Threads = Environment.ProcessorCount,
            Validation = split is not null ? string.Create(CultureInfo.InvariantCulture, $"split:{fraction}") : data.Test is not null ? "test" : "none",
            ValidationSamples = split?.ValidationCount ?? (data.Test?.Count ?? 0),
            Callbacks = $"CSVLogger('{Path.GetFileName(logFile)}')",
        };

        var recordPath = Path.Combine(folder, RunRecords.FileName(info.Name));
        if (File.Exists(recordPath))
        {
            var done = RunRecords.Read(recordPath);
            if (done.Config == config)
            {
                console.WriteLine($"{info.Name} already finished in this folder ({recordPath}): nothing to do. Use another --out to train again.");
                return 0;
            }
            throw new IOException($"{recordPath} holds a run of {info.Name} with other settings ({RunSettings.Differences(done.Config, config)}); use a new --out folder, or delete that file to train again.");
        }

        var started = DateTime.UtcNow;
        Trainer.Seed(settings.Seed);   // before construction: the initial weights
        using var model = info.Create();
        using var trainer = new Trainer(model, new TrainerOptions
        {
            Epochs = settings.Epochs,
            BatchSize = settings.BatchSize,
            Optimizer = optimizer,
            Loss = loss.Loss,
            Metrics = loss.Metrics,
            Seed = settings.Seed,
        });
        trainer.Log = console.WriteLine;
        trainer.Callbacks.Add(new CSVLogger(logFile));
        var checkpoint = Path.Combine(folder, "checkpoints", ReportFileNames.Safe(info.Name) + ".ckpt");
        Directory.CreateDirectory(Path.GetDirectoryName(checkpoint)!);
        RunSettings.CheckAndRecord(checkpoint, config, info.Name);
        if (trainer.TryLoadCheckpoint(checkpoint))
            console.WriteLine($"Resuming {info.Name} after epoch {trainer.History.Count} from {checkpoint}.");
        trainer.EpochCompleted += (_, _) => trainer.SaveCheckpoint(checkpoint);

        var progress = ReferenceEquals(console, Console.Out) ? ConsoleProgress.Create() : new LineProgress(console);
        History history;
        try
        {
            console.WriteLine(split is not null
                ? $"Train on {split.TrainCount} samples, validate on the last {split.ValidationCount} (--validation-split {fraction?.ToString(CultureInfo.InvariantCulture)})"
                : data.Test is not null ? $"Train on {trainCount} samples, validate on the {data.Test.Count} test samples" : $"Train on {trainCount} samples, no validation");
            history = split is not null
                ? trainer.Fit(data.Features, data.Labels, fraction!.Value, progress)
                : trainer.Fit(trainX, trainY, data.Test?.Features, data.Test?.Labels, progress);
        }
        catch (TrainingDivergedException e)
        {
            throw new UsageException($"{e.Message} Lower --learning-rate (now {optimizer.LearningRate.ToString(CultureInfo.InvariantCulture)}), or rescale the inputs (a rescaling layer).");
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message.Split(" (Parameter")[0]);
        }
        if (history.Stop is { } stop)
            console.WriteLine($"Stopped after epoch {stop.Epoch} by {stop.By}: {stop.Reason}.");

        var evaluation = trainer.Evaluate(evalX, evalY);
        var trainScore = evaluated == "train" ? evaluation : trainer.Evaluate(trainX, trainY);
        ClassificationResults? classification = null;
        if (loss.IsClassifier)
        {
            var truth = loss.Targets == TargetKind.OneHot ? evalY.argmax(1) : evalY;
            classification = ClassificationResults.From(Thumbnails(evalX), truth, trainer.Predict(evalX), info.OutputShape[0], data: evaluated);
        }
        console.WriteLine($"{Title(evaluated)} loss    : {Number(evaluation.Loss)}");
        foreach (var metric in loss.Metrics)
            console.WriteLine($"{Title(evaluated)} {metric.Name.Replace('_', ' ')}: {Number(evaluation.Get(metric.Name) ?? double.NaN)}");

        var (onnx, weights) = RunArtifacts.ExportModel(model, info.Name, folder);
        console.WriteLine($"Exported {onnx} (ONNX) and {weights} (safetensors)");
        if (data.ClassNames is { Count: > 0 } names)
            File.WriteAllLines(Path.Combine(folder, ClassNamesFile(info.Name)), names);
        var record = RunRecord.From(info, config, history, FinalMetrics.From(evaluation, trainScore), started, DateTime.UtcNow, classification);
        var written = RunArtifacts.WriteRecord(record, folder, loss.Name);
        console.WriteLine($"Wrote {string.Join(", ", written)} and {logFile}");
        console.WriteLine($"Next: dsl predict \"{onnx}\" <images, a folder of them, a .csv or a .npy>");
        return 0;
    }

    /// <summary>The inputs as the record's thumbnails take them, in [0, 1]: images read 0 to 255 are divided by 255.</summary>
    private Tensor Thumbnails(Tensor inputs) =>
        data.Pixels ? inputs / 255f : inputs;

    private static string Title(string evaluated) => char.ToUpperInvariant(evaluated[0]) + evaluated[1..];

    private static string Number(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
