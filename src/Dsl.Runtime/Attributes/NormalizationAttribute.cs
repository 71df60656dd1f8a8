using System;

namespace Dsl;

/// <summary>
/// Shifts and scales values to mean 0 and variance 1 with a fixed mean and variance per channel or feature (Keras
/// <c>Normalization</c>): (x − mean) / max(√variance, 1e-7). Without <see cref="Mean"/> and <see cref="Variance"/> they are
/// state to adapt (<c>model.normalization_1.Adapt(data)</c>), 2F + 1 non-trainable values as Keras counts them (mean,
/// variance and Keras's <c>count</c>); given as constants they are no state at all, as in Keras.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class NormalizationAttribute : LayerAttribute
{
    /// <summary>With Keras's defaults (statistics per channel or feature, to adapt), or the options set as properties.</summary>
    public NormalizationAttribute()
    {
    }

    /// <summary>The options as text, as the layer's YAML entry writes them; in a block, values may read its parameters (<c>$filters</c>).</summary>
    /// <param name="options">Keys and values (<c>"filters: $filters, kernel_size: 3"</c>), or a bare value for the main option.</param>
    public NormalizationAttribute(string options)
        : base(options)
    {
    }

    /// <summary>
    /// Keras's <c>axis</c>: the axes that keep their own mean and variance, numbered as Keras numbers them (the batch is
    /// axis 0, an image is (height, width, channels), negative values count from the end). Default -1, the channels of an
    /// image or the features of a sequence or flat input; an empty list is Keras's <c>axis=None</c>, one mean and variance.
    /// </summary>
    public int[]? Axis { get; set; }

    /// <summary>The mean: one value (for every position) or one per kept position, channels first; with <see cref="Variance"/>.</summary>
    public double[]? Mean { get; set; }

    /// <summary>The variance, as <see cref="Mean"/>: one value or one per kept position, at least 0.</summary>
    public double[]? Variance { get; set; }

    /// <summary>Keras's <c>invert</c>: mean + x · max(√variance, 1e-7), turning normalised values back; default false.</summary>
    public bool Invert { get; set; }
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="NormalizationAttribute"/>.</summary>
    public static LayerKind Normalization { get; } = new(nameof(Normalization));
}
