using System;
using System.Linq;
using Dsl.Runtime.Tests.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Numerics;

/// <summary>
/// The 2-D convolution family computes what Keras (TensorFlow) computes, not what TorchSharp's modules mean by the
/// same words. Each probe (ConvsZoo.cs) gets deterministic weights, given in Keras's kernel layout and copied into
/// the TorchSharp module index by index; its output is compared with naive loops over Keras's definitions:
/// a convolution reads input cell y·s + k·d − pad_before (pad_before the smaller half of "same"'s total padding,
/// computed for the dilated kernel); a transposed convolution is the gradient of that convolution with respect to
/// its input (TensorFlow's conv2d_transpose), on an output of Keras's size; a depthwise convolution gives output
/// channel c·m + j from channel c and kernel j; a separable convolution is a depthwise one without bias followed by a
/// 1x1 convolution with the bias.
/// </summary>
public class ConvsNumericsTests
{
    private const int Batch = 2;

    // Transposed convolutions: valid and same, odd and even kernels, stride 2 and 3, k below s, dilation.

    [Fact]
    public void Transposed_valid_odd_kernel_stride_2() => CheckTransposed(new TransposeValidOddKernelProbe(), 3, 3, 3, (2, 2), (1, 1), same: false);

    [Fact]
    public void Transposed_valid_even_kernel_stride_2() => CheckTransposed(new TransposeValidEvenKernelProbe(), 3, 4, 4, (2, 2), (1, 1), same: false);

    [Fact]
    public void Transposed_same_odd_kernel_stride_2_cuts_the_odd_extra_at_the_bottom_right() =>
        CheckTransposed(new TransposeSameOddKernelProbe(), 3, 3, 3, (2, 2), (1, 1), same: true);

    [Fact]
    public void Transposed_same_even_kernel_stride_2() => CheckTransposed(new TransposeSameEvenKernelProbe(), 3, 4, 4, (2, 2), (1, 1), same: true);

    [Fact]
    public void Transposed_valid_stride_3_odd_and_even_kernel_below_the_stride() =>
        CheckTransposed(new TransposeValidStride3Probe(), 2, 5, 2, (3, 3), (1, 1), same: false);

    [Fact]
    public void Transposed_same_stride_3_even_and_odd_kernel_on_each_axis() =>
        CheckTransposed(new TransposeSameStride3Probe(), 2, 4, 5, (3, 3), (1, 1), same: true);

    [Fact]
    public void Transposed_same_kernel_below_the_stride() => CheckTransposed(new TransposeSameSmallKernelProbe(), 2, 2, 2, (3, 3), (1, 1), same: true);

    [Fact]
    public void Transposed_same_dilated_per_axis() => CheckTransposed(new TransposeSameDilatedProbe(), 2, 2, 3, (1, 1), (3, 2), same: true);

    // Conv2D with dilation and groups.

    [Fact]
    public void Dilated_same_conv_with_an_even_kernel_on_an_odd_input_pads_for_the_dilated_kernel() =>
        CheckConv(new DilatedSameEvenKernelProbe(), m => m.conv2d_1, 3, 2, 2, (1, 1), (3, 3), groups: 1, same: true);

    [Fact]
    public void Dilated_same_conv_per_axis() => CheckConv(new DilatedPerAxisProbe(), m => m.conv2d_1, 3, 3, 4, (1, 1), (2, 1), groups: 1, same: true);

    [Fact]
    public void Dilated_valid_conv() => CheckConv(new DilatedValidProbe(), m => m.conv2d_1, 2, 3, 3, (1, 1), (2, 2), groups: 1, same: false);

    [Fact]
    public void Grouped_conv_convolves_each_group_of_channels_with_its_own_filters() =>
        CheckConv(new GroupedProbe(), m => m.conv2d_1, 6, 3, 3, (1, 1), (1, 1), groups: 2, same: true);

    // Depthwise and separable.

    [Fact]
    public void Depthwise_with_multiplier_2_orders_output_channels_as_keras() =>
        CheckDepthwise(new DepthwiseMultiplier2Probe(), 2, 3, 3, (2, 2), same: true);

    [Fact]
    public void Separable_is_depthwise_then_pointwise_with_the_bias_on_the_pointwise() =>
        CheckSeparable(new SeparableProbe(), m => m.separable_conv2d_1, 4, 2, 2, 3, (1, 1), same: true);

