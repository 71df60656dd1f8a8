using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Dsl.Reporting;
using Dsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Tool;

/// <summary>
/// <c>dsl train spec.model.yaml --data …</c>: the spec compiled in-process by the real generator, its model trained on
/// the data with the runtime's trainer (a loss and metrics chosen from the model's output unless <c>--loss</c> names
/// one), and the run written the way the Mnist sample writes one: ONNX and safetensors, the run record and its plots,
/// a CSV log of the epochs. A checkpoint after every epoch lets an interrupted run resume when started again with the
/// same <c>--out</c>.
/// </summary>
internal static class TrainCommand
{
    public static Command Command(TextWriter output, TextWriter error)
    {
        var spec = new Argument<string>("spec") { Description = "A *.model.yaml file; the *.block.yaml files in its folder are the blocks it may use." };
        var data = new Option<string>("--data") { Description = "The training data: " + DataFiles.Formats + ".", Required = true };
        var labels = new Option<string?>("--labels") { Description = "The labels of a .npy or IDX --data file (a .npy, or an IDX label file)." };
        var labelColumn = new Option<string?>("--label-column") { Description = "The CSV column holding the label, by header name or 0-based index (default: the last)." };
        var epochs = new Option<int>("--epochs") { Description = "Epochs to train.", DefaultValueFactory = _ => 10 };
        var batchSize = new Option<int>("--batch-size") { Description = "Samples per step (Keras's default, 32).", DefaultValueFactory = _ => 32 };
        var optimizer = new Option<string>("--optimizer") { Description = "adam, adamw, sgd, rmsprop, adagrad or nadam, with Keras's defaults.", DefaultValueFactory = _ => "adam" };
        var learningRate = new Option<double?>("--learning-rate") { Description = "The optimizer's step size (default: Keras's for the optimizer, Adam's 0.001)." };
        var loss = new Option<string?>("--loss") { Description = "A Keras loss name (sparse_categorical_crossentropy, binary_crossentropy, mse, …); default: chosen from the model's output." };
        var split = new Option<double?>("--validation-split")
        {
            Description = "The fraction of the data held out to validate after every epoch (Keras's validation_split; 0 for none). " +
                "Default: the data's own test split when it has one, else 0.2.",
        };
        var seed = new Option<int>("--seed") { Description = "Seeds the weights, the shuffling and dropout.", DefaultValueFactory = _ => 42 };
        var folder = new Option<string?>("--out") { Description = "The run folder (default: runs/<Model>)." };
        var ns = Commands.RootNamespace();
        var command = new Command("train", "Trains a spec's model on a data folder or file and writes ONNX, safetensors, a run record and plots.")
        {
            spec, data, labels, labelColumn, epochs, batchSize, optimizer, learningRate, loss, split, seed, folder, ns,
        };
        command.SetAction(parse => Commands.Guard(error, () =>
        {
            var settings = new TrainSettings
            {
                Spec = parse.GetValue(spec)!,
                Data = parse.GetValue(data)!,
                Labels = parse.GetValue(labels),
                LabelColumn = parse.GetValue(labelColumn),
                Epochs = parse.GetValue(epochs),
                BatchSize = parse.GetValue(batchSize),
                Optimizer = parse.GetValue(optimizer)!,
                LearningRate = parse.GetValue(learningRate),
                Loss = parse.GetValue(loss),
                ValidationSplit = parse.GetValue(split),
                Seed = parse.GetValue(seed),
                Out = parse.GetValue(folder),
                RootNamespace = parse.GetValue(ns)!,
            };
            return Run(settings, output);
        }));
        return command;
    }

    private static int Run(TrainSettings settings, TextWriter console)
    {
        settings.Validate();
        var optimizer = OptimizerChoice.For(settings.Optimizer, settings.LearningRate);
        var info = Commands.LoadModel(settings.Spec, settings.RootNamespace, console);
        if (info is null)
            return Commands.Failed;
        if (info.Inputs.Count != 1 || info.Outputs.Count != 1)
        {
            throw new UsageException($"{info.Name} has {info.Inputs.Count} inputs and {info.Outputs.Count} outputs; dsl train feeds one input and one label per sample. " +
                "Train a model with several from a program (Trainer.Fit takes one tensor per input), as samples/Mnist does for TwoViewCnn.");
        }
        var loss = LossChoice.For(info, settings.Loss);
        console.WriteLine($"=== {info.Name} (declared in {info.Source}) ===");
        console.WriteLine(info.Summary);
        using var data = DataFiles.Load(settings.Data, settings.Labels, settings.LabelColumn, info, loss, settings.Seed, console);
        loss = DataCheck.Conform(data, info, loss);
        console.WriteLine($"Data: {data.Description}.");
        if (data.Test is { } testData)
            console.WriteLine($"Test data: {testData.Description}.");
        console.WriteLine($"Loss: {loss.Name} ({loss.Reason}); metrics: {string.Join(", ", loss.Metrics.Select(m => m.Name))}.");
        if (data.Pixels && !info.AllLayers.Any(l => l.Kind == LayerKind.Rescaling || l.Kind == LayerKind.Normalization))
        {
            console.WriteLine($"Note: the images are fed as 0 to 255, as Keras's loaders give them, and {info.Name} has no rescaling layer: " +
                "add `- rescaling: { scale: 0.00392156862745098 }` as its first layer to train on [0, 1].");
        }

        string outDir = OutputFolder.EnsureWritable(settings.Out ?? Path.Combine("runs", ReportFileNames.Safe(info.Name)), "--out");
        using var held = RunFolderLock.Acquire(outDir);
        return new TrainingRun(info, settings, optimizer, loss, data, outDir, console).Run();
    }
}
