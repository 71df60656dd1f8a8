using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.ML.OnnxRuntime;
using Samples.Mnist.Addition;
using TorchSharp;

namespace Mnist.Tests;

/// <summary>
/// <c>addition</c>: Keras's sequence-to-sequence LSTM, trained on problems the command makes, gets more characters of
/// the answers right than guessing each position's most common character, prints Keras's parameter figures and the
/// exact-match accuracy, and writes an ONNX model whose answers ONNX Runtime computes as the command printed them;
/// bad arguments are a message and exit code 1.
/// </summary>
[Collection(InProcessCollection.Name)]
public sealed class AdditionTests : IDisposable
{
    private const int Epochs = 10;

    private readonly string _work = Directory.CreateTempSubdirectory("dsl-addition-").FullName;

    [Fact]
    public async Task The_model_learns_characters_of_the_sums_and_exports_a_model_that_answers_as_it_printed()
    {
        var result = await InProcessRun.RunAsync(new[] { "addition", "--training-size", "1500", "--epochs", Epochs.ToString(CultureInfo.InvariantCulture), "--lr", "0.01", "--out", _work });
        Assert.True(result.ExitCode == 0, result.ToString());
        // The figures Keras's example prints (keras-io examples/nlp/md/addition_rnn.md): 72,192 + 131,584 + 1,548.
        Assert.Contains("Total params: 205,324", result.Output, StringComparison.Ordinal);
        Assert.Contains("Training data: (1350, 7, 12) questions (reversed), (1350, 4, 12) answers; validation: 150 problems", result.Output, StringComparison.Ordinal);

        var losses = Regex.Matches(result.Output, $@"Epoch \d+/{Epochs} .* - loss: (\d+\.\d+)").Select(m => Number(m.Groups[1].Value)).ToArray();
        Assert.Equal(Epochs, losses.Length);
        Assert.True(losses[^1] < losses[0] * 0.8, $"training losses {string.Join(", ", losses)}");

        var summary = Regex.Match(result.Output, @"Validation problems: 150, exact match \(whole answer right\) (\d+\.\d+) %, per character (\d+\.\d+) % \(each position's most common character: (\d+\.\d+) %\)");
        Assert.True(summary.Success, result.Output);
        double exact = Number(summary.Groups[1].Value), perCharacter = Number(summary.Groups[2].Value), guessing = Number(summary.Groups[3].Value);
        Assert.InRange(exact, 0, 100);
        // 600 characters: guessing's score has a standard deviation of about 2 points; the margin is several of them.
        Assert.True(perCharacter >= guessing + MarginPoints, $"per character {perCharacter} %, guessing {guessing} %");

        // The ten printed problems, answered again by the exported model in ONNX Runtime.
        var examples = Regex.Matches(result.Output, @"^Q (\d+\+\d+) +T (.{4}) \[(right|wrong)\] (.{4})$", RegexOptions.Multiline);
        Assert.Equal(10, examples.Count);
        foreach (Match example in examples)
        {
            var numbers = example.Groups[1].Value.Split('+').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal((numbers[0] + numbers[1]).ToString(CultureInfo.InvariantCulture).PadRight(4), example.Groups[2].Value);
            Assert.Equal(example.Groups[2].Value == example.Groups[4].Value ? "right" : "wrong", example.Groups[3].Value);
        }
        var table = new CharacterTable(AdditionProblems.Characters);
        var questions = examples.Select(e => new string(e.Groups[1].Value.PadRight(AdditionProblems.QueryLength).Reverse().ToArray())).ToArray();
        using var scope = torch.NewDisposeScope();
        var x = table.Encode(questions, AdditionProblems.QueryLength);
        using var session = new InferenceSession(Path.Combine(_work, "AdditionRnn.onnx"));
        using var input = OrtValue.CreateTensorValueFromMemory(x.contiguous().data<float>().ToArray(), x.shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, new[] { "input" }, new[] { input }, new[] { "output" });
        Assert.Equal(new long[] { 10, 4, 12 }, outputs[0].GetTensorTypeAndShape().Shape);
        var answers = table.Decode(torch.tensor(outputs[0].GetTensorDataAsSpan<float>().ToArray()).reshape(10, 4, 12));
        Assert.Equal(examples.Select(e => e.Groups[4].Value), answers);
    }

    [Theory]
    [InlineData("--training-size", "10", "--training-size must be between 20 and 200,000, not '10'.")]
    [InlineData("--training-size", "300000", "--training-size must be between 20 and 200,000, not '300000'.")]
    [InlineData("--epochs", "0", "--epochs")]
    public async Task Bad_arguments_are_a_message_and_exit_code_1(string option, string value, string message)
    {
        var result = await InProcessRun.RunAsync(new[] { "addition", option, value, "--out", _work });
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    /// <summary>How far above guessing the per-character accuracy must be, in percentage points.</summary>
    private const double MarginPoints = 8;

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
