using System.Linq;
using Dsl.Generator.Model;

namespace Dsl.Generator.Analysis;

/// <summary>
/// What flows along an edge of a graph: a per-sample shape (no batch dimension), an element type, and whether a Keras
/// mask travels with it (<see cref="Masked"/>: the (N, steps) steps that hold data, from an embedding's mask_zero).
/// </summary>
internal sealed record TensorType(EquatableArray<int> Shape, DType DType)
{
    /// <summary>Whether a Keras mask of the steps travels with the value (known at compile time, unlike in Keras).</summary>
    public bool Masked { get; init; }

    public static TensorType Float(EquatableArray<int> shape) => new(shape, DType.Float32);

    public bool IsFloating => DType == DType.Float32;

    public long Elements => Shape.Aggregate(1L, (product, dimension) => product * dimension);

    /// <summary>How messages write it: <c>(64, 28, 28)</c>, <c>(100) int64</c>.</summary>
    public override string ToString() => Invariant.SampleShape(Shape) + (IsFloating ? string.Empty : " " + DTypes.Name(DType));
}

/// <summary>Keras's names of the element types (<c>float32</c>, <c>int64</c>): YAML spellings and messages.</summary>
internal static class DTypes
{
    public static string Name(DType type) => type switch
    {
        DType.Float32 => "float32",
        DType.Int64 => "int64",
        DType.Int32 => "int32",
        DType.UInt8 => "uint8",
        _ => type.ToString().ToLowerInvariant(),
    };

    public static DType? Find(string name)
    {
        foreach (DType type in System.Enum.GetValues(typeof(DType)))
        {
            if (string.Equals(Name(type), name, System.StringComparison.OrdinalIgnoreCase) || string.Equals(type.ToString(), name, System.StringComparison.OrdinalIgnoreCase))
                return type;
        }
        return null;
    }

    public static string Names => string.Join(", ", System.Enum.GetValues(typeof(DType)).Cast<DType>().Select(Name));
}
