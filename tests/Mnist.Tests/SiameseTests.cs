using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Dsl.Data;
using Microsoft.ML.OnnxRuntime;
using Samples.Mnist.Similarity;
using SkiaSharp;
using TorchSharp;

namespace Mnist.Tests;

/// <summary>
/// <c>siamese</c>: Keras's siamese network with the contrastive loss, trained on pairs of the fixture's digits, tells
/// pairs of the same digit from pairs of different digits on the test pairs far above chance, prints Keras's parameter
/// figures, and writes the picture of pairs and an ONNX model that ONNX Runtime runs; bad arguments are a message and
/// exit code 1.
/// </summary>
[Collection(InProcessCollection.Name)]
public sealed class SiameseTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("dsl-siamese-").FullName;

    [Fact]
    public async Task The_network_tells_same_from_different_digits_far_above_chance_and_exports_a_model_Onnx_Runtime_runs()
    {
        var result = await InProcessRun.RunAsync(new[] { "siamese", "--data", InProcessRun.Fixture, "--epochs", "20", "--out", _work });
        Assert.True(result.ExitCode == 0, result.ToString());
        // The figures Keras's example prints for its model (keras-io examples/vision/md/siamese_contrastive.md).
        Assert.Contains("Total params: 5,318", result.Output, StringComparison.Ordinal);
        Assert.Contains("Trainable params: 4,804", result.Output, StringComparison.Ordinal);
        Assert.Contains("Non-trainable params: 514", result.Output, StringComparison.Ordinal);
        // Keras's halves of the training set: the fixture's first 256 digits train, the next 256 validate.
        Assert.Contains("Train on 512 pairs of 256 digits, validate on 512 pairs", result.Output, StringComparison.Ordinal);

        var losses = Regex.Matches(result.Output, @"Epoch \d+/20 .* - loss: (\d+\.\d+)").Select(m => Number(m.Groups[1].Value)).ToArray();
        Assert.Equal(20, losses.Length);
        Assert.True(losses[^1] < losses[0] / 2, $"training losses {string.Join(", ", losses)}");

        var before = Regex.Match(result.Output, @"Before training: test contrastive loss (\d+\.\d+), same-digit-or-not accuracy (\d+\.\d+) %");
        var after = Regex.Match(result.Output, @"Test pairs: 256, contrastive loss (\d+\.\d+), same-digit-or-not accuracy (\d+\.\d+) %");
        Assert.True(before.Success && after.Success, result.Output);
        // 256 test pairs, half of them of the same digit: guessing scores 50 % with a standard deviation of 3.1 points,
        // so 65 % is almost five of them away. The untrained network already tells some pairs apart (similar digits
        // have similar pixels), so training must also add 8 points to what it scored before.
        double accuracy = Number(after.Groups[2].Value);
        Assert.True(accuracy >= 65 && accuracy >= Number(before.Groups[2].Value) + 8, before.Value + " / " + after.Value);
        var distances = Regex.Match(result.Output, @"Mean distance: pairs of the same digit (\d+\.\d+), of different digits (\d+\.\d+)");
        Assert.True(distances.Success, result.Output);
        Assert.True(Number(distances.Groups[1].Value) < Number(distances.Groups[2].Value), distances.Value);
        var ranking = Regex.Match(result.Output, @"with probability (\d\.\d{3}) \(ROC AUC");
        Assert.True(ranking.Success && Number(ranking.Groups[1].Value) >= 0.7, result.Output);   // guessing: 0.5 ± 0.036

        using (var picture = SKBitmap.Decode(Path.Combine(_work, "siamese.png")))
        {
            Assert.NotNull(picture);
            // Two rows (the pairs' first and second digits) of ten 84-pixel digits, with a label column and padding.
            Assert.Equal(110 + (10 * (84 + 8)) + 8, picture.Width);
            Assert.Equal((2 * (84 + 8)) + 8, picture.Height);
        }

        // The exported model in ONNX Runtime: a digit's distance to itself is the floor √1e-7, to other digits more.
        using var mnist = Dsl.Data.Mnist.Load(new MnistOptions { DataDirectory = InProcessRun.Fixture });
        var images = mnist.Test.Images.narrow(0, 0, 4).contiguous().data<float>().ToArray();
        var others = mnist.Test.Images.narrow(0, 4, 4).contiguous().data<float>().ToArray();
        using var session = new InferenceSession(Path.Combine(_work, "SiameseNetwork.onnx"));
        Assert.Equal(new[] { "left", "right" }, session.InputMetadata.Keys.Order(StringComparer.Ordinal));
        var itself = Distances(session, images, images);
        var apart = Distances(session, images, others);
        Assert.All(itself, d => Assert.Equal(Math.Sqrt(1e-7), d, 1e-6));
        Assert.All(apart, d => Assert.True(d > 1e-3 && float.IsFinite(d), $"distance {d}"));
    }

    [Theory]
    [InlineData("--margin", "0", "--margin must be above 0 and at most 100 (Keras's example uses 1), not 0.")]
    [InlineData("--train-limit", "1", "--train-limit must be at least 2, not '1'.")]
    [InlineData("--batch-size", "0", "--batch-size")]
    public async Task Bad_arguments_are_a_message_and_exit_code_1(string option, string value, string message)
    {
        var result = await InProcessRun.RunAsync(new[] { "siamese", option, value, "--out", _work });
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_digit_gives_a_pair_of_the_same_class_labelled_0_and_one_of_another_class_labelled_1()
    {
        using var scope = torch.NewDisposeScope();
        // Image i is filled with its own index, so the pairs can be traced back to the digits they hold.
        var classes = new long[] { 3, 1, 3, 7, 1, 3, 7, 7 };
        var images = torch.arange(classes.Length, dtype: torch.float32).reshape(-1, 1, 1, 1).expand(-1, 1, 28, 28).contiguous();
        var pairs = DigitPairs.Make(images, torch.tensor(classes), new Random(3), "training");

        Assert.Equal(2 * classes.Length, pairs.Count);
        var left = pairs.Left[.., 0, 0, 0].data<float>().ToArray().Select(v => (int)v).ToArray();
        var right = pairs.Right[.., 0, 0, 0].data<float>().ToArray().Select(v => (int)v).ToArray();
        var labels = pairs.Labels.data<float>().ToArray();
        for (int i = 0; i < classes.Length; i++)
        {
            Assert.Equal(new[] { i, i }, new[] { left[2 * i], left[(2 * i) + 1] });   // each digit twice, in order
            Assert.Equal(DigitPairs.Same, labels[2 * i]);
            Assert.Equal(classes[i], classes[right[2 * i]]);
            Assert.Equal(DigitPairs.Different, labels[(2 * i) + 1]);
            Assert.NotEqual(classes[i], classes[right[(2 * i) + 1]]);
        }
    }

    [Fact]
    public void Digits_of_one_class_are_refused_with_what_to_do()
    {
        using var scope = torch.NewDisposeScope();
        var error = Assert.Throws<ArgumentException>(() => DigitPairs.Make(torch.zeros(3, 1, 28, 28), torch.tensor(new long[] { 4, 4, 4 }), new Random(1), "validation"));
        Assert.Equal("The validation digits hold 1 class(es); pairs of different digits need at least two. Use more digits (--train-limit).", error.Message);
    }

    private static float[] Distances(InferenceSession session, float[] left, float[] right)
    {
        long[] shape = { left.Length / 784, 1, 28, 28 };
        using var leftValue = OrtValue.CreateTensorValueFromMemory(left, shape);
        using var rightValue = OrtValue.CreateTensorValueFromMemory(right, shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, new[] { "left", "right" }, new[] { leftValue, rightValue }, new[] { "output" });
        Assert.Equal(new long[] { shape[0], 1 }, outputs[0].GetTensorTypeAndShape().Shape);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
