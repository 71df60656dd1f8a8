using System;
using System.Linq;
using Dsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Objectives;

/// <summary>Every loss against values computed by hand from Keras's definitions, including where a naive formula overflows.</summary>
public sealed class LossDefinitionTests
{
    private static double[] PerSample(Loss loss, Tensor target, ModelOutput output)
    {
        using var scope = NewDisposeScope();
        return loss.Compute(target, output).to_type(ScalarType.Float64).flatten().data<double>().ToArray();
    }

    private static Tensor T(float[,] values) => tensor(values);

    [Fact]
    public void Binary_cross_entropy_after_a_sigmoid_reads_the_logits_and_stays_exact_where_the_sigmoid_saturates()
    {
        using var logits = T(new float[,] { { 1000 }, { -2 }, { 0.5f } });
        using var y = T(new float[,] { { 0 }, { 0 }, { 1 } });
        var output = ModelOutput.FromLogits("p", logits, Activation.Sigmoid);
        var loss = Loss.BinaryCrossentropy();

        var values = PerSample(loss, y, output);

        // −log(1 − σ(x)) = x + log(1 + e^−x): 1000 for x = 1000 (the clipped probability would give 16.1).
        Assert.Equal(1000.0, values[0], tolerance: 1e-3);
        Assert.Equal(Math.Log(1 + Math.Exp(-2)), values[1], tolerance: 1e-5);
        Assert.Equal(Math.Log(1 + Math.Exp(-0.5)), values[2], tolerance: 1e-5);
    }

    [Fact]
    public void Binary_cross_entropy_on_probabilities_clips_them_as_Keras_does()
    {
        using var p = T(new float[,] { { 0.9f }, { 0.2f }, { 1f } });
        using var y = T(new float[,] { { 1 }, { 0 }, { 0 } });
        var values = PerSample(Loss.BinaryCrossentropy(), y, new ModelOutput("p", p));

        Assert.Equal(-Math.Log(0.9), values[0], tolerance: 1e-5);
        Assert.Equal(-Math.Log(0.8), values[1], tolerance: 1e-5);
        // p = 1 against 0: clipped to 1 − 1e-7 (0.99999988 in float32), so −log(1.19e-7) ≈ 15.9, not infinity.
        Assert.InRange(values[2], 15.8, 16.2);
    }

    [Fact]
    public void Binary_cross_entropy_from_logits_with_label_smoothing_averages_the_last_axis()
    {
        using var logits = T(new float[,] { { 2, -1 } });
        using var y = T(new float[,] { { 1, 0 } });
        double s = 0.2;
        double Bce(double x, double t) => Math.Max(x, 0) - x * t + Math.Log(1 + Math.Exp(-Math.Abs(x)));
        double expected = (Bce(2, 1 * (1 - s) + s / 2) + Bce(-1, 0 * (1 - s) + s / 2)) / 2;

        var values = PerSample(Loss.BinaryCrossentropy(fromLogits: true, labelSmoothing: s), y, new ModelOutput("p", logits));

        Assert.Equal(expected, Assert.Single(values), tolerance: 1e-5);
    }

