using System;

namespace Dsl;

/// <summary>Takes each channel's maximum over height and width, giving a vector, or (C, 1, 1) with <see cref="Keepdims"/> (Keras <c>GlobalMaxPooling2D</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalMaxPool2DAttribute : LayerAttribute
{
    /// <summary>With Keras's defaults, or the options set as properties.</summary>
    public GlobalMaxPool2DAttribute()
    {
    }

    /// <summary>The options as text, as the layer's YAML entry writes them; in a block, values may read its parameters (<c>$filters</c>).</summary>
    /// <param name="options">Keys and values (<c>"keepdims: true"</c>).</param>
    public GlobalMaxPool2DAttribute(string options)
        : base(options)
    {
    }

    /// <summary>Whether the pooled dimensions are kept with size 1, giving (C, 1, 1) (Keras <c>keepdims</c>); default false.</summary>
    public bool Keepdims { get; set; }
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="GlobalMaxPool2DAttribute"/>.</summary>
    public static LayerKind GlobalMaxPool2D { get; } = new(nameof(GlobalMaxPool2D));
}
