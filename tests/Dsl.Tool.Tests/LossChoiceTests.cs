using System;
using System.IO;
using System.Linq;

namespace Dsl.Tool.Tests;

/// <summary>
/// The loss <c>dsl train</c> picks from a model's output, as a Keras user would compile it (keras.io, "Losses":
/// <c>SparseCategoricalCrossentropy</c> for integer labels of a softmax, <c>BinaryCrossentropy</c> for a sigmoid,
/// <c>MeanSquaredError</c> for a regression), and <c>--loss</c> overriding it by Keras's names.
/// </summary>
public sealed class LossChoiceTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("dsl-loss-").FullName;

    private ModelInfo Model(string lastLayer)
    {
        string spec = Path.Combine(_work, "M.model.yaml");
        File.WriteAllText(spec, $"model: M\ninput: [4]\nlayers:\n  - dense: {{ units: 8, activation: relu }}\n  - {lastLayer}\n");
        return SpecRun.Of(new[] { spec }, "Models").Models().Single();
    }

    [Theory]
    [InlineData("dense: { units: 10, activation: softmax }", "sparse_categorical_crossentropy", "ClassIndices", "accuracy")]
    [InlineData("dense: { units: 3, activation: log_softmax }", "sparse_categorical_crossentropy", "ClassIndices", "accuracy")]
    [InlineData("dense: { units: 1, activation: sigmoid }", "binary_crossentropy", "Binary", "accuracy")]
    [InlineData("dense: { units: 5, activation: sigmoid }", "binary_crossentropy", "Binary", "accuracy")]
    [InlineData("dense: 1", "mean_squared_error", "Values", "mean_absolute_error")]
    [InlineData("dense: { units: 4, activation: relu }", "mean_squared_error", "Values", "mean_absolute_error")]
    public void The_default_loss_follows_the_output(string lastLayer, string loss, string targets, string metric)
    {
        var choice = LossChoice.For(Model(lastLayer), requested: null);
        Assert.Equal(loss, choice.Name);
        Assert.Equal(loss, choice.Loss.Name);
        Assert.Equal(targets, choice.Targets.ToString());
        Assert.Equal(metric, choice.Metrics.Single().Name);
    }

    [Theory]
    [InlineData("mse", "mean_squared_error", "Values")]
    [InlineData("MAE", "mean_absolute_error", "Values")]
    [InlineData("categorical_crossentropy", "categorical_crossentropy", "OneHot")]
    [InlineData("huber", "huber_loss", "Values")]
    public void Loss_names_keras_s_losses_and_wins(string requested, string loss, string targets)
    {
        var choice = LossChoice.For(Model("dense: { units: 10, activation: softmax }"), requested);
        Assert.Equal(loss, choice.Name);
        Assert.Equal(targets, choice.Targets.ToString());
        Assert.Equal("--loss", choice.Reason);
    }

    [Fact]
    public void A_class_loss_on_one_unit_is_refused_with_what_to_do()
    {
        var error = Assert.Throws<UsageException>(() => LossChoice.For(Model("dense: 1"), "sparse_categorical_crossentropy"));
        Assert.Contains("needs one score per class, but M's output is (1)", error.Message, StringComparison.Ordinal);
        Assert.Contains("binary_crossentropy for a yes/no output", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
