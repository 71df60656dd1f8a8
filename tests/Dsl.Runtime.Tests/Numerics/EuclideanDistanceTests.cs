using System;
using System.Linq;
using Dsl;
using Dsl.Runtime.Tests.Models;
using Dsl.Runtime.Tests.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Numerics;

/// <summary>
/// EuclideanDistance is the <c>euclidean_distance</c> Lambda of Keras's siamese example,
/// <c>sqrt(maximum(sum(square(x − y), axis=1, keepdims=True), epsilon()))</c>: checked against that formula written as
/// loops in double, at a = b (where the floor gives √1e-7 and the gradient must stay finite), and in ONNX Runtime.
/// </summary>
public class EuclideanDistanceTests
{
    [Fact]
    public void The_distance_is_the_root_of_the_summed_squared_differences_over_every_axis_but_the_batch()
    {
        using var scope = NewDisposeScope();
        using var model = Identity(new ImageDistance());
        int[] shape = { 3, 2, 3, 4 };
        int size = shape.Aggregate(1, (a, b) => a * b), perSample = size / shape[0];
        var a = Enumerable.Range(0, size).Select(i => MathF.Sin(i * 0.37f) * (1 + (i % 4))).ToArray();
        var b = Enumerable.Range(0, size).Select(i => MathF.Cos(i * 0.11f) - (i % 3)).ToArray();
        a.AsSpan(perSample, perSample).Clear();   // the second sample: a = b = 0
        b.AsSpan(perSample, perSample).Clear();

        var output = Run(model, a, b, shape);

        Assert.Equal(new long[] { 3, 1 }, output.shape);
        var values = output.data<float>().ToArray();
        for (int n = 0; n < shape[0]; n++)
        {
            double sum = 0;
            for (int i = n * perSample; i < (n + 1) * perSample; i++)
                sum += (a[i] - (double)b[i]) * (a[i] - (double)b[i]);
            double expected = Math.Sqrt(Math.Max(sum, 1e-7));
            Assert.True(Math.Abs(values[n] - expected) <= 1e-5 * Math.Max(1, expected), $"sample {n}: {values[n]}, expected {expected}");
        }
        Assert.Equal(Math.Sqrt(1e-7), values[1], 1e-7);
    }

    [Fact]
    public void The_gradient_is_the_unit_difference_where_the_inputs_differ_and_zero_not_infinite_where_they_are_equal()
    {
        using var scope = NewDisposeScope();
        using var model = Identity(new ImageDistance());
        var left = tensor(new float[] { 3, 0, 1, 1 }).repeat(6).reshape(1, 2, 3, 4).repeat(2, 1, 1, 1).requires_grad_(true);
        var rightValues = new float[2 * 24];
        rightValues.AsSpan(0, 24).Fill(1);
        var right = tensor(rightValues).reshape(2, 2, 3, 4);
        right[1] = left[1].detach();   // the second pair: equal
        right.requires_grad_(true);

        var distance = ((IGeneratedModel)model).Run(new[] { left, right })[0];
        distance.sum().backward();

        var gradient = left.grad!.data<float>().ToArray();
        Assert.All(gradient, g => Assert.True(float.IsFinite(g)));
        // First pair: a − b is (2, −1, 0, 0) six times, so d = √(6·5) and ∂d/∂a = (a − b) / d.
        double d = Math.Sqrt(30);
        var expected = new[] { 2 / d, -1 / d, 0, 0 };
        for (int i = 0; i < 4; i++)
            Assert.Equal(expected[i], gradient[i], 1e-6);
        Assert.All(gradient.Skip(24), g => Assert.Equal(0f, g));
        Assert.All(right.grad!.data<float>().ToArray().Skip(24), g => Assert.Equal(0f, g));
    }

    [Fact]
    public void Onnx_Runtime_gives_the_same_distances_including_the_floor_where_the_inputs_are_equal()
    {
        using var scope = NewDisposeScope();
        using var model = Identity(new ImageDistance());
        using var generator = new Generator(7);
        var left = randn(new long[] { 4, 2, 3, 4 }, generator: generator);
        var right = randn(new long[] { 4, 2, 3, 4 }, generator: generator);
        right[2] = left[2];

        using var session = OnnxRuntimeRunner.Load(OnnxRuntimeRunner.Export(model));
        var expected = OnnxRuntimeRunner.Torch(model, new[] { left, right })[0];
        var actual = OnnxRuntimeRunner.Run(session, new[] { "left", "right" }, new[] { left, right }, new[] { "output" })[0];

        Assert.Equal(new long[] { 4, 1 }, actual.Shape);
        OnnxRuntimeRunner.AssertClose("ImageDistance", expected, actual.Values);
        Assert.Equal(Math.Sqrt(1e-7), actual.Values[2], 1e-7);
    }

    [Fact]
    public void The_layer_has_no_parameters_and_one_value_per_sample()
    {
        var distance = ImageDistance.Info.Layers.Single(l => l.Name == "distance");
        Assert.Equal(0, distance.ParameterCount);
        Assert.Equal(new[] { 1 }, distance.OutputShape);
        // DenseSiamese: Dense(6 → 4) shared, BatchNorm of one value (2 trainable, 2 moving), Dense(1 → 1).
        Assert.Equal(28 + 4 + 2, DenseSiamese.Info.ParameterCount);
    }

    /// <summary>The model's Dense(1) set to weight 1, bias 0, so that its output is the distance.</summary>
    private static ImageDistance Identity(ImageDistance model)
    {
        using var _ = no_grad();
        foreach (var (name, parameter) in model.named_parameters())
            parameter.copy_(name.EndsWith("weight", StringComparison.Ordinal) ? ones_like(parameter) : zeros_like(parameter));
        model.eval();
        return model;
    }

    private static Tensor Run(ImageDistance model, float[] a, float[] b, int[] shape)
    {
        var dims = shape.Select(d => (long)d).ToArray();
        using var _ = no_grad();
        return ((IGeneratedModel)model).Run(new[] { tensor(a).reshape(dims), tensor(b).reshape(dims) })[0];
    }
}
