using System;
using System.Linq;
using Dsl;
using Dsl.Runtime.Tests.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Numerics;

/// <summary>
/// The shaping kinds compute what Keras computes. Each reference below is written from Keras's definition as plain
/// loops over float arrays (channels-first, as this DSL lays tensors out), never by calling the TorchSharp op the
/// generated code uses; the generated models get deterministic inputs and weights.
/// </summary>
public class ShapingNumericsTests
{
    private const float Tolerance = 1e-5f;

    [Fact]
    public void Layer_normalization_of_an_image_normalises_each_position_over_its_channels()
    {
        using var scope = NewDisposeScope();
        using var model = new LayerNormImageProbe();
        var gamma = new[] { 0.5f, -1f, 2f };
        var beta = new[] { 0.1f, 0.2f, -0.3f };
        SetParameter(model, "layer_normalization_1.inner.weight", gamma);
        SetParameter(model, "layer_normalization_1.inner.bias", beta);
        int[] shape = { 2, 3, 2, 4 };
        var input = Values(shape, i => MathF.Sin(i * 0.7f) * (1 + i % 5));

        var expected = LayerNormOverChannels(input, shape, gamma, beta, epsilon: 0.01f);
        AssertClose(expected, Run(model, input, shape));
    }

    [Fact]
    public void Layer_normalization_of_a_sequence_normalises_each_step_over_its_features()
    {
        using var scope = NewDisposeScope();
        using var model = new LayerNormSequenceProbe();
        var gamma = new[] { 1.5f, 0.25f, -0.5f, 1f };
        var beta = new[] { 0f, -0.1f, 0.3f, 0.7f };
        SetParameter(model, "layer_normalization_1.weight", gamma);
        SetParameter(model, "layer_normalization_1.bias", beta);
        int[] shape = { 2, 5, 4 };
        var input = Values(shape, i => MathF.Cos(i * 1.3f) * (i % 3 + 1));

        // (N, steps, features): each of the 2·5 steps is normalised over its 4 features, as 10 one-pixel images would be.
        var expected = LayerNormOverChannels(input, new[] { 10, 4, 1, 1 }, gamma, beta, epsilon: 0.001f);
        AssertClose(expected, Run(model, input, shape));
    }

