using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Dsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Training;

/// <summary>
/// A run interrupted in the middle of an epoch and resumed (from a checkpoint, from BackupAndRestore's backup, or by
/// calling Fit again on the same trainer) ends with the weights, optimizer state and history of the uninterrupted run,
/// bit for bit: the finished batches of the same permutation are skipped, the epoch's running totals continue, and the
/// random generators (dropout, augmentation layers with and without a seed) continue from the last completed step.
/// 128 samples in batches of 32: 4 steps per epoch, 3 epochs.
/// </summary>
[Collection(TrainingCollection.Name)]
public sealed class MidEpochResumeTests : IDisposable
{
    private const int Epochs = 3;
    private readonly TemporaryFolder _folder = new();
    private readonly LabeledTensors _train = SyntheticDigits.Create(count: 128, size: 12, seed: 16);
    private readonly LabeledTensors _test = SyntheticDigits.Create(count: 64, size: 12, seed: 17);

    public void Dispose()
    {
        _train.Dispose();
        _test.Dispose();
        _folder.Dispose();
    }

    public static TheoryData<string> Optimizers => new(CheckpointTests.ResumeOptimizers.Keys);

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void A_run_cancelled_mid_epoch_resumes_from_its_checkpoint_bit_for_bit_for_every_optimizer(string name)
    {
        var optimizer = CheckpointTests.ResumeOptimizers[name];
        var expected = Uninterrupted(() => new SmallDropoutNet(), optimizer, Tensors);
        string path = _folder.File(name + ".ckpt");

        // Cancelled after step 6: epoch 2, step 2 of 4.
        Trainer.Seed(30);
        using (var model = new SmallDropoutNet())
        using (var trainer = new Trainer(model, Options(optimizer)))
        {
            using var cancel = new CancellationTokenSource();
            trainer.Callbacks.Add(new CancelAt(6, cancel));
            Assert.Throws<OperationCanceledException>(() => trainer.Fit(Tensors(), null, null, cancel.Token));
            Assert.Equal(new PartialEpoch(2, 2, 64), trainer.PartialEpoch);
            Assert.Equal(1, trainer.History.Count);
            trainer.SaveCheckpoint(path);
        }

        Trainer.Seed(31); // other initial weights, other global generator: everything must come from the checkpoint
        using var resumedModel = new SmallDropoutNet();
        using var resumed = new Trainer(resumedModel, Options(optimizer));
        resumed.LoadCheckpoint(path);
        Assert.Equal(new PartialEpoch(2, 2, 64), resumed.PartialEpoch);
        Assert.Equal(6, resumed.OptimizerIterations);
        var progress = new RecordingProgress();
        var history = resumed.Fit(Tensors(), null, progress);

        expected.AssertEqual(resumed, resumedModel, history, _test.Images, name);
        Assert.Null(resumed.PartialEpoch);
        // The resumed epoch ran its last two steps only.
        Assert.Equal(new[] { 3, 4 }, progress.Batches.Where(b => b.Plan.Epoch == 2).Select(b => b.Step));
        if (optimizer.Schedule is { } schedule)
            Assert.Equal(new double?[] { schedule.At(0), schedule.At(4), schedule.At(8) }, history.LearningRate);
    }

    [Fact]
    public void Fit_again_on_the_cancelled_trainer_continues_the_epoch()
    {
        var optimizer = OptimizerSettings.Adam();
        var expected = Uninterrupted(() => new SmallDropoutNet(), optimizer, Tensors);

        Trainer.Seed(30);
        using var model = new SmallDropoutNet();
        using var trainer = new Trainer(model, Options(optimizer));
        using var cancel = new CancellationTokenSource();
        trainer.Callbacks.Add(new CancelAt(3, cancel));
        Assert.Throws<OperationCanceledException>(() => trainer.Fit(Tensors(), null, null, cancel.Token));
        Assert.Equal(new PartialEpoch(1, 3, 96), trainer.PartialEpoch);
        trainer.Callbacks.Clear();
        var history = trainer.Fit(Tensors());

        expected.AssertEqual(trainer, model, history, _test.Images, "in memory");
    }

    [Fact]
    public void Seeded_and_unseeded_augmentation_resume_mid_epoch_and_between_epochs()
    {
        var optimizer = OptimizerSettings.Adam();
        var expected = Uninterrupted(() => new AugmentedDropoutNet(), optimizer, Tensors);
        foreach (int cancelAt in new[] { 4, 7 })
        {
            string path = _folder.File($"augmented-{cancelAt}.ckpt");
            Trainer.Seed(30);
            using (var model = new AugmentedDropoutNet())
            using (var trainer = new Trainer(model, Options(optimizer)))
            {
                using var cancel = new CancellationTokenSource();
                trainer.Callbacks.Add(new CancelAt(cancelAt, cancel));
                Assert.Throws<OperationCanceledException>(() => trainer.Fit(Tensors(), null, null, cancel.Token));
                trainer.SaveCheckpoint(path);
            }

            Trainer.Seed(31);
            using var resumedModel = new AugmentedDropoutNet(); // its seeded rotation starts over: the checkpoint's state must replace it
            using var resumed = new Trainer(resumedModel, Options(optimizer));
            resumed.LoadCheckpoint(path);
            // After step 4 the epoch is done (a boundary); after step 7, epoch 2 stands at step 3.
            Assert.Equal(cancelAt == 4 ? null : new PartialEpoch(2, 3, 96), resumed.PartialEpoch);
            var history = resumed.Fit(Tensors());
            expected.AssertEqual(resumed, resumedModel, history, _test.Images, $"cancelled after step {cancelAt}");
        }
    }

