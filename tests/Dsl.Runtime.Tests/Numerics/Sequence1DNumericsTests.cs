using System;
using System.Linq;
using Dsl;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Numerics;

// One-layer models for the cases where TorchSharp's modules mean something else than Keras: causal padding, the
// asymmetric "same" padding of an even or dilated kernel or of a stride, pooling over a padded end.

[Input(9, 2)]
[Conv1D(3, 3, Padding = Padding.Causal, DilationRate = 2)]
public partial class CausalDilatedConv1D;

[Input(7, 2)]
[Conv1D(2, 1, Padding = Padding.Causal)]
public partial class CausalPointwiseConv1D;

[Input(7, 2)]
[Conv1D(2, 4, Padding = Padding.Same)]
public partial class EvenKernelSameConv1D;

[Input(8, 1)]
[Conv1D(2, 2, Padding = Padding.Same, DilationRate = 3)]
public partial class DilatedEvenSameConv1D;

[Input(8, 3)]
[Conv1D(2, 3, Padding = Padding.Same, DilationRate = 2)]
public partial class DilatedOddSameConv1D;

[Input(8, 2)]
[Conv1D(3, 3, Stride = 2, Padding = Padding.Same)]
public partial class StridedSameConv1D;

[Input(10, 2)]
[Conv1D(2, 3, Stride = 3, UseBias = false)]
public partial class StridedValidConv1D;

[Input(7, 2)]
[MaxPool1D(2, Padding = Padding.Same)]
public partial class OddLengthSameMaxPool1D;

[Input(8, 2)]
[MaxPool1D(3, Stride = 2, Padding = Padding.Same)]
public partial class StridedSameMaxPool1D;

[Input(7, 2)]
[MaxPool1D(3, Stride = 2)]
public partial class ValidMaxPool1D;

[Input(7, 2)]
[AvgPool1D(2, Padding = Padding.Same)]
public partial class OddLengthSameAvgPool1D;

[Input(10, 2)]
[AvgPool1D(4, Stride = 3, Padding = Padding.Same)]
public partial class StridedSameAvgPool1D;

[Input(7, 2)]
[AvgPool1D(3, Stride = 1, Padding = Padding.Same)]
public partial class SymmetricSameAvgPool1D;

[Input(7, 2)]
[AvgPool1D(3, Stride = 2)]
public partial class ValidAvgPool1D;

[Input(6, 3)]
[GlobalAvgPool1D]
public partial class GlobalAvgPool1DProbe;

[Input(6, 3)]
[GlobalMaxPool1D]
public partial class GlobalMaxPool1DProbe;

[Input(20, 16)]
[Conv1D(32, 5)]
public partial class Conv1DInitialisation;

/// <summary>
/// The 1-D kinds against references written from Keras's definitions as plain loops over arrays, in Keras's own
/// layout (steps, channels) with its kernel layout (k, c_in, filters): nothing below calls a TorchSharp operation
/// to compute an expected value.
/// </summary>
public class Sequence1DNumericsTests
{
    private const float Tolerance = 1e-5f;

    public static TheoryData<string, int, int, int, string> Convolutions() => new()
    {
        // model, kernel, stride, dilation, padding
        { nameof(CausalDilatedConv1D), 3, 1, 2, "causal" },
        { nameof(CausalPointwiseConv1D), 1, 1, 1, "causal" },
        { nameof(EvenKernelSameConv1D), 4, 1, 1, "same" },
        { nameof(DilatedEvenSameConv1D), 2, 1, 3, "same" },
        { nameof(DilatedOddSameConv1D), 3, 1, 2, "same" },
        { nameof(StridedSameConv1D), 3, 2, 1, "same" },
        { nameof(StridedValidConv1D), 3, 3, 1, "valid" },
    };

    [Theory]
    [MemberData(nameof(Convolutions))]
    public void Conv1D_matches_kerass_definition(string name, int kernel, int stride, int dilation, string padding)
    {
        using var scope = NewDisposeScope();
        var info = ModelCatalog.Get(name);
        using var model = info.Create();
        var conv = Assert.IsType<TorchSharp.Modules.Conv1d>(model.named_children().Single().module);
        int length = info.InputShape[0], channels = info.InputShape[1], filters = info.OutputShape[1];

        // Keras's kernel (k, c_in, filters) and bias, copied into TorchSharp's (filters, c_in, k) layout.
        var kernelValues = new float[kernel, channels, filters];
        var torchWeight = new float[filters * channels * kernel];
        for (int j = 0; j < kernel; j++)
        {
            for (int c = 0; c < channels; c++)
            {
                for (int f = 0; f < filters; f++)
                {
                    float w = (((j * 7) + (c * 5) + (f * 3)) % 11 - 5) / 8f;
                    kernelValues[j, c, f] = w;
                    torchWeight[(((f * channels) + c) * kernel) + j] = w;
                }
            }
        }
        var bias = conv.bias is null ? new float[filters] : Enumerable.Range(0, filters).Select(f => 0.25f * (f + 1)).ToArray();
        using (no_grad())
        {
            conv.weight!.copy_(tensor(torchWeight).reshape(filters, channels, kernel));
            conv.bias?.copy_(tensor(bias));
        }

        var steps = Sequence(length, channels, seed: 1);
        var expected = ReferenceConv1D(steps, kernelValues, bias, stride, dilation, padding);
        AssertOutput(expected, model, steps);
    }

