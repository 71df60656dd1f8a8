using System;
using System.IO;
using System.Linq;
using System.Threading;
using Dsl.Reporting;
using Samples.Mnist.Cli;

namespace Mnist.Tests;

/// <summary>
/// The whole experiment, as the README's command runs it, on the small real-MNIST fixture: one epoch, two
/// models. Every output must exist and parse, and the comparison table must show each architecture's columns.
/// </summary>
[Collection(InProcessCollection.Name)]
public sealed class EndToEndTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("mnist-e2e-").FullName;

    private static string Fixture => Path.Combine(AppContext.BaseDirectory, "Fixtures", "mnist");

    [Fact]
    public void One_epoch_on_the_fixture_writes_records_plots_and_a_report()
    {
        var console = new StringWriter();
        var originalOut = Console.Out;
        int exitCode;
        try
        {
            Console.SetOut(console);
            exitCode = MnistCli.Create().Parse(new[] { "--data", Fixture, "--epochs", "1", "--models", "Model1,Model2", "--threads", "2", "--out", _output }).Invoke();
        }
        finally
        {
            Console.SetOut(originalOut);
        }
        string printed = console.ToString();
        Assert.True(exitCode == 0, "exit code " + exitCode + "\n" + printed);

        foreach (var model in new[] { "Model1", "Model2" })
        {
            var record = RunRecords.Read(Path.Combine(_output, model + ".json"));
            Assert.Equal(model, record.Model);
            Assert.Single(record.Epochs);
            Assert.Equal(512, record.Config.TrainSamples);
            Assert.Equal(128, record.Config.TestSamples);
            Assert.InRange(record.Final.TestAccuracy, 0, 1);
            Assert.InRange(record.Final.TrainAccuracy, 0, 1);
            Assert.True(record.Epochs[0].ValidationLoss is > 0);
            AssertPng(Path.Combine(_output, model + "-loss.png"));
            // The trained model for deployment: ONNX (its first bytes: field 1, the IR version, as a protobuf varint) and safetensors.
            Assert.Equal(0x08, File.ReadAllBytes(Path.Combine(_output, model + ".onnx"))[0]);
            Assert.True(new FileInfo(Path.Combine(_output, model + ".safetensors")).Length > 8);
        }
        AssertPng(Path.Combine(_output, "val-accuracy.png"));
        AssertPng(Path.Combine(_output, "Model1-confusion.png"));
        AssertPng(Path.Combine(_output, "Model1-misclassified.png"));

        var report = File.ReadAllText(Path.Combine(_output, "report.md"));
        Assert.Contains("Model1-loss.png", report);
        Assert.Contains("Validation: on the test set after every epoch, as the seed notebook does.", report);
        Assert.Contains("![Model1: confusion matrix](Model1-confusion.png)", report);
        Assert.Contains("conv2d_1 (Conv2D)", report);
        Assert.Contains("| [Model1.onnx](Model1.onnx) | the trained model as an ONNX inference graph (opset 17)", report);
        Assert.Contains("| [Model2.safetensors](Model2.safetensors) |", report);
        Assert.Contains("Exported " + Path.Combine(_output, "Model1.onnx") + " (ONNX)", printed);

        // The notebook's table, with the architecture columns computed from the generated metadata.
        Assert.Contains("Number of training examples : 512", printed);
        var table = printed.Split('\n');
        Assert.Contains(table, l => Cells(l).Take(7).SequenceEqual(new[] { "Model1", "3", "64-28-12", "1", "2", "3", "1" }));
        Assert.Contains(table, l => Cells(l).Take(7).SequenceEqual(new[] { "Model2", "5", "60-40-28-14-8", "4", "2-2-2-2", "5", "1" }));
        Assert.Contains(" is best", printed);
    }

    [Fact]
    public void A_validation_split_with_callbacks_and_tensorboard_validates_on_the_last_training_images_and_tests_once()
    {
        string tensorBoard = Path.Combine(_output, "tb");
        var console = new StringWriter();
        var originalOut = Console.Out;
        int exitCode;
        try
        {
            Console.SetOut(console);
            exitCode = MnistCli.Create().Parse(new[]
            {
                "--data", Fixture, "--epochs", "2", "--models", "Model1", "--train-limit", "256", "--threads", "2", "--out", _output,
                "--validation", "split:0.25", "--early-stopping", "1", "--reduce-lr", "--tensorboard", tensorBoard,
            }).Invoke();
        }
        finally
        {
            Console.SetOut(originalOut);
        }
        string printed = console.ToString();
        Assert.True(exitCode == 0, "exit code " + exitCode + "\n" + printed);

        var record = RunRecords.Read(Path.Combine(_output, "Model1.json"));
        Assert.Equal("split:0.25", record.Config.Validation);
        Assert.Equal((192L, 64L, 128L), (record.Config.TrainSamples, record.Config.ValidationSamples, record.Config.TestSamples));
        Assert.Contains("EarlyStopping(monitor='val_loss', patience=1, restore_best_weights=True)", record.Config.Callbacks);
        Assert.Contains("ReduceLROnPlateau(", record.Config.Callbacks);
        Assert.All(record.Epochs, e => Assert.Equal(1e-3, e.LearningRate));
        Assert.Equal(128, record.Classification!.ConfusionMatrix.Total);
        Assert.Equal(record.Final.TestAccuracy, record.Classification.ConfusionMatrix.Accuracy, 10);
        Assert.Contains("validate on the last 64 training samples", printed);
        string report = File.ReadAllText(Path.Combine(_output, "report.md"));
        Assert.Contains("Validation: on the last 25% of the training data", report);
        foreach (string run in new[] { "train", "validation", "test" })
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(tensorBoard, "Model1", run), "events.out.tfevents.*"));
    }

    [Fact]
    public void A_second_run_in_the_same_folder_skips_finished_models_and_report_rebuilds_from_records()
    {
        var arguments = new[] { "--data", Fixture, "--epochs", "1", "--models", "Model2", "--train-limit", "64", "--out", _output };
        Assert.Equal(0, MnistCli.Create().Parse(arguments).Invoke());
        var first = File.ReadAllText(Path.Combine(_output, "Model2.json"));
        var console = new StringWriter();
        var originalOut = Console.Out;
        try
        {
            Console.SetOut(console);
            Assert.Equal(0, MnistCli.Create().Parse(arguments).Invoke());
            File.Delete(Path.Combine(_output, "report.md"));
            Assert.Equal(0, MnistCli.Create().Parse(new[] { "report", _output }).Invoke());
        }
        finally
        {
            Console.SetOut(originalOut);
        }
        Assert.Contains("already finished", console.ToString());
        Assert.Equal(first, File.ReadAllText(Path.Combine(_output, "Model2.json")));
        Assert.True(File.Exists(Path.Combine(_output, "report.md")));
    }

    private static string[] Cells(string line) =>
        line.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(c => c.Length > 0).ToArray();

    private static void AssertPng(string path)
    {
        Assert.True(File.Exists(path), path + " is missing");
        var header = File.ReadAllBytes(path).Take(8).ToArray();
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, header);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_output, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
