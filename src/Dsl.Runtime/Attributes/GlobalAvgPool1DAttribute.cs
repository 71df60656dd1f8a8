using System;

namespace Dsl;

/// <summary>Averages each channel over the sequence, giving a vector: (C, L) → (C), or (C, 1) with <see cref="Keepdims"/> (Keras <c>GlobalAveragePooling1D</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalAvgPool1DAttribute : LayerAttribute
{
    /// <summary>With Keras's defaults, or the options set as properties.</summary>
    public GlobalAvgPool1DAttribute()
    {
    }

    /// <summary>The options as text, as the layer's YAML entry writes them; in a block, values may read its parameters (<c>$filters</c>).</summary>
    /// <param name="options">Keys and values (<c>"keepdims: true"</c>).</param>
    public GlobalAvgPool1DAttribute(string options)
        : base(options)
    {
    }

    /// <summary>Whether the pooled dimensions are kept with size 1, giving (C, 1) (Keras <c>keepdims</c>); default false.</summary>
    public bool Keepdims { get; set; }
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="GlobalAvgPool1DAttribute"/>.</summary>
    public static LayerKind GlobalAvgPool1D { get; } = new(nameof(GlobalAvgPool1D));
}
