using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using static TorchSharp.torch;

namespace Dsl.Support;

/// <summary>Checks a generated model's input before libtorch sees it, so a wrong shape is a clear .NET exception.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class InputGuard
{
    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="input"/> is a float batch of <paramref name="sampleShape"/>.</summary>
    public static void Check(Tensor input, IReadOnlyList<int> sampleShape, string model)
    {
        ArgumentNullException.ThrowIfNull(input);
        var actual = input.shape;
        bool matches = actual.Length == sampleShape.Count + 1
            && actual.Skip(1).Select(d => (long)d).SequenceEqual(sampleShape.Select(d => (long)d));
        if (!matches)
        {
            throw new ArgumentException(
                $"{model} expects input of shape {ShapeText.FormatBatched(sampleShape)} (batch, {Describe(sampleShape)}), " +
                $"but got ({string.Join(", ", actual)}).",
                nameof(input));
        }
        if (!input.is_floating_point())
        {
            throw new ArgumentException(
                $"{model} expects a floating-point input tensor, but got {input.dtype}; convert it with .to_type(ScalarType.Float32).",
                nameof(input));
        }
    }

    private static string Describe(IReadOnlyList<int> shape) =>
        shape.Count switch
        {
            3 => "channels, height, width",
            2 => "channels, length",
            _ => "features",
        };
}
