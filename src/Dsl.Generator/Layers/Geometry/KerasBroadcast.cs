using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Emit;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Geometry;

/// <summary>
/// Keras 3's broadcasting of merge inputs (base_merge.py's <c>_compute_elemwise_op_output_shape</c>, folded over the
/// inputs), computed in Keras's axis order, and the code that brings an input of lower rank to the output's rank in this
/// DSL's order (Keras's leading 1s, then channels first), so that the element-wise operators' numpy-style broadcasting
/// matches Keras's.
/// </summary>
internal static class KerasBroadcast
{
    /// <summary>The output's per-sample shape (this DSL's order), or null when two inputs do not broadcast.</summary>
    public static EquatableArray<int>? Shape(IEnumerable<EquatableArray<int>> shapes)
    {
        int[]? output = null;
        foreach (var shape in shapes)
        {
            var keras = KerasAxes.KerasShape(shape);
            if (output is null)
            {
                output = keras;
                continue;
            }
            if (Pair(output, keras) is not { } joined)
                return null;
            output = joined;
        }
        return output is null ? null : KerasAxes.FromKeras(output);
    }

    /// <summary>The C# expression of <paramref name="input"/> brought to <paramref name="rank"/>; itself when it has that rank.</summary>
    public static string Align(string input, IReadOnlyList<int> shape, int rank) => (shape.Count, rank) switch
    {
        // (F) as Keras's (1, F).
        (1, 2) => input + ".unsqueeze(1L)",
        // (F) as Keras's (1, 1, F): the channels of an image.
        (1, 3) => input + ".unsqueeze(-1L).unsqueeze(-1L)",
        // (S, F) as Keras's (1, S, F): height 1, width S, channels F.
        (2, 3) => input + ".transpose(1L, 2L).unsqueeze(2L)",
        _ => input,
    };

    /// <summary>The ONNX form of <see cref="Align"/>: Reshape (0 copies the batch), after a Transpose for a sequence.</summary>
    public static string AlignOnnx(OnnxCode onnx, string input, IReadOnlyList<int> shape, int rank) => (shape.Count, rank) switch
    {
        (1, 2) => onnx.Node("Reshape", new[] { input, onnx.Longs(new long[] { 0, 1, shape[0] }) }),
        (1, 3) => onnx.Node("Reshape", new[] { input, onnx.Longs(new long[] { 0, shape[0], 1, 1 }) }),
        (2, 3) => onnx.Node("Reshape", new[] { onnx.Node("Transpose", input, OnnxCode.Ints("perm", 0, 2, 1)), onnx.Longs(new long[] { 0, shape[1], 1, shape[0] }) }),
        _ => input,
    };

    /// <summary>Keras's rule for two shapes: aligned from the right, the longer one's leading sizes kept, 1 stretching.</summary>
    private static int[]? Pair(int[] first, int[] second)
    {
        var (longer, shorter) = first.Length >= second.Length ? (first, second) : (second, first);
        var output = longer.ToArray();
        int offset = longer.Length - shorter.Length;
        for (int i = 0; i < shorter.Length; i++)
        {
            int a = longer[offset + i], b = shorter[i];
            if (a == b || b == 1)
                continue;
            if (a != 1)
                return null;
            output[offset + i] = b;
        }
        return output;
    }
}
