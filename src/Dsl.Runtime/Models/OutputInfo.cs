using System;
using System.Collections.Generic;
using System.Linq;

namespace Dsl;

/// <summary>
/// One output of a generated model: its name (the layer's, or <c>use_output</c> for a block's named output), the layer it
/// comes from, per-sample shape, and that layer's activation (which decides how a loss reads it).
/// </summary>
public sealed record OutputInfo
{
    /// <summary>Called by generated code.</summary>
    public OutputInfo(string name, string layer, IReadOnlyList<int> shape, Activation activation)
    {
        Name = name;
        Layer = layer;
        Shape = shape;
        Activation = activation;
    }

    /// <summary>The output's name: the property of the model's <c>Outputs</c> record and the ONNX output, when it has several.</summary>
    public string Name { get; }

    /// <summary>The layer (or <c>use.output</c> of a block) whose output it is.</summary>
    public string Layer { get; }

    /// <summary>Per-sample shape, without the batch dimension.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The activation its layer ends with; <see cref="Activation.None"/> for a block's output.</summary>
    public Activation Activation { get; }

    /// <inheritdoc />
    public bool Equals(OutputInfo? other) =>
        other is not null && Name == other.Name && Layer == other.Layer && Shape.SequenceEqual(other.Shape) && Activation == other.Activation;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Layer, Activation);
}
