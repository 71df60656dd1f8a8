using System;
using System.IO;
using System.Linq;
using Dsl.Data;
using Dsl.Reporting;
using Microsoft.ML.OnnxRuntime;

namespace Dsl.Tool.Tests;

/// <summary>
/// <c>dsl train</c> and <c>dsl predict</c> as a user runs them: a YAML spec and a folder of real MNIST digits give a run
/// record, plots, a CSV log, safetensors and an ONNX file that ONNX Runtime runs; predict on the same PNGs agrees with
/// ONNX Runtime run here on the pixels written; data that does not fit the model is a message and exit code 1.
/// </summary>
public sealed class TrainPredictTests : IDisposable
{
    /// <summary>A small CNN: 40 + 6,770 parameters; rescales 0-255 pixels itself, as Keras models read image folders.</summary>
    private const string TinySpec = """
        model: Tiny
        input: [1, 28, 28]
        layers:
          - rescaling: { scale: 0.00392156862745098 }
          - conv2d: { filters: 4, kernel_size: 3, activation: relu }
          - max_pooling2d: 2
          - flatten
          - dense: { units: 10, activation: softmax }
        expect_parameters: 6810

        """;

    private readonly string _work = Directory.CreateTempSubdirectory("dsl-train-").FullName;

    private string Spec(string name, string text)
    {
        string path = Path.Combine(_work, name + ".model.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Train_on_an_image_folder_writes_the_run_and_predict_runs_its_onnx()
    {
        string digits = Path.Combine(_work, "digits");
        var pixels = DigitFolder.Write(digits, perClass: 4);
        string spec = Spec("Tiny", TinySpec);
        string output = Path.Combine(_work, "run");

        var train = ToolProcess.Run($"train \"{spec}\" --data \"{digits}\" --epochs 1 --batch-size 8 --out \"{output}\"");
        Assert.True(train.ExitCode == 0, train.Output);
        Assert.Contains("Loss: sparse_categorical_crossentropy (the output is softmax over 10 classes)", train.Output, StringComparison.Ordinal);
        Assert.Contains("40 images of 10 classes", train.Output, StringComparison.Ordinal);
        foreach (var file in new[] { "Tiny.json", "Tiny.onnx", "Tiny.safetensors", "Tiny-loss.png", "Tiny-confusion.png", "Tiny-misclassified.png", "Tiny.log.csv", "Tiny.classes.txt" })
            Assert.True(File.Exists(Path.Combine(output, file)), file + " is missing:\n" + train.Output);

        // The record: Keras's validation_split of 0.2 holds out the last 8 of the 40 shuffled images.
        var record = RunRecords.Read(Path.Combine(output, "Tiny.json"));
        Assert.Single(record.Epochs);
        Assert.Equal(32, record.Config.TrainSamples);
        Assert.Equal(8, record.Config.ValidationSamples);
        Assert.Equal("split:0.2", record.Config.Validation);
        Assert.Equal(8, record.Classification!.ConfusionMatrix.Total);
        Assert.Equal(6810, record.Architecture.ParameterCount);
        Assert.Equal(Enumerable.Range(0, 10).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)), File.ReadAllLines(Path.Combine(output, "Tiny.classes.txt")));
        var log = File.ReadAllLines(Path.Combine(output, "Tiny.log.csv"));
        Assert.Equal(2, log.Length);
        Assert.StartsWith("epoch,", log[0], StringComparison.Ordinal);

        // predict on one class folder equals ONNX Runtime run here on the pixels as written (0 to 255).
        string threes = Path.Combine(digits, "3");
        var predict = ToolProcess.Run($"predict \"{Path.Combine(output, "Tiny.onnx")}\" \"{threes}\" --format csv");
        Assert.True(predict.ExitCode == 0, predict.Output);
        var rows = predict.Output.Trim().Split('\n').Select(l => l.Trim()).ToArray();
        Assert.Equal("input,class,probability", rows[0]);
        Assert.Equal(5, rows.Length);
        using var session = new InferenceSession(Path.Combine(output, "Tiny.onnx"));
        foreach (var row in rows.Skip(1))
        {
            var fields = row.Split(',');
            var image = pixels[Path.Combine(threes, fields[0])].Select(b => (float)b).ToArray();
            using var input = OrtValue.CreateTensorValueFromMemory(image, new long[] { 1, 1, 28, 28 });
            using var outputs = session.Run(new RunOptions(), new[] { session.InputMetadata.Keys.Single() }, new[] { input }, new[] { session.OutputMetadata.Keys.Single() });
            var probabilities = outputs[0].GetTensorDataAsSpan<float>().ToArray();
            Assert.Equal(1f, probabilities.Sum(), 4);
            int top = Array.IndexOf(probabilities, probabilities.Max());
            Assert.Equal(top.ToString(System.Globalization.CultureInfo.InvariantCulture), fields[1]);
            Assert.Equal(probabilities[top], float.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture), 4);
        }

