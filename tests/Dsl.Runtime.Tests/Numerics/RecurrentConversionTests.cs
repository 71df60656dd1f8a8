using System.Linq;
using Dsl.Modules;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Numerics;

/// <summary>
/// A recurrent layer converted with TorchSharp's <c>Module.to(dtype)</c> computes with its converted parameters: the
/// conversion registers new parameter objects, so a layer that kept its own references to the old ones would run its
/// forward pass on float32 copies the optimizer never updates (and fail on a float64 input).
/// </summary>
public sealed class RecurrentConversionTests
{
    public static TheoryData<string> Kinds() => new() { "lstm", "lstm-stepwise", "gru", "simple_rnn" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void After_to_float64_the_layer_computes_with_its_registered_parameters(string kind)
    {
        manual_seed(3);
        var settings = new RecurrentSettings(ReturnSequences: true);
        Recurrent layer = kind switch
        {
            "lstm" => new Lstm(5, 4, true, settings),
            "lstm-stepwise" => new Lstm(5, 4, true, settings) { UseLibtorchKernel = false },
            "gru" => new Gru(5, 4, true, true, settings),
            _ => new SimpleRnn(5, 4, true, settings),
        };
        using (no_grad())
        {
            foreach (var (_, p) in layer.named_parameters())
                nn.init.uniform_(p, -0.5, 0.5);   // the layer leaves initialisation to the generated model
        }
        layer.to(ScalarType.Float64);

        var registered = layer.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.All(registered.Values, p => Assert.Equal(ScalarType.Float64, p.dtype));
        Assert.Same(registered["kernel"], layer.Kernel);
        Assert.Same(registered["recurrent_kernel"], layer.RecurrentKernel);
        Assert.Same(registered["bias"], layer.Bias);

        using var x = randn(3, 6, 5, dtype: ScalarType.Float64);
        using var output = layer.call(x);
        Assert.Equal(ScalarType.Float64, output.dtype);
        output.sum().backward();
        Assert.All(registered, p => Assert.True(p.Value.grad is { } grad && grad.abs().sum().item<double>() > 0, $"{p.Key} got no gradient"));
    }
}
