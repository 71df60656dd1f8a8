using System;

namespace Dsl;

/// <summary>1-D max pooling over a sequence (Keras <c>MaxPooling1D</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MaxPool1DAttribute : LayerAttribute
{
    /// <summary>The options as text, as the layer's YAML entry writes them; in a block, values may read its parameters (<c>$filters</c>).</summary>
    /// <param name="options">Keys and values (<c>"filters: $filters, kernel_size: 3"</c>), or a bare value for the main option.</param>
    public MaxPool1DAttribute(string options)
        : base(options)
    {
    }

    /// <param name="poolSize">Length of the window; default 2, as in Keras.</param>
    public MaxPool1DAttribute(int poolSize = 2) => PoolSize = poolSize;

    /// <summary>Length of the window.</summary>
    public int PoolSize { get; }

    /// <summary>Step along the sequence; 0 (default) means the pool size, as in Keras.</summary>
    public int Stride { get; set; }

    /// <summary>Keras's <c>strides</c>, a list of one value (<c>new[] { 2 }</c>): the same option as <see cref="Stride"/>, which it overrides.</summary>
    public int[]? Strides { get; set; }

    /// <summary>Valid (default) or same.</summary>
    public Padding Padding { get; set; }
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="MaxPool1DAttribute"/>.</summary>
    public static LayerKind MaxPool1D { get; } = new(nameof(MaxPool1D));
}
