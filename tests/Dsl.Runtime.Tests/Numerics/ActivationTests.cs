using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Runtime.Tests.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Numerics;

/// <summary>
/// Each activation, as the generated code applies it, against Keras's definition on a grid of inputs that includes
/// the extremes (where a naive softmax overflows and sigmoid, tanh and ELU saturate). The probe models have one
/// six-unit layer; with identity weights and zero biases their output is the activation of their input.
/// </summary>
public class ActivationTests
{
    /// <summary>Probe model, the activation it declares, and Keras's name for it: stated here, not read back from the generated metadata.</summary>
    public static TheoryData<string, Activation, string> Probes() => new()
    {
        { nameof(DenseReLUProbe), Activation.ReLU, "relu" },
        { nameof(DenseSigmoidProbe), Activation.Sigmoid, "sigmoid" },
        { nameof(DenseTanhProbe), Activation.Tanh, "tanh" },
        { nameof(DenseSoftmaxProbe), Activation.Softmax, "softmax" },
        { nameof(DenseLogSoftmaxProbe), Activation.LogSoftmax, "log_softmax" },
        { nameof(DenseLeakyReLUProbe), Activation.LeakyReLU, "leaky_relu" },
        { nameof(DenseELUProbe), Activation.ELU, "elu" },
        { nameof(DenseGELUProbe), Activation.GELU, "gelu" },
        { nameof(DenseSiLUProbe), Activation.SiLU, "silu" },
        { nameof(DenseReLU6Probe), Activation.ReLU6, "relu6" },
        { nameof(DenseHardSigmoidProbe), Activation.HardSigmoid, "hard_sigmoid" },
        { nameof(DenseSoftplusProbe), Activation.Softplus, "softplus" },
        { nameof(DenseSoftsignProbe), Activation.Softsign, "softsign" },
        { nameof(DenseExponentialProbe), Activation.Exponential, "exponential" },
        { nameof(ConvSiLUProbe), Activation.SiLU, "silu" },
        { nameof(ConvHardSigmoidProbe), Activation.HardSigmoid, "hard_sigmoid" },
        { nameof(ConvReLUProbe), Activation.ReLU, "relu" },
        { nameof(ConvSigmoidProbe), Activation.Sigmoid, "sigmoid" },
        { nameof(ConvTanhProbe), Activation.Tanh, "tanh" },
        { nameof(ConvSoftmaxProbe), Activation.Softmax, "softmax" },
        { nameof(ConvLogSoftmaxProbe), Activation.LogSoftmax, "log_softmax" },
        { nameof(ConvLeakyReLUProbe), Activation.LeakyReLU, "leaky_relu" },
        { nameof(ConvELUProbe), Activation.ELU, "elu" },
        { nameof(ConvGELUProbe), Activation.GELU, "gelu" },
        { nameof(HiddenSoftmaxProbe), Activation.Softmax, "softmax" },
        { nameof(HiddenConvSoftmaxProbe), Activation.Softmax, "softmax" },
    };

    private const int Width = 6;

    /// <summary>
    /// A grid from -10 to 10 in quarter steps, plus the extremes: saturation, float32 overflow of exp, tiny values. The
    /// largest magnitude is 1e38, not float32's 3.4e38: libtorch's exact GELU forms x * (1 + erf(...)) before halving and
    /// so overflows above about 1.7e38, where Keras's 0.5 * x * erfc(...) does not; that is libtorch's, not the DSL's.
    /// </summary>
    private static readonly double[] Grid =
        Enumerable.Range(-40, 81).Select(i => i / 4.0)
            .Concat([-1e38, 1e38, -1e30, 1e30, -1e4, 1e4, -100, 100, -89, 89, -88, 88, -50, 50, -20, 20])
            .Concat([-1e-30, 1e-30, -1e-6, 1e-6, 0.1, -0.1, 0, 0.5, -0.5, Math.PI, -Math.E])
            .ToArray();

    /// <summary>Vectors where a naive softmax overflows (exp(1000)) or underflows to 0/0, and the equal-logits case.</summary>
    private static readonly double[][] SoftmaxRows =
    [
        [1000, 0, -1000, 5, 5, -3],
        [-1000, -1001, -1002, -1000, -2000, -1e4],
        [1e38, -1e38, 0, 1, 2, 3],
        [0, 0, 0, 0, 0, 0],
        [1, 2, 3, 4, 5, 6],
        [88, 89, 90, -88, -89, -90],
    ];

    [Fact]
    public void Every_activation_has_a_probe()
    {
        var probed = Probes().Select(row => (Activation)row[1]).ToHashSet();
        Assert.Equal(Enum.GetValues<Activation>().Where(a => a != Activation.None).ToHashSet(), probed);
    }