    [Fact]
    public void Causal_outputs_never_see_later_steps()
    {
        using var scope = NewDisposeScope();
        using var model = new CausalDilatedConv1D();
        var early = Sequence(9, 2, seed: 3);
        var changed = (float[,])early.Clone();
        changed[8, 0] += 5;
        changed[8, 1] -= 5;
        var a = Run(model, early);
        var b = Run(model, changed);
        for (int t = 0; t < 8; t++)
        {
            for (int f = 0; f < a.GetLength(1); f++)
                Assert.Equal(a[t, f], b[t, f]);
        }
    }

    public static TheoryData<string, bool, int, int, string> Poolings() => new()
    {
        // model, max (else average), pool, stride, padding
        { nameof(OddLengthSameMaxPool1D), true, 2, 2, "same" },
        { nameof(StridedSameMaxPool1D), true, 3, 2, "same" },
        { nameof(ValidMaxPool1D), true, 3, 2, "valid" },
        { nameof(OddLengthSameAvgPool1D), false, 2, 2, "same" },
        { nameof(StridedSameAvgPool1D), false, 4, 3, "same" },
        { nameof(SymmetricSameAvgPool1D), false, 3, 1, "same" },
        { nameof(ValidAvgPool1D), false, 3, 2, "valid" },
    };

    [Theory]
    [MemberData(nameof(Poolings))]
    public void Pooling1D_matches_kerass_definition(string name, bool max, int pool, int stride, string padding)
    {
        using var scope = NewDisposeScope();
        var info = ModelCatalog.Get(name);
        using var model = info.Create();
        // All values negative, so a zero-padded cell would win every max window and change every padded average.
        var steps = Sequence(info.InputShape[0], info.InputShape[1], seed: 2, offset: -10);
        var expected = ReferencePool1D(steps, max, pool, stride, padding);
        AssertOutput(expected, model, steps);
    }

    [Fact]
    public void Global_pooling_takes_each_channels_mean_and_maximum_over_the_steps()
    {
        using var scope = NewDisposeScope();
        var steps = Sequence(6, 3, seed: 4);
        var mean = new float[3];
        var maximum = new float[3];
        for (int c = 0; c < 3; c++)
        {
            float sum = 0, best = float.NegativeInfinity;
            for (int t = 0; t < 6; t++)
            {
                sum += steps[t, c];
                best = Math.Max(best, steps[t, c]);
            }
            mean[c] = sum / 6;
            maximum[c] = best;
        }
        using var average = new GlobalAvgPool1DProbe();
        using var highest = new GlobalMaxPool1DProbe();
        var input = Batch(steps);
        Assert.Equal(new long[] { 1, 3 }, average.forward(input).shape);
        AssertClose(mean, average.forward(input).data<float>().ToArray());
        AssertClose(maximum, highest.forward(input).data<float>().ToArray());
    }