    [Fact]
    public void Separable_strided_valid() =>
        CheckSeparable(new SeparableStridedValidProbe(), m => m.separable_conv2d_1, 2, 1, 3, 3, (2, 2), same: false);

    [Fact]
    public void The_reference_itself_matches_a_hand_worked_transposed_convolution()
    {
        // One channel, input [1 2], kernel [1 10 100] (1x3), stride 2: the full transposed convolution is
        // 1 10 102 20 200; "valid" keeps all 5 (2·2 + 3 − 2); "same" keeps 4 starting at ⌊(3 − 2) / 2⌋ = 0.
        var x = new float[] { 1, 2 };
        var k = new float[] { 1, 10, 100 };
        var valid = Reference.Transposed(x, 1, 1, 1, 2, k, null, 1, 3, 1, (1, 2), (1, 1), same: false, out _, out int validWidth);
        var same = Reference.Transposed(x, 1, 1, 1, 2, k, null, 1, 3, 1, (1, 2), (1, 1), same: true, out _, out int sameWidth);
        Assert.Equal(5, validWidth);
        Assert.Equal(new float[] { 1, 10, 102, 20, 200 }, valid);
        Assert.Equal(4, sameWidth);
        Assert.Equal(new float[] { 1, 10, 102, 20 }, same);
    }

    private static void CheckTransposed<TModel>(TModel model, int filters, int kh, int kw, (int H, int W) stride, (int H, int W) dilation, bool same)
        where TModel : nn.Module, IGeneratedModel
    {
        using var scope = NewDisposeScope();
        using var _ = model;
        var layer = (ConvTranspose2d)model.named_children().Single().module;
        AssertDescribed(model, kh, kw, stride, same);
        var (c, h, w) = InputShape(model);
        var kernel = Values(kh * kw * filters * c, seed: 1);
        var bias = Values(filters, seed: 2);
        // Keras's transposed kernel is (kh, kw, filters, c_in); TorchSharp's weight is (c_in, filters, kh, kw).
        var weight = new float[c * filters * kh * kw];
        for (int ky = 0; ky < kh; ky++)
            for (int kx = 0; kx < kw; kx++)
                for (int f = 0; f < filters; f++)
                    for (int ci = 0; ci < c; ci++)
                        weight[(((ci * filters) + f) * kh + ky) * kw + kx] = kernel[(((ky * kw) + kx) * filters + f) * c + ci];
        Set(layer.weight, weight);
        Set(layer.bias!, bias);

        var x = Values(Batch * c * h * w, seed: 3);
        var expected = Reference.Transposed(x, Batch, c, h, w, kernel, bias, kh, kw, filters, stride, dilation, same, out int oh, out int ow);
        AssertOutput(model, x, expected, filters, oh, ow);
    }

    private static void CheckConv<TModel>(TModel model, Func<TModel, Conv2d> module, int filters, int kh, int kw, (int H, int W) stride, (int H, int W) dilation, int groups, bool same)
        where TModel : nn.Module, IGeneratedModel
    {
        using var scope = NewDisposeScope();
        using var _ = model;
        AssertDescribed(model, kh, kw, stride, same);
        var (c, h, w) = InputShape(model);
        int groupChannels = c / groups;
        var kernel = Values(kh * kw * groupChannels * filters, seed: 4);
        var bias = Values(filters, seed: 5);
        // Keras's kernel is (kh, kw, c_in / groups, filters); TorchSharp's weight is (filters, c_in / groups, kh, kw).
        var weight = new float[filters * groupChannels * kh * kw];
        for (int ky = 0; ky < kh; ky++)
            for (int kx = 0; kx < kw; kx++)
                for (int ci = 0; ci < groupChannels; ci++)
                    for (int f = 0; f < filters; f++)
                        weight[(((f * groupChannels) + ci) * kh + ky) * kw + kx] = kernel[(((ky * kw) + kx) * groupChannels + ci) * filters + f];
        var conv = module(model);
        Set(conv.weight, weight);
        Set(conv.bias!, bias);

        var x = Values(Batch * c * h * w, seed: 6);
        var expected = Reference.Conv(x, Batch, c, h, w, kernel, bias, kh, kw, filters, stride, dilation, groups, same, out int oh, out int ow);
        AssertOutput(model, x, expected, filters, oh, ow);
    }

