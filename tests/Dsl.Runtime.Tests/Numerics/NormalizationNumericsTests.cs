using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Runtime.Tests.Models;
using Dsl.Runtime.Tests.Training;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Numerics;

/// <summary>
/// Normalization, Permute, RepeatVector and the merges' broadcasting compute what Keras computes. The references are
/// written from Keras's definitions as loops over arrays (normalization.py's call and adapt, base_merge.py's
/// broadcasting, Permute's transpose, in Keras's (height, width, channels) order where Keras's axes are meant), in
/// float64, never by calling the TorchSharp op the generated code uses; the docstring examples are Keras's own figures.
/// </summary>
public class NormalizationNumericsTests
{
    private const double Tolerance = 1e-5;

    [Fact]
    public void Kerass_docstring_examples_give_kerass_figures()
    {
        using var scope = NewDisposeScope();
        // Per index of the last axis: adapt on four rows, then [0, 7, 4] is one standard deviation below each mean.
        var adaptData = tensor(new float[] { 0, 7, 4, 2, 9, 6, 0, 7, 4, 2, 9, 6 }).reshape(4, 3);
        using var features = new NormalizedFeaturesProbe();
        features.normalization_1.Adapt(adaptData);
        AssertClose(new double[] { -1, -1, -1 }, Forward(features, tensor(new float[] { 0, 7, 4 }).reshape(1, 3)));
        // invert=True turns [1, 2, 3] into [2, 10, 8].
        using var inverted = new DenormalizedFeaturesProbe();
        inverted.normalization_1.Adapt(adaptData);
        AssertClose(new double[] { 2, 10, 8 }, Forward(inverted, tensor(new float[] { 1, 2, 3 }).reshape(1, 3)));
        // Normalization(mean=3., variance=2.) on [[1], [2], [3]].
        using var constant = new ConstantStatisticsProbe();
        AssertClose(new[] { -1.4142135, -0.70710677, 0 }, Forward(constant, tensor(new float[] { 1, 2, 3 }).reshape(3, 1)));
        // axis=None adapted on [1, 2, 3, 4, 5]: the same figures.
        using var overall = new OverallStatisticsProbe();
        overall.normalization_1.Adapt(tensor(new float[] { 1, 2, 3, 4, 5 }).reshape(5, 1));
        AssertClose(new[] { -1.4142135, -0.70710677, 0 }, Forward(overall, tensor(new float[] { 1, 2, 3 }).reshape(3, 1)));
    }

    [Fact]
    public void Adapt_computes_each_channels_mean_and_population_variance_and_the_layer_divides_by_the_standard_deviation()
    {
        using var scope = NewDisposeScope();
        using var model = new NormalizedImageProbe();
        int[] shape = { 6, 3, 4, 5 };
        var data = Values(shape, i => Math.Sin(i * 0.37) * (1 + i % 7) + (i % 60 < 20 ? 3 : 0));
        model.normalization_1.Adapt(Tensor(data, shape));

        // Keras: np.mean and np.var (population) over every axis but the channels.
        var mean = new double[3];
        var variance = new double[3];
        for (int c = 0; c < 3; c++)
        {
            var values = Indices(shape).Where(ix => ix[1] == c).Select(ix => data[Flat(ix, shape)]).ToArray();
            mean[c] = values.Average();
            variance[c] = values.Select(v => (v - mean[c]) * (v - mean[c])).Average();
        }
        AssertClose(mean, model.normalization_1.mean!.data<float>().Select(v => (double)v).ToArray());
        AssertClose(variance, model.normalization_1.variance!.data<float>().Select(v => (double)v).ToArray());
        Assert.Equal(0L, model.normalization_1.count!.item<long>());

        var input = Values(new[] { 2, 3, 4, 5 }, i => Math.Cos(i * 0.21) * 4);
        var expected = Indices(new[] { 2, 3, 4, 5 }).Select(ix => (input[Flat(ix, new[] { 2, 3, 4, 5 })] - mean[ix[1]]) / Math.Max(Math.Sqrt(variance[ix[1]]), 1e-7)).ToArray();
        AssertClose(expected, Forward(model, Tensor(input, new[] { 2, 3, 4, 5 })));
    }

