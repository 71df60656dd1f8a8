using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using static TorchSharp.torch;

namespace Dsl.Support;

/// <summary>Checks a generated model's inputs before libtorch sees them, so a wrong shape or type is a clear .NET exception.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class InputGuard
{
    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="input"/> is a float batch of <paramref name="sampleShape"/>.</summary>
    public static void Check(Tensor input, IReadOnlyList<int> sampleShape, string model) =>
        Check(input, new InputInfo("input", sampleShape, DType.Float32), model, single: true);

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="input"/> is a batch of <paramref name="info"/>'s shape and element type.</summary>
    public static void Check(Tensor input, InputInfo info, string model) => Check(input, info, model, single: false);

    /// <summary>Throws <see cref="ArgumentException"/> unless there are <paramref name="count"/> inputs, none of them null.</summary>
    public static void CheckCount(Tensor[] inputs, int count, string model)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Length != count)
            throw new ArgumentException($"{model} takes {count} input{(count == 1 ? "" : "s")}, but {inputs.Length} {(inputs.Length == 1 ? "was" : "were")} given.", nameof(inputs));
        for (int i = 0; i < inputs.Length; i++)
        {
            if (inputs[i] is null)
                throw new ArgumentNullException(nameof(inputs), $"Input {i} of {model} is null.");
        }
    }

    /// <summary>The TorchSharp element type of <paramref name="type"/>.</summary>
    public static ScalarType ScalarTypeOf(DType type) => type switch
    {
        DType.Int64 => ScalarType.Int64,
        DType.Int32 => ScalarType.Int32,
        DType.UInt8 => ScalarType.Byte,
        _ => ScalarType.Float32,
    };

    private static void Check(Tensor input, InputInfo info, string model, bool single)
    {
        ArgumentNullException.ThrowIfNull(input);
        string which = single ? model : $"{model}'s input '{info.Name}'";
        var actual = input.shape;
        var sampleShape = info.Shape;
        bool matches = actual.Length == sampleShape.Count + 1
            && actual.Skip(1).Select(d => (long)d).SequenceEqual(sampleShape.Select(d => (long)d));
        if (!matches)
        {
            throw new ArgumentException(
                $"{which} expects input of shape {ShapeText.FormatBatched(sampleShape)} (batch, {Describe(sampleShape)}), " +
                $"but got ({string.Join(", ", actual)}).",
                single ? "input" : info.Name);
        }
        if (info.DType == DType.Float32)
        {
            if (!input.is_floating_point())
            {
                throw new ArgumentException(
                    $"{which} expects a floating-point input tensor, but got {input.dtype}; convert it with .to_type(ScalarType.Float32).",
                    single ? "input" : info.Name);
            }
            return;
        }
        var wanted = ScalarTypeOf(info.DType);
        if (input.dtype != wanted)
        {
            throw new ArgumentException(
                $"{which} expects {wanted} values ({info.DType.ToString().ToLowerInvariant()}), but got {input.dtype}; convert it with .to_type(ScalarType.{wanted}).",
                single ? "input" : info.Name);
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