    [Fact]
    public void Sparse_categorical_cross_entropy_from_a_softmax_reads_the_logits()
    {
        using var logits = T(new float[,] { { 1000, 0, -1000 }, { 1, 2, 3 } });
        using var y = tensor(new long[] { 2, 0 });
        var values = PerSample(Loss.SparseCategoricalCrossentropy(), y, ModelOutput.FromLogits("p", logits, Activation.Softmax));

        Assert.Equal(2000.0, values[0], tolerance: 1e-2);
        double logSumExp = Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3));
        Assert.Equal(logSumExp - 1, values[1], tolerance: 1e-5);
    }

    [Fact]
    public void Sparse_categorical_cross_entropy_gives_one_value_per_step_of_a_sequence()
    {
        // (N = 1, steps = 2, classes = 3)
        using var logits = tensor(new float[] { 1, 2, 3, 0, 0, 0 }).reshape(1, 2, 3);
        using var y = tensor(new long[] { 0, 1 }).reshape(1, 2);
        using var scope = NewDisposeScope();
        var values = Loss.SparseCategoricalCrossentropy(fromLogits: true).Compute(y, new ModelOutput("p", logits));

        Assert.Equal(new long[] { 1, 2 }, values.shape);
        var flat = values.to_type(ScalarType.Float64).flatten().data<double>().ToArray();
        Assert.Equal(Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3)) - 1, flat[0], tolerance: 1e-5);
        Assert.Equal(Math.Log(3), flat[1], tolerance: 1e-5);
    }

    [Fact]
    public void Categorical_cross_entropy_with_label_smoothing_matches_the_hand_computed_value()
    {
        using var logits = T(new float[,] { { 1, 2, 3 } });
        using var y = T(new float[,] { { 0, 1, 0 } });
        double s = 0.1, lse = Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3));
        double[] smoothed = { s / 3, 1 - s + s / 3, s / 3 };
        double expected = -(smoothed[0] * (1 - lse) + smoothed[1] * (2 - lse) + smoothed[2] * (3 - lse));

        var values = PerSample(Loss.CategoricalCrossentropy(fromLogits: true, labelSmoothing: s), y, new ModelOutput("p", logits));

        Assert.Equal(expected, Assert.Single(values), tolerance: 1e-5);
    }

    [Fact]
    public void Categorical_cross_entropy_on_probabilities_renormalises_and_clips()
    {
        using var p = T(new float[,] { { 0.2f, 0.2f, 0.0f } });
        using var y = T(new float[,] { { 0, 0, 1 } });
        // Renormalised (0.5, 0.5, 0), clipped to 1e-7: −log(1e-7).
        var values = PerSample(Loss.CategoricalCrossentropy(), y, new ModelOutput("p", p));
        Assert.Equal(-Math.Log(1e-7), Assert.Single(values), 1);
    }

    [Fact]
    public void Regression_losses_average_the_last_axis()
    {
        using var y = T(new float[,] { { 1, 2 }, { 0, 0 } });
        using var p = T(new float[,] { { 1.5f, 2 }, { 3, 0 } });
        var output = new ModelOutput("p", p);

        Assert.Equal(new[] { 0.125, 4.5 }, PerSample(Loss.MeanSquaredError(), y, output), new Tolerance(1e-6));
        Assert.Equal(new[] { 0.25, 1.5 }, PerSample(Loss.MeanAbsoluteError(), y, output), new Tolerance(1e-6));
        // Huber, δ = 1: ½·0.5² = 0.125 and 1·3 − ½ = 2.5, each averaged with a 0.
        Assert.Equal(new[] { 0.0625, 1.25 }, PerSample(Loss.Huber(), y, output), new Tolerance(1e-6));
    }

    [Fact]
    public void Kl_divergence_and_cosine_similarity_match_their_definitions()
    {
        using var y = T(new float[,] { { 0.5f, 0.5f } });
        using var p = T(new float[,] { { 0.9f, 0.1f } });
        double kl = 0.5 * Math.Log(0.5 / 0.9) + 0.5 * Math.Log(0.5 / 0.1);
        Assert.Equal(kl, Assert.Single(PerSample(Loss.KLDivergence(), y, new ModelOutput("p", p))), tolerance: 1e-5);

        using var a = T(new float[,] { { 1, 0 }, { 0, 0 } });
        using var b = T(new float[,] { { 1, 1 }, { 1, 1 } });
        var cosine = PerSample(Loss.CosineSimilarity(), a, new ModelOutput("p", b));
        Assert.Equal(-1 / Math.Sqrt(2), cosine[0], tolerance: 1e-5);
        // A zero vector gives 0, not NaN (Keras's l2_normalize floors the squared norm at 1e-12).
        Assert.Equal(0.0, cosine[1], tolerance: 1e-6);
    }

    [Fact]
    public void The_contrastive_loss_is_the_Keras_examples()
    {
        using var y = tensor(new float[] { 0, 1, 1 });
        using var distance = T(new float[,] { { 0.3f }, { 0.3f }, { 1.5f } });
        var values = PerSample(Loss.Contrastive(), y, new ModelOutput("d", distance));
        Assert.Equal(new[] { 0.09, 0.49, 0.0 }, values, new Tolerance(1e-6));
    }

    [Fact]
    public void Losses_are_found_by_Keras_names_and_unknown_names_list_the_known_ones()
    {
        Assert.Equal("binary_crossentropy", Loss.FromName("binary_crossentropy").Name);
        Assert.Equal("mean_squared_error", Loss.FromName("mse").Name);
        Assert.Equal("huber_loss", Loss.FromName("huber").Name);
        var error = Assert.Throws<ArgumentException>(() => Loss.FromName("mean_sqared_error"));
        Assert.Contains("mean_squared_error", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Targets_that_do_not_fit_the_loss_are_refused_with_what_to_pass()
    {
        var info = new OutputInfo("p", "dense", new[] { 3 }, Activation.Softmax);
        using var oneHot = T(new float[,] { { 0, 1, 0 } });
        var sparse = Assert.Throws<ArgumentException>(() => Loss.SparseCategoricalCrossentropy().PrepareTargets(oneHot, info, "y"));
        Assert.Contains("CategoricalCrossentropy", sparse.Message, StringComparison.Ordinal);

        using var indices = tensor(new long[] { 1 });
        var categorical = Assert.Throws<ArgumentException>(() => Loss.CategoricalCrossentropy().PrepareTargets(indices, info, "y"));
        Assert.Contains("SparseCategoricalCrossentropy", categorical.Message, StringComparison.Ordinal);

        var single = new OutputInfo("p", "dense", new[] { 1 }, Activation.Sigmoid);
        using var two = tensor(new float[] { 0, 2 });
        var binary = Assert.Throws<ArgumentException>(() => Loss.BinaryCrossentropy().PrepareTargets(two, single, "y"));
        Assert.Contains("[0, 1]", binary.Message, StringComparison.Ordinal);
    }

    private sealed class Tolerance(double epsilon) : System.Collections.Generic.IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= epsilon;

        public int GetHashCode(double obj) => 0;
    }
}
