using System;
using System.Linq;
using Dsl.Runtime.Tests.Models;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Dsl.Runtime.Tests.Numerics;

/// <summary>
/// The generated code applies ReLU, sigmoid, tanh, LeakyReLU and ELU in place on a convolution's or dense layer's output
/// (the output is new and the layer's backward does not read it). The gradients must be exactly those of the
/// out-of-place formula: for weights, bias and input, against F.linear / F.conv2d followed by the functional activation.
/// </summary>
public class InPlaceActivationTests
{
    public static TheoryData<string, string> Probes() => new()
    {
        { nameof(DenseReLUProbe), "relu" },
        { nameof(DenseSigmoidProbe), "sigmoid" },
        { nameof(DenseTanhProbe), "tanh" },
        { nameof(DenseLeakyReLUProbe), "leaky_relu" },
        { nameof(DenseELUProbe), "elu" },
        { nameof(ConvReLUProbe), "relu" },
        { nameof(ConvSigmoidProbe), "sigmoid" },
        { nameof(ConvTanhProbe), "tanh" },
        { nameof(ConvLeakyReLUProbe), "leaky_relu" },
        { nameof(ConvELUProbe), "elu" },
    };

    [Theory]
    [MemberData(nameof(Probes))]
    public void Gradients_equal_the_out_of_place_formulas(string probe, string activation)
    {
        var info = ModelCatalog.Get(probe);
        using var scope = NewDisposeScope();
        var generator = new Generator(7);
        using var model = info.Create();
        var parameters = model.parameters().ToArray();
        var weight = parameters[0];
        var bias = parameters[1];
        var shape = new long[] { 5 }.Concat(info.InputShape.Select(d => (long)d)).ToArray();
        var input = randn(shape, generator: generator).mul_(3).requires_grad_();
        var probeOutput = model.forward(input);
        var seed = randn(probeOutput.shape, generator: generator);
        probeOutput.mul(seed).sum().backward();
        var generated = (Input: input.grad!.clone(), Weight: weight.grad!.clone(), Bias: bias.grad!.clone(), Output: probeOutput.detach().clone());

        // The same weights, as plain tensors, through the out-of-place functions.
        var w = weight.detach().clone().requires_grad_();
        var b = bias.detach().clone().requires_grad_();
        var x = input.detach().clone().requires_grad_();
        var layer = info.InputShape.Count == 1 ? F.linear(x, w, b) : F.conv2d(x, w, b);
        var reference = activation switch
        {
            "relu" => F.relu(layer),
            "sigmoid" => F.sigmoid(layer),
            "tanh" => F.tanh(layer),
            "leaky_relu" => F.leaky_relu(layer, 0.2),
            "elu" => F.elu(layer, 1.0),
            _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "no reference"),
        };
        reference.mul(seed).sum().backward();

        AssertEqual(reference.detach(), generated.Output, probe, "output");
        AssertEqual(x.grad!, generated.Input, probe, "input gradient");
        AssertEqual(w.grad!, generated.Weight, probe, "weight gradient");
        AssertEqual(b.grad!, generated.Bias, probe, "bias gradient");
    }

    private static void AssertEqual(Tensor expected, Tensor actual, string probe, string what)
    {
        double worst = (expected - actual).abs().max().item<float>();
        Assert.True(expected.allclose(actual, rtol: 1e-6, atol: 1e-6), $"{probe}: the {what} differs from the out-of-place formula's by up to {worst}");
    }
}
