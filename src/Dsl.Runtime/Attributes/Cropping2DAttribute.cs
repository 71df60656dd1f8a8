using System;

namespace Dsl;

/// <summary>
/// Cuts rows and columns off the edges of an image (Keras <c>Cropping2D</c>): <c>[Cropping2D(1)]</c> on every side,
/// <c>[Cropping2D(1, 2)]</c> 1 row at the top and bottom and 2 columns at the left and right,
/// <c>[Cropping2D(1, 0, 2, 1)]</c> top, bottom, left, right. At least one row and column must remain.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Cropping2DAttribute : LayerAttribute
{
    /// <summary>The options as text, as the layer's YAML entry writes them; in a block, values may read its parameters (<c>$filters</c>).</summary>
    /// <param name="options">Keys and values (<c>"filters: $filters, kernel_size: 3"</c>), or a bare value for the main option.</param>
    public Cropping2DAttribute(string options)
        : base(options)
    {
        Cropping = System.Array.Empty<int>();
    }

    /// <param name="cropping">1 value (every side), 2 (height, width: each on both sides) or 4 (top, bottom, left, right); each at least 0.</param>
    public Cropping2DAttribute(params int[] cropping) => Cropping = cropping;

    /// <summary>The cropping as given: 1, 2 or 4 values.</summary>
    public int[] Cropping { get; }
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="Cropping2DAttribute"/>.</summary>
    public static LayerKind Cropping2D { get; } = new(nameof(Cropping2D));
}
