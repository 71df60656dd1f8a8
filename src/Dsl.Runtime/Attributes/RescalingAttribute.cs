using System;

namespace Dsl;

/// <summary>
/// Multiplies every value by a scale and adds an offset (Keras <c>Rescaling</c>): <c>[Rescaling(1.0 / 255)]</c> maps
/// [0, 255] to [0, 1], <c>[Rescaling(1.0 / 127.5, Offset = -1)]</c> to [-1, 1]. Any input shape; no parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RescalingAttribute : LayerAttribute
{
    /// <summary>The options as text, as the layer's YAML entry writes them; in a block, values may read its parameters (<c>$filters</c>).</summary>
    /// <param name="options">Keys and values (<c>"filters: $filters, kernel_size: 3"</c>), or a bare value for the main option.</param>
    public RescalingAttribute(string options)
        : base(options)
    {
        Scale = Array.Empty<double>();
    }

    /// <param name="scale">The factor every value is multiplied by.</param>
    public RescalingAttribute(double scale) => Scale = new[] { scale };

    /// <param name="scale">
    /// One factor per channel of an image or feature of a sequence or flat input, as Keras broadcasts a list against its
    /// last axis (EfficientNet's <c>Rescaling([1 / sqrt(s) for s in IMAGENET_STDDEV_RGB])</c>).
    /// </param>
    public RescalingAttribute(params double[] scale) => Scale = scale;

    /// <summary>The factor every value is multiplied by, or one per channel or feature.</summary>
    public double[] Scale { get; }

    /// <summary>Added after scaling; default 0.</summary>
    public double Offset { get; set; }
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="RescalingAttribute"/>.</summary>
    public static LayerKind Rescaling { get; } = new(nameof(Rescaling));
}
