using System.Linq;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Models;

/// <summary>
/// Two declarations of one network (YAML and attributes) must generate the same thing: the same layer metadata and
/// summary, and at run time, from the same seed, the same weights and the same outputs, with dropout off and on.
/// Construction draws from TorchSharp's global generator: callers must not run in parallel with anything that does.
/// </summary>
internal static class ModelTwins
{
    public static void AssertSameNetwork(ModelInfo expected, ModelInfo actual, int seed = 42)
    {
        Assert.Equal(expected.InputShape, actual.InputShape);
        Assert.Equal(expected.OutputShape, actual.OutputShape);
        // Records: name, kind, output shape, parameters, mult-adds, size, window, stride, padding, activation, rate, bias.
        Assert.Equal(expected.Layers, actual.Layers);
        Assert.Equal(expected.Summary.Replace($"\"{expected.Name}\"", "\"?\"", System.StringComparison.Ordinal),
                     actual.Summary.Replace($"\"{actual.Name}\"", "\"?\"", System.StringComparison.Ordinal));

        using var scope = NewDisposeScope();
        torch.manual_seed(seed);
        using var first = expected.Create();
        torch.manual_seed(seed);
        using var second = actual.Create();

        var firstState = first.state_dict();
        var secondState = second.state_dict();
        Assert.Equal(firstState.Keys.Order(), secondState.Keys.Order());
        foreach (var key in firstState.Keys)
            Assert.True(Same(firstState[key], secondState[key]), $"{actual.Name}: {key} differs from {expected.Name}'s after the same seed");

        Assert.Equal(expected.Inputs, actual.Inputs);
        Assert.Equal(expected.Outputs, actual.Outputs);
        var input = expected.Inputs.Select(i => rand([5, .. i.Shape.Select(d => (long)d)])).ToArray();
        using var noGrad = no_grad();
        first.eval();
        second.eval();
        Assert.True(Same(((IGeneratedModel)first).Run(input)[0], ((IGeneratedModel)second).Run(input)[0]), $"{actual.Name} and {expected.Name} differ in evaluation mode");

        // Training mode: the same dropout masks only if the dropout layers have the same rates in the same places.
        first.train();
        second.train();
        torch.manual_seed(seed + 1);
        var firstTraining = ((IGeneratedModel)first).Run(input)[0];
        torch.manual_seed(seed + 1);
        var secondTraining = ((IGeneratedModel)second).Run(input)[0];
        Assert.True(Same(firstTraining, secondTraining), $"{actual.Name} and {expected.Name} differ in training mode (dropout)");
    }

    /// <summary>Same shape and bit-for-bit the same values.</summary>
    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
}
