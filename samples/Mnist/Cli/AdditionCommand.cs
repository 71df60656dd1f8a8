using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Dsl.Reporting;
using Dsl.Training;
using Samples.Mnist.Addition;
using Samples.Mnist.Experiment;
using static TorchSharp.torch;

namespace Samples.Mnist.Cli;

/// <summary>
/// <c>addition</c>: Keras's example "Sequence to sequence learning for performing number addition". The problems are
/// made in code ("535+61" → "596", the question reversed unless <c>--no-reverse</c>), 10% of them set apart for
/// validation as the example does; the model learns one character of the answer per step with categorical
/// cross-entropy, and the command reports the answers it gets wholly right (exact match) beside the characters it gets
/// right, and what guessing each position's most common character would score.
/// </summary>
internal static class AdditionCommand
{
    public static Command Create()
    {
        var trainingSize = new Option<int>("--training-size") { Description = "Problems to make, a tenth of them for validation (Keras's example: 50,000).", DefaultValueFactory = _ => 50_000, CustomParser = r => Parse.Int(r, 20, AdditionProblems.MaximumCount, "between 20 and " + AdditionProblems.MaximumCount.ToString("N0", CultureInfo.InvariantCulture)) };
        var epochs = new Option<int>("--epochs") { Description = "Epochs (Keras's example trains 29).", DefaultValueFactory = _ => 29, CustomParser = r => Parse.Int(r, 1, 100_000, "at least 1") };
        var batchSize = new Option<int>("--batch-size") { Description = "Problems per batch (Keras's example: 32).", DefaultValueFactory = _ => 32, CustomParser = r => Parse.Int(r, 1, 1_000_000, "at least 1") };
        var learningRate = new Option<double>("--lr") { Description = "Adam's learning rate (Keras's default, which the example uses: 0.001).", DefaultValueFactory = _ => 1e-3, CustomParser = Parse.LearningRate };
        var noReverse = new Option<bool>("--no-reverse") { Description = "Feed the questions as written instead of reversed (the example reverses them: shorter dependencies between question and answer)." };
        var seed = new Option<int>("--seed") { Description = "Seed for the problems, the initial weights and shuffling.", DefaultValueFactory = _ => 42 };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Folder for the model (default: runs/addition-<timestamp>)." };

        var command = new Command("addition", "Train Keras's sequence-to-sequence LSTM to add numbers given as text (\"535+61\" -> \"596\").")
        {
            trainingSize, epochs, batchSize, learningRate, noReverse, seed, output,
        };
        command.SetAction(parse => CommandErrors.Run(() => Run(
            parse.GetValue(trainingSize), parse.GetValue(epochs), parse.GetValue(batchSize), parse.GetValue(learningRate), !parse.GetValue(noReverse), parse.GetValue(seed),
            parse.GetValue(output)?.FullName ?? Path.Combine("runs", "addition-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)))));
        return command;
    }

    private static int Run(int trainingSize, int epochs, int batchSize, double learningRate, bool reverse, int seed, string outputDirectory)
    {
        OutputFolder.EnsureWritable(outputDirectory, "--out");
        using var scope = NewDisposeScope();
        var problems = AdditionProblems.Make(trainingSize, reverse, new Random(seed));
        // The example's split: the last tenth for validation, never trained on.
        int splitAt = problems.Count - (problems.Count / 10);
        var train = problems.Slice(0, splitAt);
        var validation = problems.Slice(splitAt, problems.Count - splitAt);
        var table = new CharacterTable(AdditionProblems.Characters);
        var x = table.Encode(train.Questions, AdditionProblems.QueryLength);
        var y = table.Encode(train.Answers, AdditionProblems.AnswerLength);
        var validationX = table.Encode(validation.Questions, AdditionProblems.QueryLength);
        var validationY = table.Encode(validation.Answers, AdditionProblems.AnswerLength);

        Trainer.Seed(seed);
        using var model = new AdditionRnn();
        Console.WriteLine(AdditionRnn.Summary);
        using var trainer = new Trainer(model, new TrainerOptions
        {
            Epochs = epochs,
            BatchSize = batchSize,
            Seed = seed,
            Optimizer = OptimizerSettings.Adam(learningRate),
            Loss = Loss.CategoricalCrossentropy(),
            // Keras's "accuracy" here is categorical accuracy per step: the characters right.
            Metrics = new[] { Metric.CategoricalAccuracy(name: "accuracy"), ExactMatch() },
        });
        trainer.Log = Console.WriteLine;
        Console.WriteLine($"Training data: ({x.shape[0]}, {x.shape[1]}, {x.shape[2]}) questions{(reverse ? " (reversed)" : "")}, ({y.shape[0]}, {y.shape[1]}, {y.shape[2]}) answers; validation: {validationX.shape[0]} problems");
        trainer.Fit(x, y, validationX, validationY, ConsoleProgress.Create());

        var evaluation = trainer.Evaluate(validationX, validationY);
        double baseline = MostCommonCharacterAccuracy(train.Answers, validation.Answers);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Validation problems: {validation.Count}, exact match (whole answer right) {evaluation.Get("exact_match"):P2}, per character {evaluation.Accuracy:P2} (each position's most common character: {baseline:P2})"));

        var guesses = table.Decode(trainer.PredictOutputs(validationX)[0]);
        for (int i = 0; i < Math.Min(10, validation.Count); i++)
        {
            bool right = guesses[i] == validation.Answers[i];
            Console.WriteLine($"Q {validation.Readable(i),-7} T {validation.Answers[i]} {(right ? "[right]" : "[wrong]")} {guesses[i]}");
        }

        string onnx = Path.Combine(outputDirectory, "AdditionRnn.onnx");
        ((Dsl.IGeneratedModel)model).ExportOnnx(onnx);
        Console.WriteLine($"Wrote {onnx}");
        return 0;
    }

    /// <summary>The share of problems whose every character is right: the best character at each step against the one-hot answer.</summary>
    private static Metric ExactMatch() =>
        Metric.Mean("exact_match", (target, output) => output.argmax(-1).eq(target.argmax(-1)).all(-1).to_type(ScalarType.Float32), higherIsBetter: true);

    /// <summary>What guessing scores: each answer position's most common character in the training answers, against the validation answers.</summary>
    private static double MostCommonCharacterAccuracy(System.Collections.Generic.IReadOnlyList<string> train, System.Collections.Generic.IReadOnlyList<string> validation)
    {
        var common = Enumerable.Range(0, AdditionProblems.AnswerLength)
            .Select(i => train.GroupBy(a => a[i]).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key)
            .ToArray();
        long hits = validation.Sum(a => (long)Enumerable.Range(0, AdditionProblems.AnswerLength).Count(i => a[i] == common[i]));
        return (double)hits / (validation.Count * (long)AdditionProblems.AnswerLength);
    }
}
