using System;

namespace Dsl;

/// <summary>
/// Batch normalisation over channels (images) or features (vectors), with Keras's defaults
/// (Keras <c>BatchNormalization</c>): 2 trainable values per channel (gamma and beta; fewer without
/// <see cref="Scale"/> or <see cref="Center"/>) and 2 non-trainable ones (the moving mean and variance).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class BatchNormAttribute : LayerAttribute
{
    /// <summary>With Keras's defaults, or the options set as properties.</summary>
    public BatchNormAttribute()
    {
    }

    /// <summary>The options as text, as the layer's YAML entry writes them; in a block, values may read its parameters (<c>$filters</c>).</summary>
    /// <param name="options">Keys and values (<c>"filters: $filters, kernel_size: 3"</c>), or a bare value for the main option.</param>
    public BatchNormAttribute(string options)
        : base(options)
    {
    }

    /// <summary>Added to the variance for numerical stability; Keras's default 0.001.</summary>
    public double Epsilon { get; set; } = 0.001;

    /// <summary>Keras's momentum of the moving statistics (0.99 keeps 99% of the old value per batch).</summary>
    public double Momentum { get; set; } = 0.99;

    /// <summary>Whether the layer adds a learned offset beta (Keras <c>center</c>); default true. False leaves beta out (0).</summary>
    public bool Center { get; set; } = true;

    /// <summary>Whether the layer multiplies by a learned scale gamma (Keras <c>scale</c>); default true. False leaves gamma out (1).</summary>
    public bool Scale { get; set; } = true;
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="BatchNormAttribute"/>.</summary>
    public static LayerKind BatchNorm { get; } = new(nameof(BatchNorm));
}
