using System;
using Dsl.Training;
using TorchSharp;

namespace Dsl.Runtime.Tests.Training;

[Collection(TrainingCollection.Name)]
public sealed class DivergenceTests
{
    [Fact]
    public void NaN_inputs_stop_training_at_the_first_batch_and_blame_the_data()
    {
        using var data = SyntheticDigits.Create(count: 64, size: 12, seed: 12);
        using var nan = torch.full(data.Images.shape, double.NaN);
        using var model = new SmallDropoutNet();
        using var trainer = new Trainer(model, TestOptions.Create(epochs: 2, batchSize: 16));
        var progress = new RecordingProgress();

        var error = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(nan, data.Labels, progress: progress));

        Assert.Equal(1, error.Epoch);
        Assert.Equal(1, error.Batch);
        Assert.Equal(4, error.Batches);
        Assert.True(double.IsNaN(error.Loss));
        Assert.False(error.InputsFinite);
        Assert.Contains("epoch 1, batch 1/4", error.Message, StringComparison.Ordinal);
        Assert.Contains("NaN or infinite values", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, trainer.History.Count);
        Assert.Equal(new[] { "start 1", "aborted 1: TrainingDivergedException" }, progress.Events);
    }

    [Fact]
    public void An_absurd_learning_rate_stops_training_and_suggests_a_lower_one()
    {
        using var data = SyntheticDigits.Create(count: 256, size: 12, seed: 13);
        Trainer.Seed(13);
        using var model = new SmallDropoutNet();
        using var trainer = new Trainer(model, TestOptions.Create(epochs: 3, optimizer: OptimizerSettings.Sgd(1e20)));

        var error = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(data.Images, data.Labels));

        Assert.True(error.InputsFinite);
        Assert.False(double.IsFinite(error.Loss));
        Assert.Equal(1e20, error.LearningRate);
        Assert.InRange(error.Batch, 1, error.Batches);
        Assert.Equal(error.Epoch - 1, trainer.History.Count);
        Assert.Contains($"epoch {error.Epoch}, batch {error.Batch}/{error.Batches}", error.Message, StringComparison.Ordinal);
        Assert.Contains("lower the learning rate", error.Message, StringComparison.Ordinal);
    }
}