    [Fact]
    public void A_streaming_dataset_resumes_from_BackupAndRestore_saved_when_cancelled()
    {
        var optimizer = OptimizerSettings.RmsProp();
        using var dataset = new TensorPairs(_train.Images, _train.Labels);
        TrainingData Stream() => TrainingData.FromDataset(dataset, ["image"], ["label"]);
        var expected = Uninterrupted(() => new AugmentedDropoutNet(), optimizer, Stream);
        string backup = Path.Combine(_folder.Path, "backup");

        Trainer.Seed(30);
        using (var model = new AugmentedDropoutNet())
        using (var trainer = new Trainer(model, Options(optimizer)))
        {
            using var cancel = new CancellationTokenSource();
            trainer.Callbacks.Add(new BackupAndRestore(backup));
            trainer.Callbacks.Add(new CancelAt(10, cancel));
            Assert.Throws<OperationCanceledException>(() => trainer.Fit(Stream(), null, null, cancel.Token));
        }
        Assert.True(File.Exists(Path.Combine(backup, BackupAndRestore.FileName)));

        Trainer.Seed(31);
        using var resumedModel = new AugmentedDropoutNet();
        using var resumed = new Trainer(resumedModel, Options(optimizer));
        var restore = new BackupAndRestore(backup);
        resumed.Callbacks.Add(restore);
        var history = resumed.Fit(Stream());

        Assert.True(restore.Restored);
        expected.AssertEqual(resumed, resumedModel, history, _test.Images, "dataset");
        // The run ended normally: the backup is gone, so the next run starts afresh.
        Assert.Empty(Directory.EnumerateFileSystemEntries(backup));
    }

    [Theory]
    [InlineData(3, 8)]   // saved after steps 3 and 6; resumes at epoch 2, step 3
    [InlineData(4, 6)]   // saved after step 4, the last of epoch 1, before its validation and callbacks; resumes by finishing epoch 1
    public void BackupAndRestore_with_a_step_frequency_survives_a_crash_between_saves(int saveFreq, int crashAt)
    {
        var optimizer = OptimizerSettings.Nadam() with { Schedule = new ExponentialDecay(2e-3, decaySteps: 3, decayRate: 0.7) };
        var expected = Uninterrupted(() => new SmallDropoutNet(), optimizer, Tensors, validate: true);
        string backup = Path.Combine(_folder.Path, "crash");

        // The "crash" is an exception after step crashAt, not a cancellation: nothing is saved on the way out.
        Trainer.Seed(30);
        using (var model = new SmallDropoutNet())
        using (var trainer = new Trainer(model, Options(optimizer)))
        {
            trainer.Callbacks.Add(new BackupAndRestore(backup, saveFreq: saveFreq));
            trainer.Callbacks.Add(new ThrowAt(crashAt));
            Assert.Throws<IOException>(() => trainer.Fit(Tensors(), validation: TrainingData.FromTensors(_test.Images, _test.Labels)));
        }

        Trainer.Seed(31);
        using var resumedModel = new SmallDropoutNet();
        using var resumed = new Trainer(resumedModel, Options(optimizer));
        var restore = new BackupAndRestore(backup, saveFreq: saveFreq);
        resumed.Callbacks.Add(restore);
        var steps = new StepLog();
        resumed.Callbacks.Add(steps);
        var history = resumed.Fit(Tensors(), validation: TrainingData.FromTensors(_test.Images, _test.Labels));

        Assert.True(restore.Restored);
        // Every step after the last backup runs again, and none before it.
        int saved = crashAt / saveFreq * saveFreq;
        var rerun = Enumerable.Range(saved + 1, 12 - saved).Select(g => (((g - 1) / 4) + 1, ((g - 1) % 4) + 1));
        Assert.Equal(rerun, steps.Steps);
        expected.AssertEqual(resumed, resumedModel, history, _test.Images, $"crash after step {crashAt}");
    }

