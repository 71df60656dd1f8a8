using System;

namespace Dsl;

/// <summary>
/// Adds rows and columns of zeros around an image (Keras <c>ZeroPadding2D</c>): <c>[ZeroPadding2D(1)]</c> on every
/// side, <c>[ZeroPadding2D(1, 2)]</c> 1 row above and below and 2 columns left and right,
/// <c>[ZeroPadding2D(1, 0, 2, 1)]</c> top, bottom, left, right. Without values, 1 on every side (Keras's default).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ZeroPadding2DAttribute : LayerAttribute
{
    /// <summary>The options as text, as the layer's YAML entry writes them; in a block, values may read its parameters (<c>$filters</c>).</summary>
    /// <param name="options">Keys and values (<c>"filters: $filters, kernel_size: 3"</c>), or a bare value for the main option.</param>
    public ZeroPadding2DAttribute(string options)
        : base(options)
    {
        Padding = System.Array.Empty<int>();
    }

    /// <summary>One row or column of zeros on every side, as Keras's default.</summary>
    public ZeroPadding2DAttribute() => Padding = new[] { 1 };

    /// <param name="padding">1 value (every side), 2 (height, width: each on both sides) or 4 (top, bottom, left, right); each at least 0.</param>
    public ZeroPadding2DAttribute(params int[] padding) => Padding = padding;

    /// <summary>The padding as given: 1, 2 or 4 values.</summary>
    public int[] Padding { get; }
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="ZeroPadding2DAttribute"/>.</summary>
    public static LayerKind ZeroPadding2D { get; } = new(nameof(ZeroPadding2D));
}
