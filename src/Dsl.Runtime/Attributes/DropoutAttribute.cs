using System;

namespace Dsl;

/// <summary>Element-wise dropout, active only in training mode (Keras <c>Dropout</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DropoutAttribute : LayerAttribute
{
    /// <summary>The options as text, as the layer's YAML entry writes them; in a block, values may read its parameters (<c>$filters</c>).</summary>
    /// <param name="options">Keys and values (<c>"filters: $filters, kernel_size: 3"</c>), or a bare value for the main option.</param>
    public DropoutAttribute(string options)
        : base(options)
    {
    }

    /// <param name="rate">Fraction of inputs zeroed during training, in [0, 1).</param>
    public DropoutAttribute(double rate) => Rate = rate;

    /// <summary>Fraction of inputs zeroed during training.</summary>
    public double Rate { get; }

    /// <summary>
    /// The shape of the dropout mask per sample (Keras <c>noise_shape</c> without the batch), channels first as the
    /// input's shape: each entry the input's size in that dimension or 1, where one draw is shared
    /// (<c>new[] { 16, 1, 1 }</c> drops whole channels of a (16, H, W) image). Default: the input's shape.
    /// </summary>
    public int[]? NoiseShape { get; set; }
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="DropoutAttribute"/>.</summary>
    public static LayerKind Dropout { get; } = new(nameof(Dropout));
}