    [Fact]
    public void Layer_normalization_starts_as_gamma_ones_and_beta_zeros()
    {
        using var model = new LayerNormEveryRank();
        var parameters = model.named_parameters().Where(p => p.name.StartsWith("layer_normalization_", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, parameters.Count);
        Assert.Equal(2 * (8 + 8 + 288), parameters.Sum(p => p.parameter.numel()));
        foreach (var (name, parameter) in parameters)
        {
            float expected = name.EndsWith(".weight", StringComparison.Ordinal) ? 1f : 0f;
            Assert.All(parameter.data<float>().ToArray(), v => Assert.Equal(expected, v));
        }
    }

    [Fact]
    public void Bilinear_up_sampling_uses_half_pixel_centres_without_aligning_corners()
    {
        using var scope = NewDisposeScope();
        using var model = new BilinearProbe();
        int[] shape = { 2, 2, 3, 4 };
        var input = Values(shape, i => (i * 37 % 11) - 5f);

        var expected = BilinearHalfPixel(input, shape, 2, 3);
        var actual = Run(model, input, shape);
        AssertClose(expected, actual);
        // Corners are not aligned: the first output row is the first input row (the clamped half-pixel reaches it),
        // but the second output row already mixes in a quarter of the second input row.
        Assert.Equal(input[0], actual[0], Tolerance);
    }

    [Fact]
    public void Nearest_up_sampling_repeats_rows_and_columns_by_their_own_factors()
    {
        using var scope = NewDisposeScope();
        using var model = new NearestProbe();
        int[] shape = { 2, 2, 3, 4 };
        var input = Values(shape, i => i);

        int n = shape[0], c = shape[1], h = shape[2], w = shape[3];
        var expected = new float[n * c * h * 2 * w * 3];
        for (int b = 0; b < n; b++)
            for (int ch = 0; ch < c; ch++)
                for (int y = 0; y < h * 2; y++)
                    for (int x = 0; x < w * 3; x++)
                        expected[(((b * c) + ch) * h * 2 + y) * w * 3 + x] = input[(((b * c) + ch) * h + y / 2) * w + x / 3];
        AssertClose(expected, Run(model, input, shape));
    }

    [Fact]
    public void Zero_padding_with_four_sides_puts_each_amount_on_its_own_side()
    {
        using var scope = NewDisposeScope();
        using var model = new ZeroPaddingProbe();
        int[] shape = { 2, 2, 4, 5 };
        var input = Values(shape, i => i + 1);

        // (1, 0, 2, 1): one row on top, none below, two columns on the left, one on the right.
        const int Top = 1, Bottom = 0, Left = 2, Right = 1;
        int n = shape[0], c = shape[1], h = shape[2], w = shape[3];
        int oh = h + Top + Bottom, ow = w + Left + Right;
        var expected = new float[n * c * oh * ow];
        for (int b = 0; b < n; b++)
            for (int ch = 0; ch < c; ch++)
                for (int y = 0; y < h; y++)
                    for (int x = 0; x < w; x++)
                        expected[(((b * c) + ch) * oh + y + Top) * ow + x + Left] = input[(((b * c) + ch) * h + y) * w + x];
        Assert.Equal(new long[] { n, c, oh, ow }, ZeroPaddingProbe.OutputShape.Prepend(n).Select(d => (long)d).ToArray());
        AssertClose(expected, Run(model, input, shape));
    }

    [Fact]
    public void Cropping_with_four_sides_cuts_each_amount_off_its_own_side()
    {
        using var scope = NewDisposeScope();
        using var model = new CroppingProbe();
        int[] shape = { 2, 2, 6, 7 };
        var input = Values(shape, i => i + 1);

        // (1, 2, 0, 3): one row off the top, two off the bottom, none off the left, three off the right.
        const int Top = 1, Bottom = 2, Left = 0, Right = 3;
        int n = shape[0], c = shape[1], h = shape[2], w = shape[3];
        int oh = h - Top - Bottom, ow = w - Left - Right;
        var expected = new float[n * c * oh * ow];
        for (int b = 0; b < n; b++)
            for (int ch = 0; ch < c; ch++)
                for (int y = 0; y < oh; y++)
                    for (int x = 0; x < ow; x++)
                        expected[(((b * c) + ch) * oh + y) * ow + x] = input[(((b * c) + ch) * h + y + Top) * w + x + Left];
        AssertClose(expected, Run(model, input, shape));
    }

    [Fact]
    public void Rescaling_multiplies_by_the_scale_then_adds_the_offset()
    {
        using var scope = NewDisposeScope();
        using var model = new RescalingProbe();
        int[] shape = { 3, 2, 3 };
        var input = Values(shape, i => i * 15f);   // 0 .. 255

        var expected = input.Select(v => v * (float)(1.0 / 127.5) + -1f).ToArray();
        var actual = Run(model, input, shape);
        AssertClose(expected, actual);
        Assert.Equal(-1f, actual[0], Tolerance);
        Assert.Equal(1f, actual[^1], Tolerance);
    }

    [Fact]
    public void A_hard_sigmoid_layer_is_keras_3s_relu6_of_x_plus_3_over_6()
    {
        using var scope = NewDisposeScope();
        using var model = new HardSigmoidProbe();
        var input = new[] { -4f, -3f, -2.5f, -1f, 0f, 0.5f, 2.9f, 3f, 4f };

        // Keras 3: hard_sigmoid(x) = relu6(x + 3) / 6 (Keras 2 used 0.2·x + 0.5, which differs between ±2.5 and ±3).
        var expected = input.Select(x => Math.Min(Math.Max(x + 3f, 0f), 6f) / 6f).ToArray();
        AssertClose(expected, Run(model, input, new[] { 1, 9 }));
    }

    [Fact]
    public void A_final_softmax_layer_is_left_out_of_the_logits_and_applied_in_forward()
    {
        using var scope = NewDisposeScope();
        using var model = new SoftmaxLayerProbe();
        var weight = Values(new[] { 3, 4 }, i => (i % 5) * 0.25f - 0.5f);
        SetParameter(model, "dense_1.weight", weight);
        SetParameter(model, "dense_1.bias", new[] { 0.1f, -0.2f, 0.3f });
        int[] shape = { 2, 4 };
        var input = Values(shape, i => i - 3.5f);

        var logits = new float[2 * 3];
        for (int b = 0; b < 2; b++)
        {
            for (int o = 0; o < 3; o++)
            {
                float sum = new[] { 0.1f, -0.2f, 0.3f }[o];
                for (int i = 0; i < 4; i++)
                    sum += weight[o * 4 + i] * input[b * 4 + i];
                logits[b * 3 + o] = sum;
            }
        }
        var probabilities = new float[logits.Length];
        for (int b = 0; b < 2; b++)
        {
            var row = logits.Skip(b * 3).Take(3).ToArray();
            float max = row.Max();
            float total = row.Sum(v => MathF.Exp(v - max));
            for (int o = 0; o < 3; o++)
                probabilities[b * 3 + o] = MathF.Exp(row[o] - max) / total;
        }

        using var x = tensor(input, shape.Select(d => (long)d).ToArray());
        AssertClose(logits, model.ForwardLogits(x).data<float>().ToArray());
        AssertClose(probabilities, model.forward(x).data<float>().ToArray());
        Assert.Equal(Activation.Softmax, SoftmaxLayerProbe.Layers[^1].Activation);
    }

    [Fact]
    public void Global_max_pooling_takes_each_channels_maximum()
    {
        using var scope = NewDisposeScope();
        using var model = new GlobalMaxPoolProbe();
        int[] shape = { 2, 3, 2, 3 };
        var input = Values(shape, i => MathF.Sin(i * 2.1f) - i * 0.01f);

        var expected = new float[2 * 3];
        for (int m = 0; m < 6; m++)
            expected[m] = input.Skip(m * 6).Take(6).Max();
        AssertClose(expected, Run(model, input, shape));
    }

    [Fact]
    public void Reshape_keeps_the_values_in_their_channels_first_order()
    {
        using var scope = NewDisposeScope();
        using var model = new ReshapeProbe();
        int[] shape = { 2, 2, 3, 4 };
        var input = Values(shape, i => i * 0.5f);

        using var x = tensor(input, shape.Select(d => (long)d).ToArray());
        using var output = model.forward(x);
        Assert.Equal(new long[] { 2, 4, 6 }, output.shape);
        AssertClose(input, output.data<float>().ToArray());
    }

    [Fact]
    public void Spatial_dropout_drops_whole_channels_in_training_only()
    {
        using var scope = NewDisposeScope();
        using var model = new SpatialDropoutProbe();
        torch.manual_seed(3);
        using var x = torch.ones(8, 16, 3, 3);
        model.train();
        var output = model.forward(x).data<float>().ToArray();
        int dropped = 0;
        for (int map = 0; map < 8 * 16; map++)
        {
            var values = output.Skip(map * 9).Take(9).Distinct().ToArray();
            var value = Assert.Single(values);
            Assert.True(value == 0f || Math.Abs(value - 2f) < Tolerance, "a kept channel is scaled by 1 / (1 - 0.5), got " + value);
            dropped += value == 0f ? 1 : 0;
        }
        Assert.InRange(dropped, 32, 96);
        model.eval();
        AssertClose(Enumerable.Repeat(1f, 8 * 16 * 9).ToArray(), model.forward(x).data<float>().ToArray());
    }

    /// <summary>Keras's LayerNormalization with axis -1 on channels-last data, written for channels-first (N, C, H, W).</summary>
    private static float[] LayerNormOverChannels(float[] input, int[] shape, float[] gamma, float[] beta, float epsilon)
    {
        int n = shape[0], c = shape[1], positions = shape[2] * shape[3];
        var output = new float[input.Length];
        for (int b = 0; b < n; b++)
        {
            for (int p = 0; p < positions; p++)
            {
                double mean = 0, variance = 0;
                for (int ch = 0; ch < c; ch++)
                    mean += input[(b * c + ch) * positions + p];
                mean /= c;
                for (int ch = 0; ch < c; ch++)
                {
                    double d = input[(b * c + ch) * positions + p] - mean;
                    variance += d * d;
                }
                variance /= c;
                for (int ch = 0; ch < c; ch++)
                {
                    int i = (b * c + ch) * positions + p;
                    output[i] = (float)((input[i] - mean) / Math.Sqrt(variance + epsilon) * gamma[ch] + beta[ch]);
                }
            }
        }
        return output;
    }

    /// <summary>
    /// Keras's bilinear resize (TensorFlow's kernel with half_pixel_centers): output pixel y samples the input at
    /// (y + 0.5) · in / out − 0.5; the two neighbours are clamped to the image, the weight is the fractional part.
    /// </summary>
    private static float[] BilinearHalfPixel(float[] input, int[] shape, int factorHeight, int factorWidth)
    {
        int n = shape[0], c = shape[1], h = shape[2], w = shape[3];
        int oh = h * factorHeight, ow = w * factorWidth;
        var output = new float[n * c * oh * ow];
        for (int map = 0; map < n * c; map++)
        {
            for (int y = 0; y < oh; y++)
            {
                var (y0, y1, ly) = Neighbours(y, h, oh);
                for (int x = 0; x < ow; x++)
                {
                    var (x0, x1, lx) = Neighbours(x, w, ow);
                    float At(int row, int column) => input[(map * h + row) * w + column];
                    float top = At(y0, x0) + (At(y0, x1) - At(y0, x0)) * lx;
                    float bottom = At(y1, x0) + (At(y1, x1) - At(y1, x0)) * lx;
                    output[(map * oh + y) * ow + x] = top + (bottom - top) * ly;
                }
            }
        }
        return output;

        static (int Lower, int Upper, float Lerp) Neighbours(int position, int size, int resized)
        {
            double source = (position + 0.5) * size / resized - 0.5;
            double floor = Math.Floor(source);
            int lower = Math.Max((int)floor, 0);
            int upper = Math.Min((int)Math.Ceiling(source), size - 1);
            return (lower, upper, (float)(source - floor));
        }
    }

    private static float[] Values(int[] shape, Func<int, float> value) =>
        Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(value).ToArray();

    private static float[] Run(nn.Module model, float[] input, int[] shape)
    {
        model.eval();
        using var x = tensor(input, shape.Select(d => (long)d).ToArray());
        using var output = model.forward(x);
        return output.contiguous().data<float>().ToArray();
    }

    private static void SetParameter(nn.Module model, string name, float[] values)
    {
        var parameter = model.named_parameters().Single(p => p.name == name).parameter;
        using var noGrad = no_grad();
        using var source = tensor(values, parameter.shape);
        parameter.copy_(source);
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance, $"at {i}: expected {expected[i]}, got {actual[i]}");
    }
}

