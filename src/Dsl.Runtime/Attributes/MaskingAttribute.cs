using System;

namespace Dsl;

/// <summary>
/// Marks the padded steps of a sequence (Keras <c>Masking</c>): a step whose every feature equals
/// <see cref="MaskValue"/> is masked, its values set to 0, and the layers after it that use masks (recurrent layers,
/// attention, <c>GlobalAvgPool1D</c>) skip it. For float sequences padded to one length; token ids get their mask
/// from an embedding's <c>MaskZero</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MaskingAttribute : LayerAttribute
{
    /// <summary>The options as text, as the layer's YAML entry writes them; in a block, values may read its parameters (<c>$filters</c>).</summary>
    /// <param name="options">Keys and values (<c>"mask_value: -1"</c>), or a bare value for the main option.</param>
    public MaskingAttribute(string options)
        : base(options)
    {
    }

    /// <summary>Masks the steps that are all zeros.</summary>
    public MaskingAttribute()
    {
    }

    /// <param name="maskValue">The value that fills a padded step.</param>
    public MaskingAttribute(double maskValue) => MaskValue = maskValue;

    /// <summary>The value that fills a padded step; default 0.</summary>
    public double MaskValue { get; set; }
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="MaskingAttribute"/>.</summary>
    public static LayerKind Masking { get; } = new(nameof(Masking));
}
