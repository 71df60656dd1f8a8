using System;

namespace Dsl;

/// <summary>
/// A depthwise 2-D convolution (Keras <c>DepthwiseConv2D</c>): each input channel convolved with its own
/// <see cref="DepthMultiplier"/> kernels, giving channels × multiplier output channels.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DepthwiseConv2DAttribute : LayerAttribute
{
    /// <summary>The options as text, as the layer's YAML entry writes them; in a block, values may read its parameters (<c>$filters</c>).</summary>
    /// <param name="options">Keys and values (<c>"filters: $filters, kernel_size: 3"</c>), or a bare value for the main option.</param>
    public DepthwiseConv2DAttribute(string options)
        : base(options)
    {
        KernelSize = System.Array.Empty<int>();
    }

    /// <param name="kernelSize">One value for a square kernel, or height and width.</param>
    public DepthwiseConv2DAttribute(params int[] kernelSize) => KernelSize = kernelSize;

    /// <summary>Kernel height and width (one value means square).</summary>
    public int[] KernelSize { get; }

    /// <summary>Output channels per input channel; default 1.</summary>
    public int DepthMultiplier { get; set; } = 1;

    /// <summary>Step in both directions; default 1.</summary>
    public int Stride { get; set; } = 1;

    /// <summary>Vertical and horizontal steps, for a non-square stride. Overrides <see cref="Stride"/>.</summary>
    public int[]? Strides { get; set; }

    /// <summary>Valid (default) or same.</summary>
    public Padding Padding { get; set; }

    /// <summary>Activation applied to the output; default none.</summary>
    public Activation Activation { get; set; }

    /// <summary>Whether the layer adds a learned bias (one per output channel); default true.</summary>
    public bool UseBias { get; set; } = true;
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="DepthwiseConv2DAttribute"/>.</summary>
    public static LayerKind DepthwiseConv2D { get; } = new(nameof(DepthwiseConv2D));
}