        var text = ToolProcess.Run($"predict \"{Path.Combine(output, "Tiny.onnx")}\" \"{Path.Combine(threes, pixels.Keys.First(k => k.StartsWith(threes, StringComparison.Ordinal)))}\"");
        Assert.True(text.ExitCode == 0, text.Output);
        Assert.Matches(@"\.png: \d \(probability [01]\.\d{4}\)", text.Output);

        // The same command again finds the finished run; other settings in its folder are refused.
        var again = ToolProcess.Run($"train \"{spec}\" --data \"{digits}\" --epochs 1 --batch-size 8 --out \"{output}\"");
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Contains("already finished in this folder", again.Output, StringComparison.Ordinal);
        var other = ToolProcess.Run($"train \"{spec}\" --data \"{digits}\" --epochs 2 --batch-size 8 --out \"{output}\"");
        Assert.Equal(1, other.ExitCode);
        Assert.Contains("--epochs: 1 in the folder, 2 now", other.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_reads_a_folder_of_mnist_idx_files_and_validates_on_its_test_split()
    {
        string output = Path.Combine(_work, "idx");
        var train = ToolProcess.Run($"train \"{Spec("Tiny", TinySpec)}\" --data \"{DigitFolder.Mnist}\" --epochs 1 --out \"{output}\"");
        Assert.True(train.ExitCode == 0, train.Output);
        var record = RunRecords.Read(Path.Combine(output, "Tiny.json"));
        Assert.Equal("test", record.Config.Validation);
        Assert.Equal(512, record.Config.TrainSamples);
        Assert.Equal(128, record.Config.TestSamples);
        Assert.Equal(128, record.Classification!.ConfusionMatrix.Total);
        Assert.NotNull(record.Epochs[0].ValidationLoss);
        using var session = new InferenceSession(Path.Combine(output, "Tiny.onnx"));
        Assert.Equal(new[] { -1, 1, 28, 28 }, session.InputMetadata.Values.Single().Dimensions.Select(d => d < 0 ? -1 : d));
    }

    /// <summary>
    /// A CSV of numbers and a linear output: mean squared error, and predict prints the raw outputs, equal to the
    /// trained weights (read back from the safetensors file) applied by hand: y = w · x + b.
    /// </summary>
    [Fact]
    public void Train_on_a_csv_regresses_and_predict_prints_the_raw_outputs_as_json()
    {
        string csv = Path.Combine(_work, "line.csv");
        File.WriteAllLines(csv, new[] { "x1,x2,y" }.Concat(Enumerable.Range(0, 20).Select(i => FormattableString.Invariant($"{i / 20.0},{1 - (i / 10.0)},{(2 * i / 20.0) - 1}"))));
        string spec = Spec("Line", "model: Line\ninput: [2]\nlayers:\n  - dense: 1\n");
        string output = Path.Combine(_work, "line");
        var train = ToolProcess.Run($"train \"{spec}\" --data \"{csv}\" --epochs 1 --batch-size 4 --learning-rate 0.01 --out \"{output}\"");
        Assert.True(train.ExitCode == 0, train.Output);
        Assert.Contains("Loss: mean_squared_error (the output (1) is linear); metrics: mean_absolute_error.", train.Output, StringComparison.Ordinal);
        Assert.Contains("label column y", train.Output, StringComparison.Ordinal);
        Assert.Null(RunRecords.Read(Path.Combine(output, "Line.json")).Classification);

        var predict = ToolProcess.Run($"predict \"{Path.Combine(output, "Line.onnx")}\" \"{csv}\" --label-column y --format json");
        Assert.True(predict.ExitCode == 0, predict.Output);
        using var json = System.Text.Json.JsonDocument.Parse(predict.Output);
        var rows = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(20, rows.Length);
        var (weight, bias) = DenseWeights(Path.Combine(output, "Line.safetensors"));
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.Equal($"{csv}:{i + 1}", rows[i].GetProperty("input").GetString());
            double expected = (weight[0] * (i / 20.0)) + (weight[1] * (1 - (i / 10.0))) + bias;
            Assert.Equal(expected, rows[i].GetProperty("outputs")[0].GetDouble(), 5);
            Assert.False(rows[i].TryGetProperty("class", out _));
        }

        var withLabel = ToolProcess.Run($"predict \"{Path.Combine(output, "Line.onnx")}\" \"{csv}\"");
        Assert.Equal(1, withLabel.ExitCode);
        Assert.Contains("has 3 feature columns, but", withLabel.Output, StringComparison.Ordinal);
        Assert.Contains("If one column is the label, name it with --label-column.", withLabel.Output, StringComparison.Ordinal);
    }