    [Fact]
    public void Conv1D_starts_from_kerass_glorot_uniform_kernel_and_zero_bias()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(7);
        using var model = new Conv1DInitialisation();
        // Keras's fans for a (k, c_in, filters) kernel: k·c_in and k·filters.
        double limit = Math.Sqrt(6.0 / ((5 * 16) + (5 * 32)));
        var weights = model.conv1d_1.weight!.data<float>().ToArray();
        Assert.Equal(32 * 16 * 5, weights.Length);
        Assert.All(weights, w => Assert.InRange(Math.Abs(w), 0, limit));
        // Spread over the whole range: beyond TorchSharp's default Kaiming bound 1/sqrt(80) ≈ 0.112.
        Assert.True(weights.Max() > 0.9 * limit, "max " + weights.Max());
        Assert.True(weights.Min() < -0.9 * limit, "min " + weights.Min());
        Assert.InRange(weights.Average(), -0.01, 0.01);
        Assert.All(model.conv1d_1.bias!.data<float>().ToArray(), b => Assert.Equal(0f, b));
    }

    /// <summary>
    /// Keras's Conv1D: pad the steps (causal: dilation·(k − 1) zeros in front; same: TensorFlow's split of the
    /// padding that gives ceil(L / stride) outputs, the odd one at the end), then
    /// out[t, f] = bias[f] + Σ_j Σ_c x[t·stride + j·dilation, c] · kernel[j, c, f].
    /// </summary>
    private static float[,] ReferenceConv1D(float[,] x, float[,,] kernel, float[] bias, int stride, int dilation, string padding)
    {
        int length = x.GetLength(0), channels = x.GetLength(1);
        int k = kernel.GetLength(0), filters = kernel.GetLength(2);
        int span = (dilation * (k - 1)) + 1;
        int before, outputs;
        switch (padding)
        {
            case "causal":
                before = dilation * (k - 1);
                outputs = ((length - 1) / stride) + 1;
                break;
            case "same":
                outputs = (length + stride - 1) / stride;
                before = Math.Max(((outputs - 1) * stride) + span - length, 0) / 2;
                break;
            default:
                before = 0;
                outputs = ((length - span) / stride) + 1;
                break;
        }
        var y = new float[outputs, filters];
        for (int t = 0; t < outputs; t++)
        {
            for (int f = 0; f < filters; f++)
            {
                double sum = bias[f];
                for (int j = 0; j < k; j++)
                {
                    int step = (t * stride) + (j * dilation) - before;
                    if (step < 0 || step >= length)
                        continue;   // a padded zero
                    for (int c = 0; c < channels; c++)
                        sum += x[step, c] * kernel[j, c, f];
                }
                y[t, f] = (float)sum;
            }
        }
        return y;
    }

    /// <summary>
    /// Keras's MaxPooling1D / AveragePooling1D: windows of <paramref name="pool"/> steps every <paramref name="stride"/>;
    /// with same padding the first window starts before step 0 by half the padding (the odd one at the end), and only
    /// real steps take part: the maximum of them, or their average (padded cells are not counted).
    /// </summary>
    private static float[,] ReferencePool1D(float[,] x, bool max, int pool, int stride, string padding)
    {
        int length = x.GetLength(0), channels = x.GetLength(1);
        int outputs, before;
        if (padding == "same")
        {
            outputs = (length + stride - 1) / stride;
            before = Math.Max(((outputs - 1) * stride) + pool - length, 0) / 2;
        }
        else
        {
            outputs = ((length - pool) / stride) + 1;
            before = 0;
        }
        var y = new float[outputs, channels];
        for (int t = 0; t < outputs; t++)
        {
            for (int c = 0; c < channels; c++)
            {
                double sum = 0, best = double.NegativeInfinity;
                int count = 0;
                for (int j = 0; j < pool; j++)
                {
                    int step = (t * stride) + j - before;
                    if (step < 0 || step >= length)
                        continue;
                    sum += x[step, c];
                    best = Math.Max(best, x[step, c]);
                    count++;
                }
                y[t, c] = (float)(max ? best : sum / count);
            }
        }
        return y;
    }

    /// <summary>A deterministic (steps, channels) sequence with values of both signs (or shifted by <paramref name="offset"/>).</summary>
    private static float[,] Sequence(int length, int channels, int seed, float offset = 0)
    {
        var x = new float[length, channels];
        for (int t = 0; t < length; t++)
        {
            for (int c = 0; c < channels; c++)
                x[t, c] = ((((t * 13) + (c * 7) + (seed * 5)) % 17) - 8) / 4f + offset;
        }
        return x;
    }

    /// <summary>Keras's (steps, channels) as a batch of one, (1, steps, channels): the layout this DSL takes too.</summary>
    private static Tensor Batch(float[,] steps) =>
        tensor(steps.Cast<float>().ToArray()).reshape(1, steps.GetLength(0), steps.GetLength(1));

    /// <summary>The model's output for one sequence, (steps, channels).</summary>
    private static float[,] Run(nn.Module model, float[,] steps)
    {
        var output = model.forward(Batch(steps));
        Assert.Equal(3, output.shape.Length);
        int length = (int)output.shape[1], channels = (int)output.shape[2];
        var values = output.data<float>().ToArray();
        var y = new float[length, channels];
        for (int t = 0; t < length; t++)
        {
            for (int c = 0; c < channels; c++)
                y[t, c] = values[(t * channels) + c];
        }
        return y;
    }

    private static void AssertOutput(float[,] expected, nn.Module model, float[,] steps)
    {
        var actual = Run(model, steps);
        Assert.Equal(expected.GetLength(0), actual.GetLength(0));
        Assert.Equal(expected.GetLength(1), actual.GetLength(1));
        AssertClose(expected.Cast<float>().ToArray(), actual.Cast<float>().ToArray());
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance, $"at {i}: expected {expected[i]}, got {actual[i]}");
    }
}