    private static void CheckDepthwise<TModel>(TModel model, int multiplier, int kh, int kw, (int H, int W) stride, bool same)
        where TModel : nn.Module, IGeneratedModel
    {
        using var scope = NewDisposeScope();
        using var _ = model;
        var layer = (Conv2d)model.named_children().Single().module;
        AssertDescribed(model, kh, kw, stride, same);
        var (c, h, w) = InputShape(model);
        var kernel = Values(kh * kw * c * multiplier, seed: 7);
        var bias = Values(c * multiplier, seed: 8);
        Set(layer.weight, DepthwiseWeight(kernel, c, multiplier, kh, kw));
        Set(layer.bias!, bias);

        var x = Values(Batch * c * h * w, seed: 9);
        var expected = Reference.Depthwise(x, Batch, c, h, w, kernel, bias, kh, kw, multiplier, stride, same, out int oh, out int ow);
        AssertOutput(model, x, expected, c * multiplier, oh, ow);
    }

    private static void CheckSeparable<TModel>(TModel model, Func<TModel, Sequential> module, int filters, int multiplier, int kh, int kw, (int H, int W) stride, bool same)
        where TModel : nn.Module, IGeneratedModel
    {
        using var scope = NewDisposeScope();
        using var _ = model;
        AssertDescribed(model, kh, kw, stride, same);
        var children = module(model).named_children().ToDictionary(c => c.name, c => (Conv2d)c.module);
        Assert.Equal(new[] { "depthwise", "pointwise" }, children.Keys.Order());
        Assert.Null(children["depthwise"].bias);
        var (c, h, w) = InputShape(model);
        int depth = c * multiplier;
        var depthwiseKernel = Values(kh * kw * c * multiplier, seed: 10);
        var pointwiseKernel = Values(depth * filters, seed: 11);
        var bias = Values(filters, seed: 12);
        Set(children["depthwise"].weight, DepthwiseWeight(depthwiseKernel, c, multiplier, kh, kw));
        // Keras's pointwise kernel is (1, 1, c_in·m, filters); TorchSharp's weight is (filters, c_in·m, 1, 1).
        var pointwise = new float[filters * depth];
        for (int j = 0; j < depth; j++)
            for (int f = 0; f < filters; f++)
                pointwise[(f * depth) + j] = pointwiseKernel[(j * filters) + f];
        Set(children["pointwise"].weight, pointwise);
        Set(children["pointwise"].bias!, bias);

        var x = Values(Batch * c * h * w, seed: 13);
        var depthwise = Reference.Depthwise(x, Batch, c, h, w, depthwiseKernel, null, kh, kw, multiplier, stride, same, out int oh, out int ow);
        var expected = Reference.Pointwise(depthwise, Batch, depth, oh, ow, pointwiseKernel, bias, filters);
        AssertOutput(model, x, expected, filters, oh, ow);
    }

    /// <summary>Keras's depthwise kernel is (kh, kw, c_in, m); TorchSharp's grouped weight is (c_in·m, 1, kh, kw).</summary>
    private static float[] DepthwiseWeight(float[] kernel, int channels, int multiplier, int kh, int kw)
    {
        var weight = new float[channels * multiplier * kh * kw];
        for (int ky = 0; ky < kh; ky++)
            for (int kx = 0; kx < kw; kx++)
                for (int ci = 0; ci < channels; ci++)
                    for (int j = 0; j < multiplier; j++)
                        weight[((((ci * multiplier) + j) * kh + ky) * kw) + kx] = kernel[(((ky * kw) + kx) * channels + ci) * multiplier + j];
        return weight;
    }

    private static void AssertDescribed(IGeneratedModel model, int kh, int kw, (int H, int W) stride, bool same)
    {
        var layer = model.Info.Layers.Single();
        Assert.Equal(new[] { kh, kw }, layer.Window);
        Assert.Equal(new[] { stride.H, stride.W }, layer.Stride);
        Assert.Equal(same ? Padding.Same : Padding.Valid, layer.Padding);
        Assert.Equal(Activation.None, layer.Activation);
    }

    private static (int C, int H, int W) InputShape(IGeneratedModel model) => (model.Info.InputShape[0], model.Info.InputShape[1], model.Info.InputShape[2]);

