using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Dsl;
using Dsl.Data;
using Dsl.Reporting;
using Dsl.Training;
using Samples.Mnist.Reporting;
using TorchSharp;

namespace Samples.Mnist.Experiment;

/// <summary>
/// The seed notebook's experiment: for each architecture, print its summary, train it (Adam, categorical
/// cross-entropy, validation on the test set, or on a held-out split of the training data), evaluate on test and train
/// data, find where it fails (confusion matrix, most confident mistakes), and record everything; then compare the
/// architectures. Each finished model is exported (ONNX and safetensors) and its record written at once, and a checkpoint after every
/// epoch and when cancelled mid-epoch (at the last completed step), so an interrupted run resumes where it stopped, step for
/// step, when started again with the same --out.
/// </summary>
internal static class MnistExperiment
{
    public static int Run(ExperimentSettings settings, TextWriter console, CancellationToken cancellationToken)
    {
        string folder = OutputFolder.EnsureWritable(settings.OutputDirectory, "--out");
        // Held until every model is trained and reported: a second run into this folder is refused, not interleaved.
        using var held = RunFolderLock.Acquire(folder);
        var device = ChooseDevice(settings.Device);
        using var mnist = Dsl.Data.Mnist.Load(new MnistOptions { DataDirectory = settings.DataDirectory, Log = console.WriteLine });
        PrintDataset(mnist, console);

        using var train = settings.TrainLimit is int limit && limit < mnist.Train.Count ? mnist.Train.Take(limit) : null;
        var trainingData = train ?? mnist.Train;
        if (train is not null)
            console.WriteLine($"Training on the first {train.Count:N0} of {mnist.Train.Count:N0} training images (--train-limit).");
        console.WriteLine($"Device: {device.type}, threads: {settings.Threads}; output: {settings.OutputDirectory}");

        var records = new List<RunRecord>();
        foreach (var model in settings.Models)
        {
            cancellationToken.ThrowIfCancellationRequested();
            records.Add(RunModel(model, settings, device, trainingData, mnist.Test, console, cancellationToken));
        }

        console.WriteLine();
        console.WriteLine(NotebookTable.ToText(records));
        console.WriteLine(ComparisonTable.Verdict(records));
        var report = MarkdownReport.Write(settings.OutputDirectory, records, NotebookTable.ReportOptions);
        console.WriteLine($"Report: {report}");
        return 0;
    }

