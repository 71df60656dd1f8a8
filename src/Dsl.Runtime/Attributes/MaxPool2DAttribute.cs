using System;

namespace Dsl;

/// <summary>2-D max pooling (Keras <c>MaxPooling2D</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MaxPool2DAttribute : LayerAttribute
{
    /// <summary>The options as text, as the layer's YAML entry writes them; in a block, values may read its parameters (<c>$filters</c>).</summary>
    /// <param name="options">Keys and values (<c>"filters: $filters, kernel_size: 3"</c>), or a bare value for the main option.</param>
    public MaxPool2DAttribute(string options)
        : base(options)
    {
        PoolSize = System.Array.Empty<int>();
    }

    /// <param name="poolSize">One value for a square window, or height and width.</param>
    public MaxPool2DAttribute(params int[] poolSize) => PoolSize = poolSize;

    /// <summary>Window height and width (one value means square).</summary>
    public int[] PoolSize { get; }

    /// <summary>Step in both directions; 0 (default) means the pool size, as in Keras.</summary>
    public int Stride { get; set; }

    /// <summary>Vertical and horizontal steps, for a non-square stride. Overrides <see cref="Stride"/>.</summary>
    public int[]? Strides { get; set; }

    /// <summary>Valid (default) or same.</summary>
    public Padding Padding { get; set; }
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="MaxPool2DAttribute"/>.</summary>
    public static LayerKind MaxPool2D { get; } = new(nameof(MaxPool2D));
}
