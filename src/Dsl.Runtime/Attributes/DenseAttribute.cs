using System;

namespace Dsl;

/// <summary>A fully connected layer on a flat input (Keras <c>Dense</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DenseAttribute : LayerAttribute
{
    /// <summary>The options as text, as the layer's YAML entry writes them; in a block, values may read its parameters (<c>$filters</c>).</summary>
    /// <param name="options">Keys and values (<c>"filters: $filters, kernel_size: 3"</c>), or a bare value for the main option.</param>
    public DenseAttribute(string options)
        : base(options)
    {
    }

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
