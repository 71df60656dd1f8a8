using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Dsl.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Training;

[Collection(TrainingCollection.Name)]
public sealed class LearningTests
{
    public static TheoryData<string> Optimizers => new() { "adam", "sgd" };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Loss_falls_and_accuracy_rises_on_a_learnable_task(string optimizer)
    {
        var settings = optimizer == "adam"
            ? (OptimizerSettings)OptimizerSettings.Adam()
            : OptimizerSettings.Sgd(learningRate: 0.05, momentum: 0.9, nesterov: true);
        using var train = SyntheticDigits.Create(count: 512, size: 12, seed: 1);
        using var test = SyntheticDigits.Create(count: 256, size: 12, seed: 2);
        Trainer.Seed(1);
        using var model = new SmallDropoutNet();
        using var trainer = new Trainer(model, TestOptions.Create(epochs: 8, batchSize: 16, seed: 1, optimizer: settings));
        var before = trainer.Evaluate(test.Images, test.Labels);

        var history = trainer.Fit(train.Images, train.Labels, test.Images, test.Labels);

        Assert.Equal(8, history.Count);
        Assert.Equal(Enumerable.Range(1, 8), history.Epochs.Select(e => e.Epoch));
        Assert.True(history.Loss[^1] < history.Loss[0] / 2, $"training loss {string.Join(", ", history.Loss)}");
        Assert.True(history.Accuracy[^1] > history.Accuracy[0], $"training accuracy {string.Join(", ", history.Accuracy)}");
        Assert.True(history.Accuracy[^1] > 0.9, $"training accuracy {string.Join(", ", history.Accuracy)}");
        Assert.True(history.ValidationAccuracy[^1] > 0.9, $"validation accuracy {string.Join(", ", history.ValidationAccuracy)}");
        Assert.True(before.Accuracy < 0.3, $"untrained accuracy {before.Accuracy}");
        var after = trainer.Evaluate(test.Images, test.Labels);
        Assert.Equal(history.ValidationLoss[^1]!.Value, after.Loss, 6);
    }

    [Fact]
    public void The_same_seed_gives_the_same_history_and_another_seed_another()
    {
        using var train = SyntheticDigits.Create(count: 256, size: 12, seed: 3);
        using var test = SyntheticDigits.Create(count: 128, size: 12, seed: 4);

        var first = Run(optionsSeed: 5);
        var second = Run(optionsSeed: 5);
        var otherShuffle = Run(optionsSeed: 6);

        Assert.Equal(Metrics(first), Metrics(second));
        Assert.NotEqual(Metrics(first), Metrics(otherShuffle));

        History Run(int optionsSeed)
        {
            Trainer.Seed(9); // same initial weights every time: only TrainerOptions.Seed differs
            using var model = new SmallDropoutNet();
            using var trainer = new Trainer(model, TestOptions.Create(epochs: 3, seed: optionsSeed));
            return trainer.Fit(train.Images, train.Labels, test.Images, test.Labels);
        }
    }

    [Fact]
    public void Evaluation_turns_dropout_off_and_restores_the_mode()
    {
        using var data = SyntheticDigits.Create(count: 64, size: 12, seed: 5);
        Trainer.Seed(2);
        using var model = new SmallDropoutNet();
        using var trainer = new Trainer(model, TestOptions.Create());
        model.train();

        // Guard: in training mode dropout makes two passes differ, so equal evaluations below mean dropout was off.
        using (var first = model.forward(data.Images))
        using (var second = model.forward(data.Images))
            Assert.False(first.Equals(second));

        var a = trainer.Evaluate(data.Images, data.Labels, batchSize: 16);
        var b = trainer.Evaluate(data.Images, data.Labels, batchSize: 64);

        Assert.Equal(a.Loss, b.Loss, 5);
        Assert.Equal(a.Accuracy, b.Accuracy);
        Assert.Equal(a, trainer.Evaluate(data.Images, data.Labels, batchSize: 16));
        Assert.True(model.training);
    }

