using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Dsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Training;

[Collection(TrainingCollection.Name)]
public sealed class CheckpointTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly LabeledTensors _train = SyntheticDigits.Create(count: 128, size: 12, seed: 16);
    private readonly LabeledTensors _test = SyntheticDigits.Create(count: 64, size: 12, seed: 17);

    public void Dispose()
    {
        _train.Dispose();
        _test.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void Save_then_load_restores_identical_outputs_and_history()
    {
        string path = _folder.File("small.ckpt");
        Tensor expected;
        History saved;
        Trainer.Seed(1);
        using (var model = new SmallDropoutNet())
        using (var trainer = new Trainer(model, Options(epochs: 1)))
        {
            saved = trainer.Fit(_train.Images, _train.Labels, _test.Images, _test.Labels);
            trainer.SaveCheckpoint(path);
            expected = EvalOutput(model);
        }

        Trainer.Seed(2);
        using var restored = new SmallDropoutNet();
        using var restoredTrainer = new Trainer(restored, Options(epochs: 1));
        using (var before = EvalOutput(restored))
            Assert.False(before.Equals(expected)); // guard: a fresh model differs
        var history = restoredTrainer.LoadCheckpoint(path);

        using (expected)
        using (var actual = EvalOutput(restored))
            Assert.True(actual.Equals(expected));
        Assert.Equal(saved.Epochs, history.Epochs);
        Assert.Same(history, restoredTrainer.History);
    }

    [Fact]
    public void Resuming_continues_numbering_and_repeats_the_uninterrupted_run()
    {
        string path = _folder.File("resume.ckpt");
        History uninterrupted;
        Trainer.Seed(3);
        using (var model = new SmallDropoutNet())
        using (var trainer = new Trainer(model, Options(epochs: 4)))
            uninterrupted = trainer.Fit(_train.Images, _train.Labels, _test.Images, _test.Labels);

        Trainer.Seed(3);
        using (var model = new SmallDropoutNet())
        using (var trainer = new Trainer(model, Options(epochs: 2)))
        {
            trainer.EpochCompleted += (_, _) => trainer.SaveCheckpoint(path);
            trainer.Fit(_train.Images, _train.Labels, _test.Images, _test.Labels);
        }

        Trainer.Seed(99); // different initial weights: everything must come from the checkpoint
        using var resumedModel = new SmallDropoutNet();
        using var resumed = new Trainer(resumedModel, Options(epochs: 4));
        var numbers = new List<int>();
        resumed.EpochCompleted += (_, e) => numbers.Add(e.Record.Epoch);
        Assert.True(resumed.TryLoadCheckpoint(path));
        var history = resumed.Fit(_train.Images, _train.Labels, _test.Images, _test.Labels);

        Assert.Equal(new[] { 3, 4 }, numbers);
        Assert.Equal(new[] { 1, 2, 3, 4 }, history.Epochs.Select(e => e.Epoch));
        // Same weights, Adam moments, shuffling and dropout masks: the resumed epochs equal the uninterrupted ones.
        Assert.Equal(Metrics(uninterrupted), Metrics(history));
    }

    public static TheoryData<string> Optimizers => new(ResumeOptimizers.Keys);

    // Every optimizer with its variants' extra state, and schedules resumed in the middle (4 steps per epoch).
    internal static readonly Dictionary<string, OptimizerSettings> ResumeOptimizers = new()
    {
        ["sgd"] = OptimizerSettings.Sgd(0.05),
        ["sgd-nesterov-weight-decay"] = OptimizerSettings.Sgd(0.05, momentum: 0.9, nesterov: true) with { WeightDecay = 0.01 },
        ["adam-amsgrad-clipnorm"] = OptimizerSettings.Adam(amsgrad: true) with { ClipNorm = 1.0 },
        ["adamw"] = OptimizerSettings.AdamW(),
        ["rmsprop-centered-momentum"] = OptimizerSettings.RmsProp(momentum: 0.5, centered: true) with { ClipValue = 0.5 },
        ["adagrad"] = OptimizerSettings.Adagrad(0.05) with { GlobalClipNorm = 2.0 },
        ["nadam"] = OptimizerSettings.Nadam(),
        ["adam-exponential-decay"] = OptimizerSettings.Adam() with { Schedule = new ExponentialDecay(2e-3, decaySteps: 3, decayRate: 0.7) },
        ["sgd-cosine-warmup"] = OptimizerSettings.Sgd(momentum: 0.9) with { Schedule = new CosineDecay(0.0, decaySteps: 10, warmupTarget: 0.1, warmupSteps: 5) },
        ["nadam-piecewise"] = OptimizerSettings.Nadam() with { Schedule = new PiecewiseConstantDecay([6, 9], [2e-3, 1e-3, 5e-4]) },
    };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Resuming_equals_the_uninterrupted_run_bit_for_bit_for_every_optimizer(string name)
    {
        var optimizer = ResumeOptimizers[name];
        string path = _folder.File(name + ".ckpt");
        Tensor expected;
        History uninterrupted;
        long steps;
        double rate;
        Trainer.Seed(30);
        using (var model = new SmallDropoutNet())
        using (var trainer = new Trainer(model, Options(4) with { Optimizer = optimizer }))
        {
            uninterrupted = trainer.Fit(_train.Images, _train.Labels, _test.Images, _test.Labels);
            expected = EvalOutput(model);
            (steps, rate) = (trainer.OptimizerIterations, trainer.LearningRate);
        }

        Trainer.Seed(30);
        using (var model = new SmallDropoutNet())
        using (var trainer = new Trainer(model, Options(2) with { Optimizer = optimizer }))
        {
            trainer.Fit(_train.Images, _train.Labels, _test.Images, _test.Labels);
            trainer.SaveCheckpoint(path);
        }

        Trainer.Seed(31); // other initial weights: everything must come from the checkpoint
        using var resumedModel = new SmallDropoutNet();
        using var resumed = new Trainer(resumedModel, Options(4) with { Optimizer = optimizer });
        resumed.LoadCheckpoint(path);
        Assert.Equal(8, resumed.OptimizerIterations);   // 128 samples in batches of 32, two epochs
        var history = resumed.Fit(_train.Images, _train.Labels, _test.Images, _test.Labels);

        Assert.Equal(MetricsAndRates(uninterrupted), MetricsAndRates(history));
        Assert.Equal((steps, rate), (resumed.OptimizerIterations, resumed.LearningRate));
        using (expected)
        using (var actual = EvalOutput(resumedModel))
            Assert.True(actual.Equals(expected), $"{name}: the resumed model's outputs differ from the uninterrupted run's");
        if (optimizer.Schedule is { } schedule)
            Assert.Equal(new double?[] { schedule.At(0), schedule.At(4), schedule.At(8), schedule.At(12) }, history.LearningRate);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Checkpoints_of_older_formats_are_refused_saying_to_start_a_new_run(int format)
    {
        string path = SaveTrained("old.ckpt", seed: 13, epochs: 1);
        using (var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path)))
        {
            string body = document.RootElement.GetProperty("manifest").GetRawText().Replace("\"format\": 3", $"\"format\": {format}", StringComparison.Ordinal);
            Assert.Contains($"\"format\": {format}", body, StringComparison.Ordinal);
            // Format 1 was the bare manifest; format 2 wrapped it with its SHA-256, as format 3 does.
            string sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(body)));
            File.WriteAllText(path, format == 1 ? body : $"{{ \"manifestSha256\": \"{sha}\", \"manifest\": {body} }}");
        }
        using var model = new SmallDropoutNet();
        using var trainer = new Trainer(model, Options(1));
        using var before = EvalOutput(model);

        var refused = Assert.Throws<InvalidDataException>(() => trainer.LoadCheckpoint(path));

        Assert.Contains($"has format {format}; this version reads format 3 only", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Start a new run: delete the checkpoint or save to another path.", refused.Message, StringComparison.Ordinal);
        Assert.Empty(trainer.History.Epochs);
        using (var after = EvalOutput(model))
            Assert.True(after.Equals(before));
    }

    [Theory]
    [InlineData("weights")]
    [InlineData("optimizer")]
    [InlineData("manifest")]
    public void A_failed_save_leaves_the_previous_checkpoint_intact(string failingFile)
    {
        string path = _folder.File("resume.ckpt");
        Tensor? firstOutput = null;
        List<string>? filesAfterFirstSave = null;
        byte[]? manifest = null;
        Trainer.Seed(4);
        using (var model = new SmallDropoutNet())
        using (var trainer = new Trainer(model, Options(epochs: 2)))
        {
            trainer.EpochCompleted += (_, e) =>
            {
                if (e.Record.Epoch != 1)
                    return;
                trainer.SaveCheckpoint(path);
                firstOutput = EvalOutput(model);
                filesAfterFirstSave = Files();
                manifest = File.ReadAllBytes(path);
            };
            trainer.Fit(_train.Images, _train.Labels);

            // Temporary files: "resume.ckpt.e0002-<hex>.weights.<hex>.tmp", "….optimizer.<hex>.tmp", "resume.ckpt.<hex>.tmp".
            Func<string, bool> fails = failingFile switch
            {
                "weights" => name => name.Contains(".weights.", StringComparison.Ordinal),
                "optimizer" => name => name.Contains(".optimizer.", StringComparison.Ordinal),
                _ => name => System.Text.RegularExpressions.Regex.IsMatch(name, @"^resume\.ckpt\.[0-9a-f]{8}\.tmp$"),
            };
            var error = Assert.Throws<IOException>(() => trainer.SaveCheckpoint(path, file =>
                fails(Path.GetFileName(file)) ? new FailingStream(file, failAfter: 100) : new FileStream(file, FileMode.CreateNew, FileAccess.Write)));

            Assert.Contains("Simulated failure", error.Message, StringComparison.Ordinal);
            Assert.Equal(manifest, File.ReadAllBytes(path));
            Assert.Equal(filesAfterFirstSave, Files()); // no temporary or half-written files left either
        }

        Trainer.Seed(5);
        using var restored = new SmallDropoutNet();
        using var restoredTrainer = new Trainer(restored, Options(epochs: 2));
        Assert.Equal(1, restoredTrainer.LoadCheckpoint(path).Count);
        using (firstOutput)
        using (var actual = EvalOutput(restored))
            Assert.True(actual.Equals(firstOutput!));
    }

    [Fact]
    public void A_new_save_replaces_the_previous_data_files()
    {
        string path = _folder.File("small.ckpt");
        using var model = new SmallDropoutNet();
        using var trainer = new Trainer(model, Options(epochs: 2));
        trainer.EpochCompleted += (_, _) => trainer.SaveCheckpoint(path);
        trainer.Fit(_train.Images, _train.Labels);

        var files = Files();

        Assert.Equal(3, files.Count);
        Assert.Contains("small.ckpt", files);
        Assert.Single(files, f => f.StartsWith("small.ckpt.e0002-", StringComparison.Ordinal) && f.EndsWith(".weights", StringComparison.Ordinal));
        Assert.Single(files, f => f.StartsWith("small.ckpt.e0002-", StringComparison.Ordinal) && f.EndsWith(".optimizer", StringComparison.Ordinal));
    }

    [Fact]
    public void Weights_are_in_TorchSharps_own_format()
    {
        string path = _folder.File("small.ckpt");
        using var model = new SmallDropoutNet();
        using var trainer = new Trainer(model, Options(epochs: 1));
        trainer.SaveCheckpoint(path);
        using var other = new SmallDropoutNet();

        other.load(Directory.GetFiles(_folder.Path, "*.weights").Single());

        using var expected = EvalOutput(model);
        using var actual = EvalOutput(other);
        Assert.True(actual.Equals(expected));
    }

    [Fact]
    public void Loading_a_checkpoint_of_another_model_or_optimizer_fails_clearly()
    {
        string path = _folder.File("tiny.ckpt");
        using (var tiny = new TinyMnistNet())
        using (var trainer = new Trainer(tiny, Options(1)))
            trainer.SaveCheckpoint(path);
        string smallPath = _folder.File("small.ckpt");
        using (var small = new SmallDropoutNet())
        using (var trainer = new Trainer(small, Options(1)))
            trainer.SaveCheckpoint(smallPath);

        using var model = new SmallDropoutNet();
        using var adamTrainer = new Trainer(model, Options(1));
        var wrongModel = Assert.Throws<InvalidOperationException>(() => adamTrainer.LoadCheckpoint(path));
        using var sgdTrainer = new Trainer(model, Options(1) with { Optimizer = OptimizerSettings.Sgd() });
        var wrongOptimizer = Assert.Throws<InvalidOperationException>(() => sgdTrainer.LoadCheckpoint(smallPath));

        Assert.Contains("TinyMnistNet", wrongModel.Message, StringComparison.Ordinal);
        Assert.Contains("SmallDropoutNet", wrongModel.Message, StringComparison.Ordinal);
        Assert.Contains("Adam optimizer state, but this trainer uses SGD", wrongOptimizer.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*.weights")]
    [InlineData("*.optimizer")]
    public void A_damaged_or_missing_checkpoint_is_reported_and_loads_nothing(string damagedFile)
    {
        string path = _folder.File("small.ckpt");
        Trainer.Seed(6);
        using (var saved = new SmallDropoutNet())
        using (var trainer = new Trainer(saved, Options(1)))
            trainer.SaveCheckpoint(path);
        string file = Directory.GetFiles(_folder.Path, damagedFile).Single();
        byte[] bytes = File.ReadAllBytes(file);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(file, bytes);

        Trainer.Seed(7);
        using var model = new SmallDropoutNet();
        using var trainer2 = new Trainer(model, Options(1));
        using var before = EvalOutput(model);
        var damaged = Assert.Throws<InvalidDataException>(() => trainer2.LoadCheckpoint(path));

        Assert.Contains("damaged", damaged.Message, StringComparison.Ordinal);
        using (var after = EvalOutput(model))
            Assert.True(after.Equals(before));
        Assert.False(trainer2.TryLoadCheckpoint(_folder.File("absent.ckpt")));
        Assert.Throws<FileNotFoundException>(() => trainer2.LoadCheckpoint(_folder.File("absent.ckpt")));
    }

    [Theory]
    [InlineData("seed", "seed 8 in the checkpoint, 9 now")]
    [InlineData("batch", "batch size 32 in the checkpoint, 16 now")]
    [InlineData("beta", "optimizer")]
    [InlineData("amsgrad", "Amsgrad = True } in the checkpoint (learning rate aside), AdamSettings {")]
    [InlineData("schedule", "Schedule = ExponentialDecay { InitialLearningRate = 0.001, DecaySteps = 10, DecayRate = 0.5, Staircase = False }, Beta1 = 0.9")]
    public void A_checkpoint_of_a_run_with_other_settings_is_refused_saying_which(string change, string fragment)
    {
        string path = SaveTrained("settings.ckpt", seed: 10, epochs: 2, change == "amsgrad" ? OptimizerSettings.Adam(amsgrad: true) : null);
        var other = change switch
        {
            "seed" => Options(2) with { Seed = 9 },
            "batch" => Options(2) with { BatchSize = 16 },
            "amsgrad" => Options(2),
            "schedule" => Options(2) with { Optimizer = OptimizerSettings.Adam() with { Schedule = new ExponentialDecay(1e-3, 10, 0.5) } },
            _ => Options(2) with { Optimizer = OptimizerSettings.Adam(beta1: 0.8) },
        };
        using var model = new SmallDropoutNet();
        using var resumed = new Trainer(model, other);
        using var before = EvalOutput(model);

        var refused = Assert.Throws<InvalidOperationException>(() => resumed.LoadCheckpoint(path));

        Assert.Contains("was saved by a run with other settings", refused.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, refused.Message, StringComparison.Ordinal);
        Assert.Empty(resumed.History.Epochs);
        using (var after = EvalOutput(model))
            Assert.True(after.Equals(before));
    }

    [Fact]
    public void Another_learning_rate_resumes_and_other_training_data_is_refused()
    {
        string path = SaveTrained("data.ckpt", seed: 11, epochs: 2);
        using var model = new SmallDropoutNet();
        using var resumed = new Trainer(model, Options(3) with { Optimizer = OptimizerSettings.Adam(learningRate: 5e-4) });
        Assert.Equal(2, resumed.LoadCheckpoint(path).Count);

        using var fewer = _train.Labels.narrow(0, 0, 96);
        using var fewerImages = _train.Images.narrow(0, 0, 96);
        var refused = Assert.Throws<InvalidOperationException>(() => resumed.Fit(fewerImages, fewer));
        Assert.Contains("were trained on other data (128 samples", refused.Message, StringComparison.Ordinal);
        Assert.Contains("than this Fit gives (96 samples", refused.Message, StringComparison.Ordinal);
        using var relabelled = _train.Labels.flip(0);
        Assert.Throws<InvalidOperationException>(() => resumed.Fit(_train.Images, relabelled));

        Assert.Equal(3, resumed.Fit(_train.Images, _train.Labels).Count);
    }

    [Fact]
    public void An_edited_manifest_is_damaged_like_an_edited_weights_file()
    {
        string path = SaveTrained("edited.ckpt", seed: 12, epochs: 1);
        string text = File.ReadAllText(path);
        var loss = System.Text.RegularExpressions.Regex.Match(text, "\"loss\": ([0-9.eE+-]+)");
        Assert.True(loss.Success, text);
        File.WriteAllText(path, text.Remove(loss.Groups[1].Index, loss.Groups[1].Length).Insert(loss.Groups[1].Index, "0.001"));

        using var model = new SmallDropoutNet();
        using var resumed = new Trainer(model, Options(1));
        var damaged = Assert.Throws<InvalidDataException>(() => resumed.LoadCheckpoint(path));
        Assert.Contains("its manifest (history, settings, file list) does not match the SHA-256", damaged.Message, StringComparison.Ordinal);
        Assert.Empty(resumed.History.Epochs);
    }

    /// <summary>A checkpoint of SmallDropoutNet trained for <paramref name="epochs"/> on the training data.</summary>
    private string SaveTrained(string file, int seed, int epochs, OptimizerSettings? optimizer = null)
    {
        string path = _folder.File(file);
        Trainer.Seed(seed);
        using var saved = new SmallDropoutNet();
        using var trainer = new Trainer(saved, optimizer is null ? Options(epochs) : Options(epochs) with { Optimizer = optimizer });
        trainer.Fit(_train.Images, _train.Labels);
        trainer.SaveCheckpoint(path);
        return path;
    }

    private List<string> Files() => Directory.GetFiles(_folder.Path).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToList();

    private static TrainerOptions Options(int epochs) => TestOptions.Create(epochs, batchSize: 32, seed: 8);

    private Tensor EvalOutput(nn.Module model)
    {
        bool training = model.training;
        model.eval();
        using var noGrad = torch.no_grad();
        var output = model.forward(_test.Images);
        model.train(training);
        return output;
    }

    private static IEnumerable<(int, double, double?, double?, double?)> Metrics(History history) =>
        history.Epochs.Select(e => (e.Epoch, e.Loss, e.Accuracy, e.ValidationLoss, e.ValidationAccuracy)).ToArray();

    private static IEnumerable<(int, double, double?, double?, double?, double?)> MetricsAndRates(History history) =>
        history.Epochs.Select(e => (e.Epoch, e.Loss, e.Accuracy, e.ValidationLoss, e.ValidationAccuracy, e.LearningRate)).ToArray();
}
