using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Dsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Training;

/// <summary>Callbacks inside real training: stops in the history, resume mid-patience, learning rates, validation split.</summary>
[Collection(TrainingCollection.Name)]
public sealed class CallbackTrainingTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly LabeledTensors _train = SyntheticDigits.Create(count: 96, size: 12, seed: 21);
    private readonly LabeledTensors _test = SyntheticDigits.Create(count: 32, size: 12, seed: 22);

    public void Dispose()
    {
        _train.Dispose();
        _test.Dispose();
        _folder.Dispose();
    }

    // min_delta so large that no epoch after the first counts as an improvement: the counters then advance every
    // epoch, whatever the (real) losses are. EarlyStopping stops after epoch 5; ReduceLROnPlateau halves the rate
    // after epochs 2 and 4 (cooldown 2).
    private static Callback[] PlateauCallbacks() =>
    [
        new ReduceLROnPlateau(factor: 0.5, patience: 1, minDelta: 10, cooldown: 2),
        new EarlyStopping(patience: 4, minDelta: 10, restoreBestWeights: true),
    ];

    [Fact]
    public void An_early_stop_ends_fit_and_is_recorded_in_the_history_and_the_checkpoint()
    {
        string path = _folder.File("stop.ckpt");
        Trainer.Seed(1);
        using var model = new SmallDropoutNet();
        using var trainer = new Trainer(model, TestOptions.Create(epochs: 8, seed: 1));
        foreach (var callback in PlateauCallbacks())
            trainer.Callbacks.Add(callback);
        var events = new List<int>();
        trainer.EpochCompleted += (_, e) => { events.Add(e.Record.Epoch); trainer.SaveCheckpoint(path); };

        var history = trainer.Fit(_train.Images, _train.Labels, _test.Images, _test.Labels);

        Assert.Equal([1, 2, 3, 4, 5], events);
        Assert.Equal(5, history.Stop?.Epoch);
        Assert.Equal("EarlyStopping", history.Stop?.By);
        Assert.Equal(1, history.WeightsFromEpoch);
        Assert.Equal([1e-3, 1e-3, 5e-4, 5e-4, 2.5e-4], history.LearningRate);
        Assert.Equal(2.5e-4, trainer.LearningRate);   // epoch 5 was in cooldown

        // The checkpoint written after epoch 5 holds the stop; a trainer loaded from it trains nothing more.
        using var other = new SmallDropoutNet();
        using var resumed = new Trainer(other, TestOptions.Create(epochs: 8, seed: 1));
        resumed.LoadCheckpoint(path);
        Assert.Equal(history.Stop, resumed.History.Stop);
        Assert.Equal(5, resumed.Fit(_train.Images, _train.Labels, _test.Images, _test.Labels).Count);
    }

    [Fact]
    public void Resuming_mid_patience_gives_the_uninterrupted_runs_epochs_learning_rates_stop_and_weights()
    {
        Trainer.Seed(2);
        History expected;
        Tensor expectedOutput;
        using (var model = new SmallDropoutNet())
        using (var trainer = new Trainer(model, TestOptions.Create(epochs: 8, seed: 2)))
        {
            foreach (var callback in PlateauCallbacks())
                trainer.Callbacks.Add(callback);
            expected = trainer.Fit(_train.Images, _train.Labels, _test.Images, _test.Labels);
            expectedOutput = Output(model);
        }

        // The same run, interrupted after epoch 3: mid-patience, in a cooldown, at a lowered rate.
        string path = _folder.File("resume.ckpt");
        Trainer.Seed(2);
        using (var model = new SmallDropoutNet())
        using (var trainer = new Trainer(model, TestOptions.Create(epochs: 8, seed: 2)))
        {
            foreach (var callback in PlateauCallbacks())
                trainer.Callbacks.Add(callback);
            trainer.EpochCompleted += (_, e) =>
            {
                trainer.SaveCheckpoint(path);
                if (e.Record.Epoch == 3)
                    throw new OperationCanceledException("interrupted");
            };
            Assert.Throws<OperationCanceledException>(() => trainer.Fit(_train.Images, _train.Labels, _test.Images, _test.Labels));
        }

        Trainer.Seed(99);
        using var resumedModel = new SmallDropoutNet();
        using var resumed = new Trainer(resumedModel, TestOptions.Create(epochs: 8, seed: 2));
        Assert.True(resumed.TryLoadCheckpoint(path));
        foreach (var callback in PlateauCallbacks())     // added after loading: they get their state when Fit starts
            resumed.Callbacks.Add(callback);
        var history = resumed.Fit(_train.Images, _train.Labels, _test.Images, _test.Labels);

        Assert.Equal(Metrics(expected), Metrics(history));
        Assert.Equal(expected.Stop, history.Stop);
        Assert.Equal(expected.WeightsFromEpoch, history.WeightsFromEpoch);
        using (expectedOutput)
        using (var actual = Output(resumedModel))
            Assert.True(actual.Equals(expectedOutput));   // epoch 1's weights, restored from the checkpoint's copy
    }

    [Fact]
    public void A_changed_learning_rate_option_wins_over_the_checkpoints_reduced_rate()
    {
        string path = _folder.File("lr.ckpt");
        using (var model = new SmallDropoutNet())
        using (var trainer = new Trainer(model, TestOptions.Create(epochs: 1)))
        {
            trainer.LearningRate = 2e-4;   // as a callback would have
            trainer.SaveCheckpoint(path);
        }
        using var again = new SmallDropoutNet();
        using var same = new Trainer(again, TestOptions.Create(epochs: 1));
        same.LoadCheckpoint(path);
        using var changed = new Trainer(again, TestOptions.Create(epochs: 1, optimizer: OptimizerSettings.Adam(5e-3)));
        changed.LoadCheckpoint(path);

        Assert.Equal(2e-4, same.LearningRate);
        Assert.Equal(5e-3, changed.LearningRate);
    }

    [Fact]
    public void A_scheduled_rate_is_what_the_epoch_trains_with_and_is_recorded()
    {
        using var model = new SmallDropoutNet();
        using var trainer = new Trainer(model, TestOptions.Create(epochs: 3));
        trainer.Callbacks.Add(new LearningRateScheduler(epoch => 1e-3 / (epoch + 1)));
        var history = trainer.Fit(_train.Images, _train.Labels);
        Assert.Equal([1e-3, 5e-4, 1e-3 / 3], history.LearningRate);
    }

    [Fact]
    public void Validation_split_holds_out_the_last_fraction_before_shuffling()
    {
        // 96 samples at 0.25: train on the first 72, validate on the last 24, exactly as if passed explicitly.
        History explicitSplit, keras;
        Trainer.Seed(5);
        using (var model = new SmallDropoutNet())
        using (var trainer = new Trainer(model, TestOptions.Create(epochs: 2, seed: 5)))
        {
            using var x = _train.Images.narrow(0, 0, 72);
            using var y = _train.Labels.narrow(0, 0, 72);
            using var vx = _train.Images.narrow(0, 72, 24);
            using var vy = _train.Labels.narrow(0, 72, 24);
            explicitSplit = trainer.Fit(x, y, vx, vy);
        }
        Trainer.Seed(5);
        using (var model = new SmallDropoutNet())
        using (var trainer = new Trainer(model, TestOptions.Create(epochs: 2, seed: 5)))
            keras = trainer.Fit(_train.Images, _train.Labels, validationSplit: 0.25);

        Assert.Equal(Metrics(explicitSplit), Metrics(keras));
        Assert.All(keras.Epochs, e => Assert.NotNull(e.ValidationLoss));
    }

    [Theory]
    [InlineData(10, 0.1, 9, 1)]
    [InlineData(5, 0.5, 2, 3)]       // floor(5 * 0.5) = 2 samples trained on
    [InlineData(60000, 0.1, 54000, 6000)]
    [InlineData(7, 0.3, 4, 3)]       // floor(7 * 0.7) = floor(4.8999…) = 4, as Keras computes it
    public void Validation_split_sizes_follow_keras(long samples, double fraction, long train, long validation)
    {
        Assert.Equal(new ValidationSplit(train, validation), ValidationSplit.Of(samples, fraction));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Validation_split_outside_zero_to_one_is_rejected(double fraction)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ValidationSplit.Of(100, fraction));
        Assert.Contains("strictly between 0 and 1", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ValidationSplit.Of(1, 0.5));
    }

    [Fact]
    public void Predict_gives_each_samples_argmax_class_and_its_probability()
    {
        using var model = new SoftmaxHead();
        using (torch.no_grad())
        {
            model.parameters().First().copy_(torch.eye(3));
            model.parameters().Last().zero_();
        }
        using var trainer = new Trainer(model, TestOptions.Create());
        using var x = torch.tensor(new float[] { 0, 0, 5, 2, 1, 0, 0, 0, 0 }, 3, 3);

        var predictions = trainer.Predict(x, batchSize: 2);

        Assert.Equal([2, 0, 0], predictions.Classes);
        Assert.Equal(1 / (1 + 2 * Math.Exp(-5)), predictions.Confidence[0], 5);
        Assert.Equal(1.0 / 3, predictions.Confidence[2], 5);
    }

    private Tensor Output(nn.Module model)
    {
        model.eval();
        using var noGrad = torch.no_grad();
        return model.forward(_test.Images);
    }

    private static IEnumerable<(int, double, double?, double?, double?, double?)> Metrics(History history) =>
        history.Epochs.Select(e => (e.Epoch, e.Loss, e.Accuracy, e.ValidationLoss, e.ValidationAccuracy, e.LearningRate)).ToArray();
}
