using System;
using Dsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Training;

[Collection(TrainingCollection.Name)]
public sealed class OptionsTests
{
    [Fact]
    public void Defaults_are_the_seed_notebooks_and_Keras_Adam()
    {
        var options = new TrainerOptions();
        var adam = Assert.IsType<AdamSettings>(options.Optimizer);

        Assert.Equal(128, options.BatchSize);
        Assert.Equal(12, options.Epochs);
        Assert.Equal((1e-3, 0.9, 0.999, 1e-7), (adam.LearningRate, adam.Beta1, adam.Beta2, adam.Epsilon));
    }

    [Theory]
    [InlineData(0, 12, "BatchSize")]
    [InlineData(-5, 12, "BatchSize")]
    [InlineData(128, 0, "Epochs")]
    [InlineData(128, -1, "Epochs")]
    public void Batch_size_and_epochs_below_one_are_rejected(int batchSize, int epochs, string named)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Build(new TrainerOptions { BatchSize = batchSize, Epochs = epochs }));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("adam", 0.0)]
    [InlineData("adam", -1e-3)]
    [InlineData("adam", double.NaN)]
    [InlineData("adam", double.PositiveInfinity)]
    [InlineData("sgd", 0.0)]
    [InlineData("sgd", -0.01)]
    public void A_learning_rate_that_is_not_positive_and_finite_is_rejected(string optimizer, double learningRate)
    {
        OptimizerSettings settings = optimizer == "adam" ? OptimizerSettings.Adam(learningRate) : OptimizerSettings.Sgd(learningRate);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Build(new TrainerOptions { Optimizer = settings }));

        Assert.Contains("LearningRate must be a positive, finite number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_range_optimizer_and_thread_settings_are_rejected()
    {
        Assert.Contains("Epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => Build(new TrainerOptions { Optimizer = OptimizerSettings.Adam(epsilon: 0) })).Message, StringComparison.Ordinal);
        Assert.Contains("Beta2", Assert.Throws<ArgumentOutOfRangeException>(() => Build(new TrainerOptions { Optimizer = OptimizerSettings.Adam(beta2: 1) })).Message, StringComparison.Ordinal);
        Assert.Contains("Momentum", Assert.Throws<ArgumentOutOfRangeException>(() => Build(new TrainerOptions { Optimizer = OptimizerSettings.Sgd(momentum: 1) })).Message, StringComparison.Ordinal);
        Assert.Contains("Threads", Assert.Throws<ArgumentOutOfRangeException>(() => Build(new TrainerOptions { Threads = 0 })).Message, StringComparison.Ordinal);
        var nesterov = Assert.Throws<ArgumentException>(() => Build(new TrainerOptions { Optimizer = OptimizerSettings.Sgd(nesterov: true) }));
        Assert.Contains("Nesterov", nesterov.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_rejects_a_batch_size_below_one()
    {
        using var data = SyntheticDigits.Create(count: 8, size: 12, seed: 14);
        using var model = new SmallDropoutNet();
        using var trainer = new Trainer(model, TestOptions.Create());

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Evaluate(data.Images, data.Labels, batchSize: 0));

        Assert.Equal("batchSize", error.ParamName);
    }

    [Fact]
    public void Data_that_does_not_fit_is_rejected_with_a_clear_message()
    {
        using var data = SyntheticDigits.Create(count: 8, size: 12, seed: 15);
        using var model = new SmallDropoutNet();
        using var trainer = new Trainer(model, TestOptions.Create(epochs: 1));
        using var fewerLabels = data.Labels.narrow(0, 0, 5);
        using var floatLabels = data.Labels.to_type(ScalarType.Float32);
        using var oneHot = nn.functional.one_hot(data.Labels, 10);
        using var tooLarge = data.Labels.add(10);
        using var wrongShape = torch.zeros(8, 1, 28, 28);
        using var intLabels = data.Labels.to_type(ScalarType.Int32);

        Assert.Contains("8 samples but y has 5 labels", Fails(() => trainer.Fit(data.Images, fewerLabels)), StringComparison.Ordinal);
        Assert.Contains("integer class indices", Fails(() => trainer.Fit(data.Images, floatLabels)), StringComparison.Ordinal);
        Assert.Contains("argmax(1)", Fails(() => trainer.Fit(data.Images, oneHot)), StringComparison.Ordinal);
        Assert.Contains("[0, 10)", Fails(() => trainer.Fit(data.Images, tooLarge)), StringComparison.Ordinal);
        Assert.Contains("expects input of shape", Fails(() => trainer.Fit(wrongShape, data.Labels)), StringComparison.Ordinal);
        Assert.Contains("both validationX and validationY", Fails(() => trainer.Fit(data.Images, data.Labels, validationX: data.Images)), StringComparison.Ordinal);
        Assert.Equal(0, trainer.History.Count);
        // Integer labels of another width are accepted (converted to int64).
        Assert.Equal(1, trainer.Fit(data.Images, intLabels).Count);
    }

    private static string Fails(Action action) => Assert.ThrowsAny<ArgumentException>(action).Message;

    private static void Build(TrainerOptions options)
    {
        using var model = new SmallDropoutNet();
        using var trainer = new Trainer(model, options);
    }
}