    [Fact]
    public void Fit_trains_in_training_mode_and_validates_in_evaluation_mode_without_gradients()
    {
        using var train = SyntheticDigits.Create(count: 100, size: 12, seed: 6);
        using var test = SyntheticDigits.Create(count: 50, size: 12, seed: 7);
        using var model = new ModeRecorder();
        model.eval();
        using var trainer = new Trainer(model, TestOptions.Create(epochs: 2) with { EvaluationBatchSize = 32 });

        trainer.Fit(train.Images, train.Labels, test.Images, test.Labels);

        // Per epoch: 4 training batches (32, 32, 32, 4) with gradients, then 2 validation batches (32, 18) without.
        var epoch = Enumerable.Repeat((true, true), 4).Concat(Enumerable.Repeat((false, false), 2));
        Assert.Equal(epoch.Concat(epoch), model.Calls);
        Assert.False(model.training); // restored
    }

    [Fact]
    public void Fit_continues_from_the_last_epoch_up_to_Epochs()
    {
        using var data = SyntheticDigits.Create(count: 64, size: 12, seed: 8);
        using var model = new SmallDropoutNet();
        using var trainer = new Trainer(model, TestOptions.Create(epochs: 2));
        var seen = new List<int>();
        trainer.EpochCompleted += (_, e) => seen.Add(e.Record.Epoch);

        var first = trainer.Fit(data.Images, data.Labels);
        var again = trainer.Fit(data.Images, data.Labels);

        Assert.Equal(new[] { 1, 2 }, seen);
        Assert.Same(first, again);
        Assert.Same(first, trainer.History);
    }

    [Fact]
    public void Cancelling_stops_before_the_next_batch_and_keeps_completed_epochs()
    {
        using var data = SyntheticDigits.Create(count: 64, size: 12, seed: 9);
        using var model = new SmallDropoutNet();
        using var trainer = new Trainer(model, TestOptions.Create(epochs: 5, batchSize: 16));
        using var cancellation = new CancellationTokenSource();
        trainer.EpochCompleted += (_, e) =>
        {
            if (e.Record.Epoch == 2)
                cancellation.Cancel();
        };

        Assert.ThrowsAny<OperationCanceledException>(() => trainer.Fit(data.Images, data.Labels, cancellationToken: cancellation.Token));

        Assert.Equal(2, trainer.History.Count);
    }

    [Fact]
    public void Batch_progress_ends_at_the_epochs_sample_weighted_loss()
    {
        using var data = SyntheticDigits.Create(count: 100, size: 12, seed: 10);
        using var model = new SmallDropoutNet();
        using var trainer = new Trainer(model, TestOptions.Create(epochs: 2));
        var progress = new RecordingProgress();

        var history = trainer.Fit(data.Images, data.Labels, progress: progress);

        Assert.Equal(new long[] { 32, 64, 96, 100, 32, 64, 96, 100 }, progress.Batches.Select(b => b.SamplesDone));
        foreach (var record in history.Epochs)
        {
            var last = progress.Batches.Last(b => b.Plan.Epoch == record.Epoch);
            Assert.Equal(new EpochPlan(record.Epoch, 2, 100, 4), last.Plan);
            Assert.Equal(record.Loss, last.Loss, 12);
            Assert.Equal(record.Accuracy!.Value, last.Accuracy, 12);
        }
        Assert.Equal(new[] { "start 1", "end 1", "start 2", "end 2" }, progress.Events);
    }

    private static IEnumerable<(double, double?, double?, double?)> Metrics(History history) =>
        history.Epochs.Select(e => (e.Loss, e.Accuracy, e.ValidationLoss, e.ValidationAccuracy)).ToArray();

    /// <summary>A hand-written module recording, per forward pass, whether it was in training mode and tracking gradients.</summary>
    private sealed class ModeRecorder : nn.Module<Tensor, Tensor>
    {
        private readonly Linear _linear = nn.Linear(144, 10);

        public ModeRecorder()
            : base(nameof(ModeRecorder)) => RegisterComponents();

        public List<(bool Training, bool Gradients)> Calls { get; } = new();

        public override Tensor forward(Tensor input)
        {
            Calls.Add((training, torch.is_grad_enabled()));
            using var flat = input.flatten(1);
            return _linear.forward(flat);
        }
    }
}
