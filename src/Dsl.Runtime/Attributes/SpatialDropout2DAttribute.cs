using System;

namespace Dsl;

/// <summary>
/// Dropout of whole channels, active only in training mode (Keras <c>SpatialDropout2D</c>): each channel of each
/// sample is zeroed with the given probability, and the kept ones are scaled by 1 / (1 - rate).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SpatialDropout2DAttribute : LayerAttribute
{
    /// <summary>The options as text, as the layer's YAML entry writes them; in a block, values may read its parameters (<c>$filters</c>).</summary>
    /// <param name="options">Keys and values (<c>"filters: $filters, kernel_size: 3"</c>), or a bare value for the main option.</param>
    public SpatialDropout2DAttribute(string options)
        : base(options)
    {
    }

    /// <param name="rate">Fraction of channels zeroed during training, in [0, 1).</param>
    public SpatialDropout2DAttribute(double rate) => Rate = rate;

    /// <summary>Fraction of channels zeroed during training.</summary>
    public double Rate { get; }
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="SpatialDropout2DAttribute"/>.</summary>
    public static LayerKind SpatialDropout2D { get; } = new(nameof(SpatialDropout2D));
}