    /// <summary>dense_1's weight (1, 2) and bias (1) from a safetensors file: an 8-byte header length, a JSON header, float32 data.</summary>
    private static (float[] Weight, float Bias) DenseWeights(string path)
    {
        var bytes = File.ReadAllBytes(path);
        long length = BitConverter.ToInt64(bytes, 0);
        using var header = System.Text.Json.JsonDocument.Parse(bytes.AsMemory(8, (int)length));
        float[] Read(string name)
        {
            var entry = header.RootElement.EnumerateObject().Single(p => p.Name.EndsWith(name, StringComparison.Ordinal)).Value;
            Assert.Equal("F32", entry.GetProperty("dtype").GetString());
            var offsets = entry.GetProperty("data_offsets").EnumerateArray().Select(o => o.GetInt32()).ToArray();
            return Enumerable.Range(0, (offsets[1] - offsets[0]) / 4).Select(i => BitConverter.ToSingle(bytes, 8 + (int)length + offsets[0] + (4 * i))).ToArray();
        }
        return (Read("weight"), Read("bias").Single());
    }

    /// <summary>Killed after its first epochs, the same command resumes from the checkpoint instead of starting over.</summary>
    [Fact]
    public void An_interrupted_run_resumes_from_its_checkpoint()
    {
        string arguments = $"train \"{Spec("Tiny", TinySpec)}\" --data \"{DigitFolder.Mnist}\" --epochs 50 --batch-size 8 --out \"{Path.Combine(_work, "run")}\"";
        // The second epoch's line comes after the first epoch's checkpoint was written.
        string first = RunUntil(arguments, line => line.StartsWith("Epoch 2/50", StringComparison.Ordinal));
        Assert.Contains("Epoch 2/50", first, StringComparison.Ordinal);
        string second = RunUntil(arguments, line => line.StartsWith("Epoch ", StringComparison.Ordinal));
        Assert.Matches(@"Resuming Tiny after epoch [1-9]\d* from .*Tiny\.ckpt", second);
        Assert.DoesNotContain("Epoch 1/50", second, StringComparison.Ordinal);
    }

