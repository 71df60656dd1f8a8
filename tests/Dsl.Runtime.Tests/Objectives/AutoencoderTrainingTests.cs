using System;
using Dsl.Runtime.Tests.Training;
using Dsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Objectives;

/// <summary>Keras's denoising autoencoder: noisy digits in, clean digits out, binary cross-entropy per pixel.</summary>
[Collection(TrainingCollection.Name)]
public sealed class AutoencoderTrainingTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void The_denoising_autoencoder_has_Keras_parameter_count_and_learns_to_remove_noise()
    {
        Assert.Equal(new[] { 1, 28, 28 }, SeedDenoisingAutoencoder.Info.OutputShape);
        using var data = Fixtures.MnistFixture.LoadTrain();
        using var clean = data.Images.narrow(0, 0, 512);
        // Keras's example: noise factor 0.4, clipped to [0, 1].
        using var generator = new Generator(3);
        using var noisy = (clean + 0.4 * randn(clean.shape, generator: generator)).clamp(0, 1);
        Trainer.Seed(12);
        using var model = new SeedDenoisingAutoencoder();
        using var trainer = new Trainer(model, TestOptions.Create(epochs: 10, batchSize: 32) with
        {
            Loss = Loss.BinaryCrossentropy(),
            Metrics = new[] { Metric.MeanSquaredError() },
        });

        var history = trainer.Fit(noisy, clean);

        Assert.True(history.Last!.Loss < history.Epochs[0].Loss, $"loss per epoch: {string.Join(", ", history.Loss)}");
        using var denoised = trainer.PredictOutputs(noisy)[0];
        double before = (noisy - clean).square().mean().item<float>();
        double after = (denoised - clean).square().mean().item<float>();
        output.WriteLine($"loss per epoch: {string.Join(", ", history.Loss)}; mean squared distance to the clean digits: noisy {before:F4}, denoised {after:F4}");
        Assert.True(after < before / 2, $"mean squared distance to the clean digits: noisy {before:F4}, denoised {after:F4}");
        Assert.Equal(after, trainer.Evaluate(noisy, clean).Get("mean_squared_error")!.Value, tolerance: 1e-4);
    }
}
