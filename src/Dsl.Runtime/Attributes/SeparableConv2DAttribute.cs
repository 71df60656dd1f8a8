using System;

namespace Dsl;

/// <summary>
/// A depthwise separable 2-D convolution (Keras <c>SeparableConv2D</c>): a depthwise convolution (each input channel
/// with its own <see cref="DepthMultiplier"/> kernels, no bias), then a 1x1 convolution to the filters.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SeparableConv2DAttribute : LayerAttribute
{
    /// <summary>The options as text, as the layer's YAML entry writes them; in a block, values may read its parameters (<c>$filters</c>).</summary>
    /// <param name="options">Keys and values (<c>"filters: $filters, kernel_size: 3"</c>), or a bare value for the main option.</param>
    public SeparableConv2DAttribute(string options)
        : base(options)
    {
        KernelSize = System.Array.Empty<int>();
    }

    /// <param name="filters">Number of output channels.</param>
    /// <param name="kernelSize">The depthwise kernel: one value for a square, or height and width.</param>
    public SeparableConv2DAttribute(int filters, params int[] kernelSize)
    {
        Filters = filters;
        KernelSize = kernelSize;
    }

    /// <summary>Number of output channels.</summary>
    public int Filters { get; }

    /// <summary>Depthwise kernel height and width (one value means square).</summary>
    public int[] KernelSize { get; }

    /// <summary>Depthwise output channels per input channel; default 1.</summary>
    public int DepthMultiplier { get; set; } = 1;

    /// <summary>Step of the depthwise convolution in both directions; default 1.</summary>
    public int Stride { get; set; } = 1;

    /// <summary>Vertical and horizontal steps, for a non-square stride. Overrides <see cref="Stride"/>.</summary>
    public int[]? Strides { get; set; }

    /// <summary>Valid (default) or same.</summary>
    public Padding Padding { get; set; }

    /// <summary>Activation applied to the output; default none.</summary>
    public Activation Activation { get; set; }

    /// <summary>Whether the layer adds a learned bias (after the pointwise convolution only); default true.</summary>
    public bool UseBias { get; set; } = true;
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="SeparableConv2DAttribute"/>.</summary>
    public static LayerKind SeparableConv2D { get; } = new(nameof(SeparableConv2D));
}
