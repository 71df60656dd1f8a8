using System;
using System.Linq;
using Dsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Training;

/// <summary>
/// The trainer's speed levers change how the work is done, never the results: the evaluation batch size,
/// inference mode, reading the accuracy once per epoch, channels-last batches. Each is compared with the plain way.
/// </summary>
[Collection(TrainingCollection.Name)]
public sealed class SpeedLeverTests
{
    [Fact]
    public void Evaluation_batches_default_to_the_training_batch_and_image_batches_to_channels_last()
    {
        Assert.Equal(128, new TrainerOptions().EffectiveEvaluationBatchSize);
        Assert.Equal(1024, new TrainerOptions { BatchSize = 1024 }.EffectiveEvaluationBatchSize);
        Assert.Equal(ChannelsLastMode.TrainingAndEvaluation, new TrainerOptions().ChannelsLast);
        Assert.Equal(100, new TrainerOptions { EvaluationBatchSize = 100 }.EffectiveEvaluationBatchSize);
    }

    [Fact]
    public void Out_of_range_evaluation_batch_sizes_and_interop_threads_are_rejected()
    {
        using var model = new SmallDropoutNet();
        Assert.Contains("EvaluationBatchSize", Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(model, new TrainerOptions { EvaluationBatchSize = 0 })).Message, StringComparison.Ordinal);
        Assert.Contains("InteropThreads", Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(model, new TrainerOptions { InteropThreads = 0 })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_larger_evaluation_batch_and_inference_mode_leave_every_result_unchanged()
    {
        using var train = SyntheticDigits.Create(count: 192, size: 12, seed: 21);
        using var test = SyntheticDigits.Create(count: 300, size: 12, seed: 22);

        var plain = Run(TestOptions.Create(epochs: 2, batchSize: 16, seed: 3) with { EvaluationBatchSize = 16, InferenceMode = false });
        var fast = Run(TestOptions.Create(epochs: 2, batchSize: 16, seed: 3));

        // Training never sees the evaluation settings: bit-identical.
        Assert.Equal(plain.History.Loss, fast.History.Loss);
        Assert.Equal(plain.History.Accuracy, fast.History.Accuracy);
        // Validation, Evaluate and Predict: the same predictions; losses summed in another order agree to float precision.
        Assert.Equal(plain.History.ValidationAccuracy, fast.History.ValidationAccuracy);
        for (int i = 0; i < plain.History.Count; i++)
            Assert.Equal(plain.History.ValidationLoss[i]!.Value, fast.History.ValidationLoss[i]!.Value, tolerance: 1e-5);
        Assert.Equal(plain.Test.Accuracy, fast.Test.Accuracy);
        Assert.Equal(plain.Test.Loss, fast.Test.Loss, tolerance: 1e-5);
        Assert.Equal(plain.Classes, fast.Classes);

        (History History, Evaluation Test, int[] Classes) Run(TrainerOptions options)
        {
            Trainer.Seed(5);
            using var model = new SmallDropoutNet();
            using var trainer = new Trainer(model, options);
            var history = trainer.Fit(train.Images, train.Labels, test.Images, test.Labels);
            return (history, trainer.Evaluate(test.Images, test.Labels), trainer.Predict(test.Images).Classes.ToArray());
        }
    }

    [Fact]
    public void Reading_the_accuracy_once_per_epoch_gives_the_same_history()
    {
        using var train = SyntheticDigits.Create(count: 150, size: 12, seed: 23);

        var everyBatch = Run(deferred: false);
        var perEpoch = Run(deferred: true);

        Assert.Equal(everyBatch.Loss, perEpoch.Loss);
        Assert.Equal(everyBatch.Accuracy, perEpoch.Accuracy);

        History Run(bool deferred)
        {
            Trainer.Seed(6);
            using var model = new SmallDropoutNet();
            using var trainer = new Trainer(model, TestOptions.Create(epochs: 2, batchSize: 16, seed: 4) with { DeferAccuracyReads = deferred });
            return trainer.Fit(train.Images, train.Labels, progress: SilentProgress.Instance);
        }
    }

    [Fact]
    public void A_progress_sink_that_shows_batches_still_gets_the_running_accuracy()
    {
        using var train = SyntheticDigits.Create(count: 64, size: 12, seed: 24);
        using var model = new SmallDropoutNet();
        using var trainer = new Trainer(model, TestOptions.Create(epochs: 1, batchSize: 16));
        var progress = new RecordingProgress();

        trainer.Fit(train.Images, train.Labels, progress: progress);

        Assert.Equal(4, progress.Batches.Count);
        Assert.All(progress.Batches, batch => Assert.InRange(batch.Accuracy, 0.0, 1.0));
        Assert.Equal(trainer.History.Accuracy[^1]!.Value, progress.Batches[^1].Accuracy, 12);
    }

    [Fact]
    public void Channels_last_batches_train_to_the_same_history_up_to_float_rounding()
    {
        // No dropout here: dropout draws its mask in memory order, so under channels-last the same draws land on other
        // positions. That run is as seeded and repeatable as the default one, but a different sample of masks.
        using var train = SyntheticDigits.Create(count: 96, size: 28, seed: 25);
        using var test = SyntheticDigits.Create(count: 48, size: 28, seed: 26);

        var plain = Run(channelsLast: false);
        var channelsLast = Run(channelsLast: true);

        for (int i = 0; i < plain.Count; i++)
        {
            Assert.Equal(plain.Loss[i], channelsLast.Loss[i], 4);
            Assert.Equal(plain.Accuracy[i], channelsLast.Accuracy[i]);
            Assert.Equal(plain.ValidationLoss[i]!.Value, channelsLast.ValidationLoss[i]!.Value, 4);
        }

        History Run(bool channelsLast)
        {
            Trainer.Seed(8);
            using var model = new TinyMnistNet();
            var mode = channelsLast ? ChannelsLastMode.TrainingAndEvaluation : ChannelsLastMode.Off;
            using var trainer = new Trainer(model, TestOptions.Create(epochs: 2, batchSize: 16, seed: 5) with { ChannelsLast = mode });
            return trainer.Fit(train.Images, train.Labels, test.Images, test.Labels);
        }
    }

    [Fact]
    public void Channels_last_for_evaluation_only_leaves_training_bit_identical_and_evaluation_equal_up_to_rounding()
    {
        using var train = SyntheticDigits.Create(count: 96, size: 12, seed: 27);
        using var test = SyntheticDigits.Create(count: 80, size: 12, seed: 28);

        var plain = Run(ChannelsLastMode.Off);
        var evaluationOnly = Run(ChannelsLastMode.Evaluation);

        // SmallDropoutNet has dropout: training must not see the layout, so its masks and history are the same.
        Assert.Equal(plain.History.Loss, evaluationOnly.History.Loss);
        Assert.Equal(plain.History.Accuracy, evaluationOnly.History.Accuracy);
        for (int i = 0; i < plain.History.Count; i++)
            Assert.Equal(plain.History.ValidationLoss[i]!.Value, evaluationOnly.History.ValidationLoss[i]!.Value, tolerance: 1e-5);
        Assert.Equal(plain.History.ValidationAccuracy, evaluationOnly.History.ValidationAccuracy);
        Assert.Equal(plain.Classes, evaluationOnly.Classes);

        (History History, int[] Classes) Run(ChannelsLastMode mode)
        {
            Trainer.Seed(9);
            using var model = new SmallDropoutNet();
            using var trainer = new Trainer(model, TestOptions.Create(epochs: 2, batchSize: 16, seed: 6) with { ChannelsLast = mode });
            var history = trainer.Fit(train.Images, train.Labels, test.Images, test.Labels);
            return (history, trainer.Predict(test.Images).Classes.ToArray());
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Channels_last_keeps_shape_and_values_and_libtorch_carries_the_layout_through_a_convolution(int channels)
    {
        using var scope = NewDisposeScope();
        var batch = randn(4, channels, 6, 5);
        var weight = randn(7, channels, 3, 3);

        var channelsLast = MemoryLayout.ChannelsLast(batch);

        Assert.Equal(batch.shape, channelsLast.shape);
        Assert.True(MemoryLayout.IsChannelsLast(channelsLast));
        Assert.False(MemoryLayout.IsChannelsLast(batch));
        Assert.True(batch.eq(channelsLast).all().item<bool>());
        // The finding the option rests on: a convolution of a channels-last input (even a one-channel one, through the
        // view) comes out channels-last, so the following layers keep the layout without being told.
        var output = nn.functional.conv2d(channelsLast, weight, padding: new long[] { 1, 1 });
        Assert.True(MemoryLayout.IsChannelsLast(output), $"conv2d output strides ({string.Join(", ", output.stride())})");
        Assert.True(output.allclose(nn.functional.conv2d(batch, weight, padding: new long[] { 1, 1 }), rtol: 1e-4, atol: 1e-5));
        // ReLU, max pooling and dropout keep the layout.
        var activated = output.relu();
        var pooled = nn.functional.max_pool2d(activated, 2);
        var dropped = nn.functional.dropout(pooled, 0.5, training: true);
        Assert.True(MemoryLayout.IsChannelsLast(activated) && MemoryLayout.IsChannelsLast(pooled) && MemoryLayout.IsChannelsLast(dropped),
            $"strides after relu ({string.Join(", ", activated.stride())}), pool ({string.Join(", ", pooled.stride())}), dropout ({string.Join(", ", dropped.stride())})");
        // Flatten restores the standard order of the values (a copy), so a dense layer sees the same features.
        Assert.True(output.flatten(1).eq(output.contiguous().flatten(1)).all().item<bool>());
    }
}