    [Fact]
    public void Adapting_over_batches_accumulates_as_keras_does_and_equals_adapting_all_the_data_at_once()
    {
        using var scope = NewDisposeScope();
        int[] shape = { 9, 3, 4, 5 };
        var data = Tensor(Values(shape, i => Math.Exp(Math.Sin(i * 0.11)) * 10 - 5), shape);
        using var once = new NormalizedImageProbe();
        once.normalization_1.Adapt(data);
        using var batched = new NormalizedImageProbe();
        batched.normalization_1.Adapt(new[] { data[..2], data[2..7], data[7..] });
        AssertClose(Floats(once.normalization_1.mean!), Floats(batched.normalization_1.mean!));
        AssertClose(Floats(once.normalization_1.variance!), Floats(batched.normalization_1.variance!));

        // Keras checks only the kept axes: batches of another height and width are statistics of the same channels.
        using var mixed = new NormalizedImageProbe();
        mixed.normalization_1.Adapt(new[] { data[..3], data[3..].reshape(6, 3, 2, 10) });
        AssertClose(Floats(once.normalization_1.mean!), Floats(mixed.normalization_1.mean!));
    }

    [Fact]
    public void Per_pixel_statistics_follow_kerass_height_and_width_axes_and_constants_invert_per_channel()
    {
        using var scope = NewDisposeScope();
        using var model = new PerPixelProbe();
        int[] shape = { 5, 2, 3, 4 };
        var data = Values(shape, i => Math.Sin(i * 0.9) * (1 + i % 4));
        model.normalization_1.Adapt(Tensor(data, shape));
        Assert.Equal(new long[] { 3, 4 }, model.normalization_1.mean!.shape);

        // Keras's axis=(1, 2) of (N, H, W, C): one mean and variance per pixel, over the batch and the channels.
        var mean = new double[3, 4];
        var variance = new double[3, 4];
        for (int h = 0; h < 3; h++)
        {
            for (int w = 0; w < 4; w++)
            {
                var values = Indices(shape).Where(ix => ix[2] == h && ix[3] == w).Select(ix => data[Flat(ix, shape)]).ToArray();
                mean[h, w] = values.Average();
                variance[h, w] = values.Select(v => (v - mean[h, w]) * (v - mean[h, w])).Average();
            }
        }
        double[] constantMean = { 0.5, -1.0 }, constantVariance = { 4.0, 0.25 };
        var expected = Indices(shape).Select(ix =>
        {
            double normalised = (data[Flat(ix, shape)] - mean[ix[2], ix[3]]) / Math.Max(Math.Sqrt(variance[ix[2], ix[3]]), 1e-7);
            return constantMean[ix[1]] + (normalised * Math.Max(Math.Sqrt(constantVariance[ix[1]]), 1e-7));
        }).ToArray();
        AssertClose(expected, Forward(model, Tensor(data, shape)));
    }

