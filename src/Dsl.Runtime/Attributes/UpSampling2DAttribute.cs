using System;

namespace Dsl;

/// <summary>
/// Enlarges an image by whole factors (Keras <c>UpSampling2D</c>): <c>[UpSampling2D(2)]</c> doubles height and
/// width, <c>[UpSampling2D(2, 3)]</c> multiplies them by 2 and 3. Nearest (default) repeats each value; bilinear
/// interpolates as Keras does (half-pixel centres, corners not aligned). Without values, 2 (Keras's default).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class UpSampling2DAttribute : LayerAttribute
{
    /// <summary>The options as text, as the layer's YAML entry writes them; in a block, values may read its parameters (<c>$filters</c>).</summary>
    /// <param name="options">Keys and values (<c>"filters: $filters, kernel_size: 3"</c>), or a bare value for the main option.</param>
    public UpSampling2DAttribute(string options)
        : base(options)
    {
        Size = System.Array.Empty<int>();
    }

    /// <summary>Doubles height and width, as Keras's default.</summary>
    public UpSampling2DAttribute() => Size = new[] { 2 };

    /// <param name="size">One factor for both directions, or the height and width factors; each at least 1.</param>
    public UpSampling2DAttribute(params int[] size) => Size = size;

    /// <summary>The factors as given: 1 value (both directions) or 2 (height, width).</summary>
    public int[] Size { get; }

    /// <summary>Nearest (default) or bilinear.</summary>
    public Interpolation Interpolation { get; set; }
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="UpSampling2DAttribute"/>.</summary>
    public static LayerKind UpSampling2D { get; } = new(nameof(UpSampling2D));
}