    [Theory]
    [MemberData(nameof(Probes))]
    public void The_generated_activation_computes_kerass_formula(string probe, Activation declared, string keras)
    {
        var info = ModelCatalog.Get(probe);
        Assert.Equal(declared, info.Layers[0].Activation);
        using var scope = NewDisposeScope();
        using var model = info.Create();
        model.eval();
        SetIdentity(model);

        // Rows of six channels: the grid, then the softmax rows; for the Conv2D probes each channel vector is one pixel.
        double[][] rows = Chunks(Grid, Width).Concat(SoftmaxRows).ToArray();
        double[][] expected = rows.Select(row => Keras(keras, row)).ToArray();
        var input = AsModelInput(rows, info.InputShape);

        Tensor output;
        using (no_grad())
            output = model.forward(input);
        double[][] actual = FromModelOutput(output, rows.Length);

        var mismatches = new List<string>();
        for (int r = 0; r < rows.Length; r++)
            for (int c = 0; c < Width; c++)
                if (!Close((float)expected[r][c], (float)actual[r][c]))
                    mismatches.Add($"{keras}([{string.Join(", ", rows[r])}])[{c}]: Keras {expected[r][c]:R}, generated {actual[r][c]:R}");
        Assert.True(mismatches.Count == 0, $"{probe}: {mismatches.Count} values differ from Keras's {keras}:\n" + string.Join('\n', mismatches.Take(12)));
    }

    [Fact]
    public void ForwardLogits_leaves_out_only_a_final_softmax()
    {
        using var scope = NewDisposeScope();
        foreach (var (probe, keepsActivation) in new[] { (nameof(DenseSoftmaxProbe), false), (nameof(DenseLogSoftmaxProbe), true), (nameof(DenseTanhProbe), true) })
        {
            using var model = ModelCatalog.Get(probe).Create();
            SetIdentity(model);
            var input = tensor(new float[] { -2, -1, 0, 1, 2, 3 }).reshape(1, Width);
            using var noGrad = no_grad();
            var logits = ((IGeneratedModel)model).RunLogits(input)[0];
            var expected = keepsActivation ? model.forward(input) : input;
            Assert.True(logits.allclose(expected), $"{probe}: ForwardLogits gave {string.Join(", ", logits.data<float>().ToArray())}");
        }
    }

    [Theory]
    [InlineData(0.5, 0.4795001221869535)]
    [InlineData(1.0, 0.15729920705028513)]
    [InlineData(2.0, 0.004677734981047266)]
    [InlineData(2.5, 0.0004069520174449590)]
    [InlineData(3.0, 2.209049699858544e-05)]
    [InlineData(5.0, 1.5374597944280349e-12)]
    [InlineData(-1.0, 1.8427007929497148)]
    public void The_reference_erfc_matches_tabulated_values(double z, double erfc)
    {
        double actual = KerasActivations.Erfc(z);
        Assert.True(Math.Abs(actual - erfc) <= erfc * 1e-12, $"erfc({z}) = {erfc:R}, the reference gives {actual:R}");
    }

    private static double[] Keras(string name, double[] row) => name switch
    {
        "softmax" => KerasActivations.Softmax(row),
        "log_softmax" => KerasActivations.LogSoftmax(row),
        _ => row.Select(KerasActivations.ElementWise(name)).ToArray(),
    };

    /// <summary>float32 agreement: a few units in the last place, or 1e-6 absolute near zero; infinities must match exactly.</summary>
    private static bool Close(float expected, float actual) =>
        float.IsFinite(expected)
            ? Math.Abs((double)actual - expected) <= 1e-6 + 1e-5 * Math.Abs(expected)
            : expected.Equals(actual);

    /// <summary>Identity kernels (Dense (6, 6), Conv2D 1x1 (6, 6, 1, 1)) and zero biases.</summary>
    private static void SetIdentity(nn.Module model)
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in model.named_parameters())
        {
            if (name.EndsWith(".bias", StringComparison.Ordinal))
                parameter.zero_();
            else
                parameter.copy_(eye(Width).reshape(parameter.shape));
        }
    }

    private static IEnumerable<double[]> Chunks(double[] values, int width)
    {
        for (int i = 0; i < values.Length; i += width)
            yield return Enumerable.Range(i, width).Select(j => values[j % values.Length]).ToArray();
    }

    /// <summary>(rows, 6) for a Dense probe; for a Conv2D probe (6, H, W) the rows become pixels of as many images as needed.</summary>
    private static Tensor AsModelInput(double[][] rows, IReadOnlyList<int> inputShape)
    {
        var flat = tensor(rows.SelectMany(r => r.Select(v => (float)v)).ToArray()).reshape(rows.Length, Width);
        if (inputShape.Count == 1)
            return flat;
        int pixels = inputShape[1] * inputShape[2];
        int images = (rows.Length + pixels - 1) / pixels;
        var padded = cat([flat, zeros(images * pixels - rows.Length, Width)], 0);
        // (images, H, W, C) channels-last, as Keras holds images, then to TorchSharp's (N, C, H, W).
        return padded.reshape(images, inputShape[1], inputShape[2], Width).permute(0, 3, 1, 2).contiguous();
    }

    private static double[][] FromModelOutput(Tensor output, int rows)
    {
        var channelsLast = output.dim() == 2 ? output : output.permute(0, 2, 3, 1);
        float[] values = channelsLast.contiguous().reshape(-1, Width).data<float>().ToArray();
        return Enumerable.Range(0, rows).Select(r => values.Skip(r * Width).Take(Width).Select(v => (double)v).ToArray()).ToArray();
    }
}
