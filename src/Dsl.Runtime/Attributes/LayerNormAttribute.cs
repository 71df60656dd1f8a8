using System;

namespace Dsl;

/// <summary>
/// Layer normalisation with Keras's defaults (Keras <c>LayerNormalization</c>, axis -1): each sample is normalised
/// over its channels at every position of an image or step of a sequence, or over its features when flat; then
/// scaled and shifted by a learned gamma (ones) and beta (zeros) per channel, 2·C parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LayerNormAttribute : LayerAttribute
{
    /// <summary>With Keras's defaults, or the options set as properties.</summary>
    public LayerNormAttribute()
    {
    }

    /// <summary>The options as text, as the layer's YAML entry writes them; in a block, values may read its parameters (<c>$filters</c>).</summary>
    /// <param name="options">Keys and values (<c>"filters: $filters, kernel_size: 3"</c>), or a bare value for the main option.</param>
    public LayerNormAttribute(string options)
        : base(options)
    {
    }

    /// <summary>Added to the variance for numerical stability; Keras's default 0.001.</summary>
    public double Epsilon { get; set; } = 0.001;
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="LayerNormAttribute"/>.</summary>
    public static LayerKind LayerNorm { get; } = new(nameof(LayerNorm));
}
