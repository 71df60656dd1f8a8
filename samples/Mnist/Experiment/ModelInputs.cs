using System;
using System.Collections.Generic;
using System.Linq;
using Dsl;
using TorchSharp;
using static TorchSharp.torch;

namespace Samples.Mnist.Experiment;

/// <summary>
/// What the experiment feeds each input of a model, by the input's name: the digits themselves (<c>input</c>,
/// <c>image</c>), or the digits turned a quarter turn counter-clockwise (<c>rotated</c>), for models that look at two
/// views of one digit (TwoViewCnn).
/// </summary>
internal static class ModelInputs
{
    /// <summary>The input names this sample knows how to fill.</summary>
    public static readonly IReadOnlyList<string> Known = new[] { "input", "image", "rotated" };

    /// <summary>Throws, naming the inputs it cannot fill, unless every input of <paramref name="info"/> is one the sample can feed MNIST digits.</summary>
    public static void Check(ModelInfo info)
    {
        foreach (var input in info.Inputs)
        {
            if (!Known.Contains(input.Name))
                throw new ArgumentException($"{info.Name} takes an input '{input.Name}', which this sample cannot fill; it feeds inputs named {string.Join(", ", Known)} with MNIST digits.");
            if (!input.Shape.SequenceEqual(new[] { 1, 28, 28 }) || input.DType != DType.Float32)
                throw new ArgumentException($"{info.Name}'s input '{input.Name}' takes ({string.Join(", ", input.Shape)}) {input.DType} values, but MNIST digits are (1, 28, 28) float32.");
        }
    }

    /// <summary>One tensor per input of <paramref name="info"/>, in its order, made from <paramref name="images"/> (N, 1, 28, 28).</summary>
    public static Tensor[] For(ModelInfo info, Tensor images) =>
        info.Inputs.Select(input => input.Name == "rotated" ? images.rot90(1, (2, 3)) : images).ToArray();
}
