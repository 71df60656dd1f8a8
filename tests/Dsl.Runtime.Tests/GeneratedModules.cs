using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests;

/// <summary>Calls on generated models as the tests make them, whatever their number of inputs.</summary>
internal static class GeneratedModules
{
    /// <summary>A generated model with one input and one output, run as its typed <c>forward</c> would be.</summary>
    public static Tensor forward(this nn.Module model, Tensor input) => ((IGeneratedModel)model).Run(input)[0];

    /// <summary>A generated model's logits (its final softmax left out), for one input and one output.</summary>
    public static Tensor ForwardLogits(this nn.Module model, Tensor input) => ((IGeneratedModel)model).RunLogits(input)[0];

    /// <summary>A batch of random values for every input of <paramref name="info"/>: normal floats, or integers in [0, 10) for integer inputs.</summary>
    public static Tensor[] RandomInputs(ModelInfo info, int batch, Generator? generator = null) => info.Inputs
        .Select(i =>
        {
            var shape = new long[] { batch }.Concat(i.Shape.Select(d => (long)d)).ToArray();
            return i.DType == DType.Float32
                ? randn(shape, generator: generator)
                : randint(10, shape, dtype: Support.InputGuard.ScalarTypeOf(i.DType), generator: generator);
        })
        .ToArray();
}