    [Fact]
    public void The_statistics_are_state_dict_buffers_that_safetensors_keep_and_constants_are_no_state()
    {
        using var scope = NewDisposeScope();
        using var model = new NormalizationVariants();
        var keys = model.state_dict().Keys.Where(k => !k.StartsWith("dense_", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "overall.count", "overall.mean", "overall.variance", "per_channel.count", "per_channel.mean", "per_channel.variance", "per_pixel.count", "per_pixel.mean", "per_pixel.variance" }, keys);
        Assert.Equal(ScalarType.Int64, model.state_dict()["per_channel.count"].dtype);
        Assert.DoesNotContain(model.parameters(), p => p.shape.Length == 0);

        model.per_channel.Adapt(randn(4, 3, 5, 4).mul(3).add(1));
        using var folder = new TemporaryFolder();
        model.SaveSafetensors(folder.File("weights.safetensors"));
        using var loaded = new NormalizationVariants();
        loaded.LoadSafetensors(folder.File("weights.safetensors"));
        Assert.Equal(Floats(model.per_channel.mean!), Floats(loaded.per_channel.mean!));
        Assert.Equal(Floats(model.per_channel.variance!), Floats(loaded.per_channel.variance!));

        Assert.False(model.constant.IsAdaptable);
        var error = Assert.Throws<InvalidOperationException>(() => model.constant.Adapt(randn(2, 3, 5, 4)));
        Assert.Contains("constants", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => model.per_channel.Adapt(randn(2, 4, 5, 4)));
        Assert.Throws<ArgumentException>(() => model.per_channel.Adapt(randn(3, 5, 4)));
        Assert.Throws<ArgumentException>(() => model.per_channel.Adapt(Array.Empty<Tensor>()));
    }

    [Fact]
    public void Integer_pixels_are_normalised_as_floats()
    {
        using var scope = NewDisposeScope();
        using var model = new NormalizedPixels();
        var pixels = tensor(Enumerable.Range(0, 4 * 18).Select(i => (byte)(i * 37 % 256)).ToArray()).reshape(4, 2, 3, 3);
        model.normalization_1.Adapt(pixels);
        var values = pixels.to_type(ScalarType.Float64).data<double>().ToArray();
        int[] shape = { 4, 2, 3, 3 };
        var expected = new double[4 * 2];
        for (int c = 0; c < 2; c++)
        {
            var channel = Indices(shape).Where(ix => ix[1] == c).Select(ix => values[Flat(ix, shape)]).ToArray();
            double mean = channel.Average(), sd = Math.Sqrt(channel.Select(v => (v - mean) * (v - mean)).Average());
            for (int n = 0; n < 4; n++)
                expected[(n * 2) + c] = Indices(shape).Where(ix => ix[0] == n && ix[1] == c).Max(ix => (values[Flat(ix, shape)] - mean) / sd);
        }
        AssertClose(expected, Forward(model, pixels));
    }

    [Fact]
    public void A_gate_of_one_value_per_channel_scales_every_pixel_of_its_channel()
    {
        using var scope = NewDisposeScope();
        using var model = new GateProbe();
        int[] shape = { 2, 3, 4, 5 };
        var x = Values(shape, i => Math.Sin(i * 0.3));
        var gate = new[] { 0.5, -2.0, 3.0, 1.5, 0.25, -1.0 };
        var expected = Indices(shape).Select(ix => x[Flat(ix, shape)] * gate[(ix[0] * 3) + ix[1]]).ToArray();
        AssertClose(expected, Run(model, Tensor(x, shape), Tensor(gate, new[] { 2, 3, 1, 1 })));
    }

    [Fact]
    public void Inputs_of_lower_rank_align_from_the_right_in_kerass_order()
    {
        using var scope = NewDisposeScope();
        using var model = new CrossRankProbe();
        int[] shape = { 2, 3, 4, 5 };
        var image = Values(shape, i => Math.Cos(i * 0.17));
        var vector = Values(new[] { 2, 3 }, i => i + 1.0);
        var rows = Values(new[] { 2, 5, 3 }, i => (i % 4) - 1.5);
        // Keras: image (H, W, C) + vector (C) broadcast per channel; times rows (W, C), aligned with the last two.
        var keras = new double[2, 4, 5, 3];
        for (int n = 0; n < 2; n++)
            for (int h = 0; h < 4; h++)
                for (int w = 0; w < 5; w++)
                    for (int c = 0; c < 3; c++)
                        keras[n, h, w, c] = (image[Flat(new[] { n, c, h, w }, shape)] + vector[(n * 3) + c]) * rows[(n * 15) + (w * 3) + c];
        var expected = Indices(shape).Select(ix => keras[ix[0], ix[2], ix[3], ix[1]]).ToArray();
        AssertClose(expected, Run(model, Tensor(image, shape), Tensor(vector, new[] { 2, 3 }), Tensor(rows, new[] { 2, 5, 3 })));

        using var subtract = new VectorMinusStepsProbe();
        var v = Values(new[] { 1, 4 }, i => i * 2.0);
        var steps = Values(new[] { 1, 2, 4 }, i => i * 0.5);
        var difference = Enumerable.Range(0, 8).Select(i => v[i % 4] - steps[i]).ToArray();
        AssertClose(difference, Run(subtract, Tensor(v, new[] { 1, 4 }), Tensor(steps, new[] { 1, 2, 4 })));
    }

