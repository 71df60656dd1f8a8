using System;
using System.Linq;
using Dsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Training;

[Collection(TrainingCollection.Name)]
public sealed class LossTests
{
    private static readonly float[,] Inputs = { { 1, 2, 3 }, { 0, 0, 0 }, { -1, 0.5f, 2 } };
    private static readonly long[] Labels = { 2, 1, 0 };

    [Theory]
    [InlineData(typeof(SoftmaxHead))]
    [InlineData(typeof(LogSoftmaxHead))]
    [InlineData(typeof(LogitsHead))]
    public void A_classifier_defaults_to_sparse_categorical_cross_entropy_and_accuracy(Type modelType)
    {
        using var model = Create(modelType);
        using var trainer = new Trainer(model, TestOptions.Create());
        Assert.Equal("sparse_categorical_crossentropy", Assert.Single(trainer.Losses).Value.Name);
        Assert.Equal(new[] { "loss", "accuracy" }, trainer.MetricNames);
    }

    [Fact]
    public void Modules_that_are_not_generated_are_read_as_logits()
    {
        using var model = nn.Linear(3, 3);
        using var trainer = new Trainer(model, TestOptions.Create());
        Assert.Equal("sparse_categorical_crossentropy", Assert.Single(trainer.Losses).Value.Name);
    }

    [Theory]
    [InlineData(typeof(SoftmaxHead))]
    [InlineData(typeof(LogSoftmaxHead))]
    [InlineData(typeof(LogitsHead))]
    public void Loss_equals_the_hand_computed_cross_entropy(Type modelType)
    {
        using var model = WithIdentityWeights(Create(modelType));
        using var trainer = new Trainer(model, TestOptions.Create());
        using var x = torch.tensor(Inputs);
        using var y = torch.tensor(Labels);

        var evaluation = trainer.Evaluate(x, y);

        Assert.Equal(HandCrossEntropy(Inputs, Labels), evaluation.Loss, 5);
        // Argmax of (1,2,3) is 2 (right), of (0,0,0) is 0 (label 1: wrong), of (-1,.5,2) is 2 (label 0: wrong).
        Assert.Equal(1.0 / 3, evaluation.Accuracy!.Value, 6);
    }

    [Fact]
    public void A_plain_module_gets_cross_entropy_on_its_output()
    {
        using var model = WithIdentityWeights(nn.Linear(3, 3));
        using var trainer = new Trainer(model, TestOptions.Create());
        using var x = torch.tensor(Inputs);
        using var y = torch.tensor(Labels);

        Assert.Equal(HandCrossEntropy(Inputs, Labels), trainer.Evaluate(x, y).Loss, 5);
    }

    [Theory]
    [InlineData(typeof(SoftmaxHead))]
    [InlineData(typeof(LogSoftmaxHead))]
    [InlineData(typeof(LogitsHead))]
    public void A_saturated_output_gives_a_finite_loss_in_evaluation_and_training(Type modelType)
    {
        // Logits (1000, 0, -1000) with label 2: cross-entropy is exactly 2000; softmax gives probability 0 (float32).
        float[,] saturated = { { 1000, 0, -1000 }, { 0, 0, 0 } };
        long[] labels = { 2, 1 };
        double expected = HandCrossEntropy(saturated, labels);
        using var model = WithIdentityWeights(Create(modelType));
        using var trainer = new Trainer(model, TestOptions.Create(epochs: 1, batchSize: 2, optimizer: OptimizerSettings.Sgd(1e-9)));
        using var x = torch.tensor(saturated);
        using var y = torch.tensor(labels);

        var evaluation = trainer.Evaluate(x, y);
        // One batch holding both samples: the epoch's loss is that batch's loss, before its (tiny) update.
        var history = trainer.Fit(x, y);

        Assert.Equal(expected, evaluation.Loss, 3);
        Assert.Equal(expected, history.Epochs.Single().Loss, 3);
    }

    [Fact]
    public void The_saturated_example_really_breaks_log_of_softmax()
    {
        // Guards the test above: if log(softmax) stayed finite here, that test would prove nothing.
        float[,] saturated = { { 1000, 0, -1000 } };
        using var model = WithIdentityWeights(new SoftmaxHead());
        using var x = torch.tensor(saturated);
        using var probabilities = model.forward(x);
        using var logProbability = probabilities[0, 2].log();

        Assert.True(double.IsNegativeInfinity(logProbability.item<float>()));
    }

    [Theory]
    [InlineData(typeof(SigmoidHead), "Sigmoid")]
    [InlineData(typeof(ReluHead), "ReLU")]
    public void Other_final_activations_are_rejected_with_advice(Type modelType, string activation)
    {
        using var model = Create(modelType);

        var error = Assert.Throws<ArgumentException>(() => new Trainer(model));

        Assert.Contains(activation, error.Message, StringComparison.Ordinal);
        Assert.Contains("Activation.Softmax", error.Message, StringComparison.Ordinal);
        Assert.Equal("model", error.ParamName);
    }

    [Fact]
    public void A_model_without_one_score_per_class_is_rejected()
    {
        using var model = new SpatialOutput();

        var error = Assert.Throws<ArgumentException>(() => new Trainer(model));

        Assert.Contains("one score per class", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Mean over samples of logsumexp(logits) - logits[label], in double precision.</summary>
    private static double HandCrossEntropy(float[,] logits, long[] labels)
    {
        double total = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            var row = Enumerable.Range(0, logits.GetLength(1)).Select(j => (double)logits[i, j]).ToArray();
            double max = row.Max();
            double logSumExp = max + Math.Log(row.Sum(v => Math.Exp(v - max)));
            total += logSumExp - row[labels[i]];
        }
        return total / labels.Length;
    }

    private static nn.Module<Tensor, Tensor> Create(Type modelType) => (nn.Module<Tensor, Tensor>)Activator.CreateInstance(modelType)!;

    /// <summary>Weights = identity and biases = 0, so the last layer's pre-activation equals the input.</summary>
    private static nn.Module<Tensor, Tensor> WithIdentityWeights(nn.Module<Tensor, Tensor> model)
    {
        using var noGrad = torch.no_grad();
        foreach (var (name, parameter) in model.named_parameters())
        {
            if (name.EndsWith("weight", StringComparison.Ordinal))
            {
                using var identity = torch.eye(3);
                parameter.copy_(identity);
            }
            else
            {
                parameter.zero_();
            }
        }
        return model;
    }
}
