using System;

namespace Dsl;

/// <summary>A fully connected layer on a flat input (Keras <c>Dense</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DenseAttribute : LayerAttribute
{
    /// <param name="units">Number of outputs.</param>
    public DenseAttribute(int units) => Units = units;

    /// <summary>Number of outputs.</summary>
    public int Units { get; }

    /// <summary>Activation applied to the output; default none.</summary>
    public Activation Activation { get; set; }

    /// <summary>Whether the layer adds a learned bias; default true.</summary>
    public bool UseBias { get; set; } = true;
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="DenseAttribute"/>.</summary>
    public static LayerKind Dense { get; } = new(nameof(Dense));
}