    [Fact]
    public void A_checkpoint_whose_position_disagrees_with_its_history_is_refused()
    {
        string path = _folder.File("edited.ckpt");
        Trainer.Seed(30);
        using (var model = new SmallDropoutNet())
        using (var trainer = new Trainer(model, Options(OptimizerSettings.Adam())))
        {
            using var cancel = new CancellationTokenSource();
            trainer.Callbacks.Add(new CancelAt(6, cancel));
            Assert.Throws<OperationCanceledException>(() => trainer.Fit(Tensors(), null, null, cancel.Token));
            trainer.SaveCheckpoint(path);
        }
        var manifest = CheckpointFiles.ReadManifest(path);
        Assert.Equal(2, manifest.Position!.Epoch);
        Assert.Equal(2, manifest.Position.Steps);

        // Edited to a position in epoch 3 (history of 1 epoch), its manifest checksum made to match: not a state any run can be in.
        string edited = _folder.File("edited-2.ckpt");
        foreach (var file in Directory.EnumerateFiles(_folder.Path, "edited.ckpt.*"))
            File.Copy(file, Path.Combine(_folder.Path, "edited-2.ckpt" + Path.GetFileName(file)["edited.ckpt".Length..]));
        var document = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
        var body = document["manifest"]!;
        body["position"]!["epoch"] = 3;
        body["weightsFile"] = body["weightsFile"]!.GetValue<string>().Replace("edited.ckpt", "edited-2.ckpt", StringComparison.Ordinal);
        body["optimizerFile"] = body["optimizerFile"]!.GetValue<string>().Replace("edited.ckpt", "edited-2.ckpt", StringComparison.Ordinal);
        string text = body.ToJsonString();
        string sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
        File.WriteAllText(edited, $"{{\"manifestSha256\": \"{sha}\", \"manifest\": {text}}}");

        Trainer.Seed(30);
        using var other = new SmallDropoutNet();
        using var reader = new Trainer(other, Options(OptimizerSettings.Adam()));
        var error = Assert.Throws<InvalidDataException>(() => reader.LoadCheckpoint(edited));
        Assert.Contains("step 2 of epoch 3", error.Message);
        Assert.Contains("history holds 1 epochs", error.Message);
    }

    private TrainingData Tensors() => TrainingData.FromTensors(_train.Images, _train.Labels);

    private static TrainerOptions Options(OptimizerSettings optimizer) => TestOptions.Create(Epochs, batchSize: 32, seed: 8) with { Optimizer = optimizer };

    private Expected Uninterrupted(Func<nn.Module> create, OptimizerSettings optimizer, Func<TrainingData> data, bool validate = false)
    {
        Trainer.Seed(30);
        using var model = create();
        using var trainer = new Trainer(model, Options(optimizer));
        var history = trainer.Fit(data(), validate ? TrainingData.FromTensors(_test.Images, _test.Labels) : null);
        return new Expected(history, EvalOutput(model, _test.Images), trainer.OptimizerIterations, trainer.LearningRate);
    }

    private static Tensor EvalOutput(nn.Module model, Tensor images)
    {
        bool training = model.training;
        model.eval();
        using var noGrad = torch.no_grad();
        var output = model.forward(images);
        model.train(training);
        return output.DetachFromDisposeScope();
    }

    /// <summary>What the uninterrupted run ended with.</summary>
    private sealed record Expected(History History, Tensor Output, long Iterations, double LearningRate)
    {
        public void AssertEqual(Trainer trainer, nn.Module model, History history, Tensor images, string what)
        {
            // Every log of every epoch (loss, accuracy, learning rate) exactly; the seconds differ.
            Assert.Equal(Logs(History), Logs(history));
            Assert.Equal((Iterations, LearningRate), (trainer.OptimizerIterations, trainer.LearningRate));
            using var actual = EvalOutput(model, images);
            Assert.True(actual.Equals(Output), $"{what}: the resumed model's outputs differ from the uninterrupted run's");
        }

        private static List<(int, double?, string)> Logs(History history) => history.Epochs
            .Select(e => (e.Epoch, e.LearningRate, string.Join(", ", e.Logs.Select(l => $"{l.Key}={l.Value:R}"))))
            .ToList();
    }

    /// <summary>Cancels the run after optimizer step <paramref name="step"/>, as Ctrl-C would between two steps.</summary>
    private sealed class CancelAt(long step, CancellationTokenSource cancel) : Callback
    {
        public override void OnTrainBatchEnd(CallbackContext context, int epoch, int stepInEpoch)
        {
            if (context.OptimizerIterations == step)
                cancel.Cancel();
        }
    }

    /// <summary>Fails at optimizer step <paramref name="step"/>, as a crash would (nothing saved on the way out).</summary>
    private sealed class ThrowAt(long step) : Callback
    {
        public override void OnTrainBatchEnd(CallbackContext context, int epoch, int stepInEpoch)
        {
            if (context.OptimizerIterations == step)
                throw new IOException("the machine went away");
        }
    }

    /// <summary>Records (epoch, step) of every step run.</summary>
    private sealed class StepLog : Callback
    {
        public List<(int, int)> Steps { get; } = new();

        public override void OnTrainBatchEnd(CallbackContext context, int epoch, int step) => Steps.Add((epoch, step));
    }

    /// <summary>A map-style dataset over two tensors.</summary>
    private sealed class TensorPairs(Tensor images, Tensor labels) : utils.data.Dataset
    {
        public override long Count => images.shape[0];

        public override Dictionary<string, Tensor> GetTensor(long index) =>
            new() { ["image"] = images[index].clone(), ["label"] = labels[index].clone() };
    }
}