    private static void AssertOutput(nn.Module model, float[] input, float[] expected, int channels, int height, int width)
    {
        var info = ((IGeneratedModel)model).Info;
        Assert.Equal(new[] { channels, height, width }, info.OutputShape);
        using var x = tensor(input).reshape(new long[] { Batch }.Concat(info.InputShape.Select(d => (long)d)).ToArray());
        using var y = model.forward(x);
        Assert.Equal(new long[] { Batch, channels, height, width }, y.shape);
        var actual = y.data<float>().ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double tolerance = 1e-5 * (1 + Math.Abs(expected[i]));
            Assert.True(Math.Abs(actual[i] - expected[i]) <= tolerance, $"output {i}: {actual[i]} but Keras's definition gives {expected[i]}");
        }
    }

    private static void Set(Tensor parameter, float[] values)
    {
        Assert.Equal(parameter.numel(), values.Length);
        using var noGrad = no_grad();
        using var source = tensor(values).reshape(parameter.shape);
        parameter.copy_(source);
    }

    /// <summary>Deterministic values in [-1, 1) that differ from cell to cell (a small linear congruential sequence).</summary>
    private static float[] Values(int count, int seed)
    {
        var values = new float[count];
        uint state = (uint)(seed * 2654435761u) + 12345u;
        for (int i = 0; i < count; i++)
        {
            state = (state * 1664525u) + 1013904223u;
            values[i] = ((state >> 8) / (float)(1 << 24) * 2f) - 1f;
        }
        return values;
    }

    /// <summary>Keras's definitions as plain loops over (N, C, H, W) float arrays, accumulated in double.</summary>
    internal static class Reference
    {
        /// <summary>Zero cells "same" puts before the input: the smaller half of the total, as TensorFlow.</summary>
        public static int SameBefore(int input, int window, int stride)
        {
            int output = (input + stride - 1) / stride;
            return Math.Max(((output - 1) * stride) + window - input, 0) / 2;
        }

        /// <summary>Conv2D: kernel (kh, kw, c_in / groups, filters).</summary>
        public static float[] Conv(float[] x, int n, int c, int h, int w, float[] kernel, float[]? bias, int kh, int kw, int filters,
            (int H, int W) stride, (int H, int W) dilation, int groups, bool same, out int oh, out int ow)
        {
            int ekh = ((kh - 1) * dilation.H) + 1, ekw = ((kw - 1) * dilation.W) + 1;
            oh = same ? (h + stride.H - 1) / stride.H : ((h - ekh) / stride.H) + 1;
            ow = same ? (w + stride.W - 1) / stride.W : ((w - ekw) / stride.W) + 1;
            int top = same ? SameBefore(h, ekh, stride.H) : 0, left = same ? SameBefore(w, ekw, stride.W) : 0;
            int groupChannels = c / groups, groupFilters = filters / groups;
            var y = new float[n * filters * oh * ow];
            for (int b = 0; b < n; b++)
                for (int f = 0; f < filters; f++)
                    for (int oy = 0; oy < oh; oy++)
                        for (int ox = 0; ox < ow; ox++)
                        {
                            double sum = bias?[f] ?? 0;
                            int group = f / groupFilters;
                            for (int ci = 0; ci < groupChannels; ci++)
                                for (int ky = 0; ky < kh; ky++)
                                    for (int kx = 0; kx < kw; kx++)
                                    {
                                        int iy = (oy * stride.H) + (ky * dilation.H) - top, ix = (ox * stride.W) + (kx * dilation.W) - left;
                                        if (iy < 0 || iy >= h || ix < 0 || ix >= w)
                                            continue;
                                        int channel = (group * groupChannels) + ci;
                                        sum += x[(((b * c) + channel) * h + iy) * w + ix] * (double)kernel[(((ky * kw) + kx) * groupChannels + ci) * filters + f];
                                    }
                            y[(((b * filters) + f) * oh + oy) * ow + ox] = (float)sum;
                        }
            return y;
        }

        /// <summary>
        /// Conv2DTranspose: the gradient of Conv2D (same kernel, strides, dilation and padding) with respect to its
        /// input, for an input of Keras's output size; kernel (kh, kw, filters, c_in).
        /// </summary>
        public static float[] Transposed(float[] x, int n, int c, int h, int w, float[] kernel, float[]? bias, int kh, int kw, int filters,
            (int H, int W) stride, (int H, int W) dilation, bool same, out int oh, out int ow)
        {
            int ekh = ((kh - 1) * dilation.H) + 1, ekw = ((kw - 1) * dilation.W) + 1;
            // keras/src/ops/operation_utils.py, compute_conv_transpose_output_length.
            oh = same ? h * stride.H : (h * stride.H) + Math.Max(ekh - stride.H, 0);
            ow = same ? w * stride.W : (w * stride.W) + Math.Max(ekw - stride.W, 0);
            // The forward convolution maps the output (oh x ow) back to the input (h x w) with this padding.
            int top = same ? SameBefore(oh, ekh, stride.H) : 0, left = same ? SameBefore(ow, ekw, stride.W) : 0;
            var sums = new double[n * filters * oh * ow];
            for (int b = 0; b < n; b++)
                for (int f = 0; f < filters; f++)
                    for (int i = 0; i < oh * ow; i++)
                        sums[((b * filters) + f) * oh * ow + i] = bias?[f] ?? 0;
            for (int b = 0; b < n; b++)
                for (int ci = 0; ci < c; ci++)
                    for (int iy = 0; iy < h; iy++)
                        for (int ix = 0; ix < w; ix++)
                            for (int ky = 0; ky < kh; ky++)
                                for (int kx = 0; kx < kw; kx++)
                                {
                                    int oy = (iy * stride.H) + (ky * dilation.H) - top, ox = (ix * stride.W) + (kx * dilation.W) - left;
                                    if (oy < 0 || oy >= oh || ox < 0 || ox >= ow)
                                        continue;
                                    for (int f = 0; f < filters; f++)
                                    {
                                        sums[(((b * filters) + f) * oh + oy) * ow + ox] +=
                                            x[(((b * c) + ci) * h + iy) * w + ix] * (double)kernel[(((ky * kw) + kx) * filters + f) * c + ci];
                                    }
                                }
            return sums.Select(s => (float)s).ToArray();
        }

        /// <summary>DepthwiseConv2D: kernel (kh, kw, c_in, m); output channel c·m + j.</summary>
        public static float[] Depthwise(float[] x, int n, int c, int h, int w, float[] kernel, float[]? bias, int kh, int kw, int multiplier,
            (int H, int W) stride, bool same, out int oh, out int ow)
        {
            oh = same ? (h + stride.H - 1) / stride.H : ((h - kh) / stride.H) + 1;
            ow = same ? (w + stride.W - 1) / stride.W : ((w - kw) / stride.W) + 1;
            int top = same ? SameBefore(h, kh, stride.H) : 0, left = same ? SameBefore(w, kw, stride.W) : 0;
            int outChannels = c * multiplier;
            var y = new float[n * outChannels * oh * ow];
            for (int b = 0; b < n; b++)
                for (int ci = 0; ci < c; ci++)
                    for (int j = 0; j < multiplier; j++)
                        for (int oy = 0; oy < oh; oy++)
                            for (int ox = 0; ox < ow; ox++)
                            {
                                int o = (ci * multiplier) + j;
                                double sum = bias?[o] ?? 0;
                                for (int ky = 0; ky < kh; ky++)
                                    for (int kx = 0; kx < kw; kx++)
                                    {
                                        int iy = (oy * stride.H) + ky - top, ix = (ox * stride.W) + kx - left;
                                        if (iy < 0 || iy >= h || ix < 0 || ix >= w)
                                            continue;
                                        sum += x[(((b * c) + ci) * h + iy) * w + ix] * (double)kernel[(((ky * kw) + kx) * c + ci) * multiplier + j];
                                    }
                                y[(((b * outChannels) + o) * oh + oy) * ow + ox] = (float)sum;
                            }
            return y;
        }

        /// <summary>A 1x1 convolution: kernel (c_in, filters).</summary>
        public static float[] Pointwise(float[] x, int n, int c, int h, int w, float[] kernel, float[] bias, int filters)
        {
            var y = new float[n * filters * h * w];
            for (int b = 0; b < n; b++)
                for (int f = 0; f < filters; f++)
                    for (int p = 0; p < h * w; p++)
                    {
                        double sum = bias[f];
                        for (int ci = 0; ci < c; ci++)
                            sum += x[((b * c) + ci) * h * w + p] * (double)kernel[(ci * filters) + f];
                        y[((b * filters) + f) * h * w + p] = (float)sum;
                    }
            return y;
        }
    }
}