    /// <summary>Runs the tool until a line of its output satisfies <paramref name="stop"/>, then kills it; returns what it printed.</summary>
    private string RunUntil(string arguments, Func<string, bool> stop)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "dsl.dll")}\" {arguments}")
        {
            WorkingDirectory = _work,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var output = new System.Text.StringBuilder();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline && process.StandardOutput.ReadLine() is { } line)
        {
            output.AppendLine(line);
            if (stop(line))
                break;
        }
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return output.ToString();
    }

    [Theory]
    [InlineData("--data nowhere", "error: --data 'nowhere' does not exist; give an image folder")]
    [InlineData("", "Option '--data' is required")]
    [InlineData("--data digits --loss hinge_loss", "error: --loss 'hinge_loss' is not a loss; use one of Keras's names: sparse_categorical_crossentropy,")]
    [InlineData("--data digits --optimizer lion", "error: --optimizer 'lion' is not an optimizer; use one of adam,")]
    [InlineData("--data flat.npy --labels labels.npy", "each sample is (28, 28), but Tiny's input 'input' takes (1, 28, 28). Both hold 784 values: save x.reshape(-1, 1, 28, 28)")]
    [InlineData("--data flat.npy", "holds the inputs only: give their labels with --labels")]
    [InlineData("--data arrays.npz", "holds the arrays images; dsl train reads the inputs from 'x' and the labels from 'y' (or 'x_train'/'y_train'")]
    [InlineData("--data digits --spec Five", "the labels run from 0 to 9, but Five's output has 5 classes (0 to 4). Give its last layer 10 units")]
    [InlineData("--data digits --spec Flat", "is an image folder, whose images are (channels, height, width) with 1, 3 or 4 channels, but Flat's input 'input' is (784)")]
    [InlineData("--data digits --epochs 0", "error: --epochs must be at least 1, not 0.")]
    [InlineData("--data digits --validation-split 1.5", "error: --validation-split must be at least 0 and below 1")]
    public void Bad_training_arguments_are_a_message_and_exit_code_1(string arguments, string message)
    {
        DigitFolder.Write(Path.Combine(_work, "digits"), perClass: 1);
        using (var flat = TorchSharp.torch.zeros(4, 28, 28))
            NpyFile.Write(Path.Combine(_work, "flat.npy"), flat);
        using (var labels = TorchSharp.torch.zeros(4, TorchSharp.torch.ScalarType.Int64))
        {
            NpyFile.Write(Path.Combine(_work, "labels.npy"), labels);
            NpzFile.Write(Path.Combine(_work, "arrays.npz"), new System.Collections.Generic.Dictionary<string, TorchSharp.torch.Tensor> { ["images"] = labels });
        }
        Spec("Tiny", TinySpec);
        Spec("Five", TinySpec.Replace("model: Tiny", "model: Five", StringComparison.Ordinal).Replace("units: 10", "units: 5", StringComparison.Ordinal).Replace("expect_parameters: 6810", "expect_parameters: 3425", StringComparison.Ordinal));
        Spec("Flat", "model: Flat\ninput: [784]\nlayers:\n  - dense: { units: 10, activation: softmax }\n");
        string spec = arguments.Contains("--spec Five", StringComparison.Ordinal) ? "Five" : arguments.Contains("--spec Flat", StringComparison.Ordinal) ? "Flat" : "Tiny";
        arguments = arguments.Replace("--spec " + spec, "", StringComparison.Ordinal);

        var (code, output) = ToolProcess.Run($"train {spec}.model.yaml {arguments} --out run", _work);
        Assert.Equal(1, code);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_work, "run", spec + ".json")));
    }

    [Theory]
    [InlineData("predict missing.onnx x.png", "error: 'missing.onnx' does not exist; give the .onnx file dsl train wrote")]
    [InlineData("predict notes.onnx x.png", "error: 'notes.onnx' is not an ONNX model ONNX Runtime can load")]
    public void Bad_prediction_arguments_are_a_message_and_exit_code_1(string arguments, string message)
    {
        File.WriteAllText(Path.Combine(_work, "notes.onnx"), "not a model");
        var (code, output) = ToolProcess.Run(arguments, _work);
        Assert.Equal(1, code);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
