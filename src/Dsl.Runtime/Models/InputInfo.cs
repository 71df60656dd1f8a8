using System;
using System.Collections.Generic;
using System.Linq;

namespace Dsl;

/// <summary>One input of a generated model: its name (the parameter of <c>forward</c>), per-sample shape and element type.</summary>
public sealed record InputInfo
{
    /// <summary>Called by generated code.</summary>
    public InputInfo(string name, IReadOnlyList<int> shape, DType dtype)
    {
        Name = name;
        Shape = shape;
        DType = dtype;
    }

    /// <summary>The input's name: <c>input</c>, or the one declared.</summary>
    public string Name { get; }

    /// <summary>Per-sample shape, without the batch dimension.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The element type the model takes.</summary>
    public DType DType { get; }

    /// <inheritdoc />
    public bool Equals(InputInfo? other) => other is not null && Name == other.Name && Shape.SequenceEqual(other.Shape) && DType == other.DType;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Shape.Count, DType);
}