    private static RunRecord RunModel(ModelInfo info, ExperimentSettings settings, torch.Device device, LabeledImages data, LabeledImages test, TextWriter console, CancellationToken cancellationToken)
    {
        // Keras's validation_split: the last fraction of the training data, before shuffling; the trainer takes the same split.
        var split = settings.Validation.Split is { } fraction ? ValidationSplit.Of(data.Count, fraction) : null;
        long trainCount = split?.TrainCount ?? data.Count;
        var callbacks = Callbacks(info, settings);
        var config = new RunConfig
        {
            Epochs = settings.Epochs,
            BatchSize = settings.BatchSize,
            Optimizer = "Adam",
            LearningRate = settings.LearningRate,
            Seed = settings.Seed,
            TrainLimit = settings.TrainLimit,
            TrainSamples = trainCount,
            TestSamples = test.Count,
            Threads = settings.Threads,
            Validation = settings.Validation.ToString(),
            ValidationSamples = split?.ValidationCount ?? test.Count,
            Callbacks = string.Join(", ", callbacks.Select(Describe)),
        };

        console.WriteLine();
        console.WriteLine($"=== {info.Name} (declared in {info.Source}) ===");
        console.WriteLine(info.Summary);

        var recordPath = Path.Combine(settings.OutputDirectory, RunRecords.FileName(info.Name));
        if (File.Exists(recordPath))
        {
            var done = RunRecords.Read(recordPath);
            if (done.Config == config)
            {
                console.WriteLine($"{info.Name} already finished in this folder ({recordPath}); skipping.");
                return done;
            }
            throw new IOException($"{recordPath} holds a run of {info.Name} with other settings ({RunSettings.Differences(done.Config, config)}); use a new --out folder, or delete that file to train again.");
        }

        var started = DateTime.UtcNow;
        Trainer.Seed(settings.Seed);   // before construction: the initial weights
        using var model = info.Create();
        model.to(device);
        using var trainer = new Trainer(model, new TrainerOptions
        {
            Epochs = settings.Epochs,
            BatchSize = settings.BatchSize,
            Optimizer = OptimizerSettings.Adam(settings.LearningRate),
            Seed = settings.Seed,
            Threads = settings.Threads,
        });

        foreach (var callback in callbacks)
            trainer.Callbacks.Add(callback);
        trainer.Log = console.WriteLine;

        var checkpoint = Path.Combine(settings.OutputDirectory, "checkpoints", info.Name + ".ckpt");
        Directory.CreateDirectory(Path.GetDirectoryName(checkpoint)!);
        RunSettings.CheckAndRecord(checkpoint, config, info.Name);
        if (trainer.TryLoadCheckpoint(checkpoint))
        {
            long steps = (trainCount + settings.BatchSize - 1) / settings.BatchSize;
            console.WriteLine(trainer.PartialEpoch is { } partial
                ? $"Resuming {info.Name} in epoch {partial.Epoch} after step {partial.Steps} of {steps} from {checkpoint}."
                : $"Resuming {info.Name} after epoch {trainer.History.Count} from {checkpoint}.");
        }
        trainer.EpochCompleted += (_, _) => trainer.SaveCheckpoint(checkpoint);

        History history;
        PeakMemory.Reset();
        using var inputScope = torch.NewDisposeScope();
        var trainImages = data.Images.narrow(0, 0, trainCount);
        var trainLabels = data.Labels.narrow(0, 0, trainCount);
        // Every input of the model, made from the digits (a second view of them for a model that takes one).
        var trainInputs = ModelInputs.For(info, data.Images);
        var testInputs = ModelInputs.For(info, test.Images);
        try
        {
            if (split is not null)
            {
                console.WriteLine($"Train on {split.TrainCount} samples, validate on the last {split.ValidationCount} training samples (--validation {settings.Validation}); the test set is evaluated once, after training");
                history = trainer.Fit(trainInputs, data.Labels, settings.Validation.Split!.Value, ConsoleProgress.Create(), cancellationToken);
            }
            else
            {
                console.WriteLine($"Train on {data.Count} samples, validate on {test.Count} samples");
                history = trainer.Fit(trainInputs, data.Labels, testInputs, test.Labels, ConsoleProgress.Create(), cancellationToken);
            }
        }
        catch (OperationCanceledException) when (trainer.PartialEpoch is { } partial)
        {
            // Ctrl+C in the middle of an epoch: keep its finished steps, so the next run continues with the step after them.
            trainer.SaveCheckpoint(checkpoint);
            console.WriteLine($"Saved {info.Name} at step {partial.Steps} of epoch {partial.Epoch} to {checkpoint}.");
            throw;
        }
        long peakMemory = PeakMemory.Bytes;
        console.WriteLine($"Peak memory while training: {peakMemory / 1e6:F0} MB resident{(PeakMemory.IsPerPhase ? "" : " (the process's peak so far)")}");
        if (history.Stop is { } stop)
            console.WriteLine($"Stopped after epoch {stop.Epoch} by {stop.By}: {stop.Reason}.");
        if (history.WeightsFromEpoch is { } restored)
            console.WriteLine($"Evaluating the weights of epoch {restored}, the best.");

        var clock = Stopwatch.StartNew();
        var testScore = trainer.Evaluate(testInputs, test.Labels);
        var trainScore = trainer.Evaluate(ModelInputs.For(info, trainImages), trainLabels);
        var classification = ClassificationResults.From(test.Images, test.Labels, trainer.Predict(testInputs), info.OutputShape[0]);
        console.WriteLine($"Test score    : {Number(testScore.Loss)}");
        console.WriteLine($"Test accuracy : {Number(testScore.Accuracy ?? double.NaN)}");
        console.WriteLine($"Train score   : {Number(trainScore.Loss)}");
        console.WriteLine($"Train accuracy: {Number(trainScore.Accuracy ?? double.NaN)}   (evaluated in {clock.Elapsed.TotalSeconds:F0} s)");

        // The trained model for deployment, written before the record, so that a finished model always has both:
        // an ONNX inference graph (the `predict` command runs it in ONNX Runtime) and the weights as safetensors.
        var (onnx, weights) = RunArtifacts.ExportModel(model, info.Name, settings.OutputDirectory);
        console.WriteLine($"Exported {onnx} (ONNX) and {weights} (safetensors)");

        var record = RunRecord.From(info, config, history, FinalMetrics.From(testScore, trainScore), started, DateTime.UtcNow, classification) with { PeakMemoryBytes = peakMemory };
        var written = RunArtifacts.WriteRecord(record, settings.OutputDirectory);
        var confusion = Path.Combine(settings.OutputDirectory, ReportFileNames.ConfusionPlot(info.Name));
        if (callbacks.OfType<TensorBoard>().SingleOrDefault() is { } tensorBoard)
        {
            tensorBoard.AddImage("confusion_matrix", confusion, step: Math.Max(0, history.Count - 1), run: "test");
            console.WriteLine($"TensorBoard: {tensorBoard.LogDir}");
        }
        console.WriteLine($"Wrote {string.Join(", ", written)}");
        return record;
    }

    /// <summary>The callbacks the command line asked for.</summary>
    private static List<Callback> Callbacks(ModelInfo info, ExperimentSettings settings)
    {
        var callbacks = new List<Callback>();
        if (settings.ReduceLearningRate)
            callbacks.Add(new ReduceLROnPlateau(monitor: EpochLogs.ValidationLoss, factor: 0.5, patience: 2, minLr: 1e-5, verbose: 1));
        if (settings.EarlyStoppingPatience is { } patience)
            callbacks.Add(new EarlyStopping(monitor: EpochLogs.ValidationLoss, patience: patience, restoreBestWeights: true, verbose: 1));
        if (settings.TensorBoardDirectory is { } directory)
            callbacks.Add(new TensorBoard(Path.Combine(directory, info.Name)));
        return callbacks;
    }

    /// <summary>A callback as its Keras call, for the run record.</summary>
    private static string Describe(Callback callback) => callback switch
    {
        ReduceLROnPlateau r => Invariant($"ReduceLROnPlateau(monitor='{r.Monitor}', factor={r.Factor}, patience={r.Patience}, min_lr={r.MinLr.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e')})"),
        EarlyStopping e => Invariant($"EarlyStopping(monitor='{e.Monitor}', patience={e.Patience}, restore_best_weights={(e.RestoreBestWeights ? "True" : "False")})"),
        TensorBoard => "TensorBoard()",
        var other => other.GetType().Name + "()",
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void PrintDataset(MnistDataset mnist, TextWriter console)
    {
        long[] shape = mnist.Train.Images.shape;
        console.WriteLine($"Number of training examples : {mnist.Train.Count} and each image is of shape ({shape[2]}, {shape[3]})");
        console.WriteLine($"Number of test examples     : {mnist.Test.Count} and each image is of shape ({shape[2]}, {shape[3]})");
        console.WriteLine($"x_train shape: ({string.Join(", ", shape)})   (N, channels, height, width), float32 in [0, 1]");
        console.WriteLine($"y_train shape: ({string.Join(", ", mnist.Train.Labels.shape)})   class indices 0-9");
    }

    private static torch.Device ChooseDevice(string requested) => requested switch
    {
        "cpu" => torch.CPU,
        "cuda" when torch.cuda.is_available() => torch.CUDA,
        "cuda" => throw new ArgumentException("--device cuda: no CUDA device is available. Build with -p:TorchBackend=cuda on a machine with an NVIDIA GPU, or use --device cpu."),
        _ => torch.cuda.is_available() ? torch.CUDA : torch.CPU,
    };

    private static string Number(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