    [Fact]
    public void Permute_moves_the_axes_keras_names_and_repeat_vector_copies_the_features_to_every_step()
    {
        using var scope = NewDisposeScope();
        using var permute = new PermuteProbe();
        Assert.Equal(new[] { 4, 2, 3 }, PermuteProbe.OutputShape);
        int[] shape = { 2, 2, 3, 4 };
        var x = Values(shape, i => i);
        // Keras: in (H, W, C) = (3, 4, 2); transpose(axes=(0, 3, 1, 2)) gives out[o0, o1, o2] = in[o1, o2, o0], (2, 3, 4) in Keras's
        // order, which this DSL shows channels first as (4, 2, 3).
        var expected = new List<double>();
        for (int n = 0; n < 2; n++)
            for (int c = 0; c < 4; c++)
                for (int h = 0; h < 2; h++)
                    for (int w = 0; w < 3; w++)
                    {
                        // The output's Keras index (o0, o1, o2) = (h, w, c); the input's Keras index (o1, o2, o0) = (w, c, h) is (H, W, C).
                        int inH = w, inW = c, inC = h;
                        expected.Add(x[Flat(new[] { n, inC, inH, inW }, shape)]);
                    }
        AssertClose(expected.ToArray(), Forward(permute, Tensor(x, shape)));

        using var repeat = new RepeatProbe();
        var features = new[] { 1.0, -2.0, 3.5, 0, 4, 8 };
        var repeated = Enumerable.Range(0, 2).SelectMany(n => Enumerable.Range(0, 4).SelectMany(_ => features.Skip(n * 3).Take(3))).ToArray();
        AssertClose(repeated, Forward(repeat, Tensor(features, new[] { 2, 3 })));
    }

    private static double[] Forward(nn.Module<Tensor, Tensor> model, Tensor input)
    {
        model.eval();
        using var _ = no_grad();
        return model.forward(input).to_type(ScalarType.Float64).data<double>().ToArray();
    }

    private static double[] Run(IGeneratedModel model, params Tensor[] inputs)
    {
        using var _ = no_grad();
        return model.Run(inputs)[0].to_type(ScalarType.Float64).data<double>().ToArray();
    }

    private static double[] Floats(Tensor tensor) => tensor.to_type(ScalarType.Float64).data<double>().ToArray();

    private static Tensor Tensor(double[] values, int[] shape) =>
        tensor(values.Select(v => (float)v).ToArray()).reshape(shape.Select(d => (long)d).ToArray());

    private static double[] Values(int[] shape, Func<int, double> value) =>
        Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(i => (double)(float)value(i)).ToArray();

    /// <summary>Every index of a shape, in row-major order.</summary>
    private static IEnumerable<int[]> Indices(int[] shape)
    {
        int count = shape.Aggregate(1, (a, b) => a * b);
        for (int flat = 0; flat < count; flat++)
        {
            var index = new int[shape.Length];
            int rest = flat;
            for (int d = shape.Length - 1; d >= 0; d--)
            {
                index[d] = rest % shape[d];
                rest /= shape[d];
            }
            yield return index;
        }
    }

    private static int Flat(int[] index, int[] shape) => index.Select((i, d) => (i, d)).Aggregate(0, (flat, p) => (flat * shape[p.d]) + p.i);

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double scale = Math.Max(1, Math.Abs(expected[i]));
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance * scale, $"value {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