// Single-layer probes for the tests above.

[Input(3, 2, 4)]
[LayerNorm(Epsilon = 0.01)]
public partial class LayerNormImageProbe;

[Input(5, 4)]
[LayerNorm]
public partial class LayerNormSequenceProbe;

[Input(2, 3, 4)]
[UpSampling2D(2, 3, Interpolation = Interpolation.Bilinear)]
public partial class BilinearProbe;

[Input(2, 3, 4)]
[UpSampling2D(2, 3)]
public partial class NearestProbe;

[Input(2, 4, 5)]
[ZeroPadding2D(1, 0, 2, 1)]
public partial class ZeroPaddingProbe;

[Input(2, 6, 7)]
[Cropping2D(1, 2, 0, 3)]
public partial class CroppingProbe;

[Input(2, 3)]
[Rescaling(1.0 / 127.5, Offset = -1.0)]
public partial class RescalingProbe;

[Input(9)]
[Activation(Activation.HardSigmoid)]
public partial class HardSigmoidProbe;

[Input(4)]
[Dense(3)]
[Activation(Activation.Softmax)]
public partial class SoftmaxLayerProbe;

[Input(3, 2, 3)]
[GlobalMaxPool2D]
public partial class GlobalMaxPoolProbe;

[Input(2, 3, 4)]
[Reshape(4, -1)]
public partial class ReshapeProbe;

[Input(16, 3, 3)]
[SpatialDropout2D(0.5)]
public partial class SpatialDropoutProbe;
