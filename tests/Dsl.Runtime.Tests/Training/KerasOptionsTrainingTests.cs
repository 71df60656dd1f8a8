using System;
using System.Linq;
using Dsl;
using Dsl.Training;

namespace Dsl.Runtime.Tests.Training;

/// <summary>
/// A 12x12 classifier with batch normalization without gamma and without beta, a channel-wise dropout mask
/// (noise_shape) and a global pooling kept as (C, 1, 1) for a 1x1 convolution: the modules these options become train,
/// save and resume like TorchSharp's own.
/// </summary>
[Input(1, 12, 12)]
[Conv2D(8, 3, Padding = Padding.Same, UseBias = false)]
[BatchNorm(Scale = false, Momentum = 0.9)]
[Activation(Activation.ReLU)]
[MaxPool2D(2)]
[Dropout(0.2, NoiseShape = new[] { 8, 1, 1 })]
[Conv2D(16, 3, Padding = Padding.Same, UseBias = false, Name = "features")]
[BatchNorm(Center = false, Momentum = 0.9)]
[Activation(Activation.ReLU, Name = "activated")]
[GlobalAvgPool2D(Keepdims = true)]
[Conv2D(16, 1, Activation = Activation.Sigmoid)]
[Flatten(Name = "gate")]
[Flatten(From = "activated", Name = "flat")]
[Concatenate("gate", "flat")]
[Dense(10, Activation = Activation.Softmax)]
public partial class KerasOptionsNet;

/// <summary>Training, checkpoints and resuming with the modules of Keras's center, scale, noise_shape and keepdims options.</summary>
[Collection(TrainingCollection.Name)]
public sealed class KerasOptionsTrainingTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly LabeledTensors _train = SyntheticDigits.Create(count: 512, size: 12, seed: 1);
    private readonly LabeledTensors _test = SyntheticDigits.Create(count: 256, size: 12, seed: 2);

    public void Dispose()
    {
        _train.Dispose();
        _test.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void A_model_with_the_options_learns_and_its_moving_statistics_move()
    {
        Trainer.Seed(1);
        using var model = new KerasOptionsNet();
        using var trainer = new Trainer(model, TestOptions.Create(epochs: 5, batchSize: 16, seed: 1));
        var history = trainer.Fit(_train.Images, _train.Labels, _test.Images, _test.Labels);

        Assert.True(history.Loss[^1] < history.Loss[0] / 2, $"training loss {string.Join(", ", history.Loss)}");
        Assert.True(history.ValidationAccuracy[^1] > 0.8, $"validation accuracy {string.Join(", ", history.ValidationAccuracy)}");
        Assert.NotEqual(new float[8], model.batch_normalization_1.running_mean.data<float>().ToArray());
        Assert.NotEqual(Enumerable.Repeat(1f, 16).ToArray(), model.batch_normalization_2.running_var.data<float>().ToArray());
    }

    [Fact]
    public void A_resumed_run_repeats_the_uninterrupted_one()
    {
        string path = _folder.File("options.ckpt");
        History uninterrupted;
        Trainer.Seed(3);
        using (var model = new KerasOptionsNet())
        using (var trainer = new Trainer(model, TestOptions.Create(epochs: 3, batchSize: 32, seed: 3)))
            uninterrupted = trainer.Fit(_train.Images, _train.Labels, _test.Images, _test.Labels);

        Trainer.Seed(3);
        using (var model = new KerasOptionsNet())
        using (var trainer = new Trainer(model, TestOptions.Create(epochs: 1, batchSize: 32, seed: 3)))
        {
            trainer.EpochCompleted += (_, _) => trainer.SaveCheckpoint(path);
            trainer.Fit(_train.Images, _train.Labels, _test.Images, _test.Labels);
        }

        Trainer.Seed(99);
        using var resumedModel = new KerasOptionsNet();
        using var resumed = new Trainer(resumedModel, TestOptions.Create(epochs: 3, batchSize: 32, seed: 3));
        Assert.True(resumed.TryLoadCheckpoint(path));
        var history = resumed.Fit(_train.Images, _train.Labels, _test.Images, _test.Labels);
        Assert.Equal(uninterrupted.Loss, history.Loss);
        Assert.Equal(uninterrupted.ValidationAccuracy, history.ValidationAccuracy);
    }
}
