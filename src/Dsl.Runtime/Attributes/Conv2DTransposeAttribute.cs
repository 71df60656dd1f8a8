using System;

namespace Dsl;

/// <summary>A transposed 2-D convolution, which upsamples (Keras <c>Conv2DTranspose</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Conv2DTransposeAttribute : LayerAttribute
{
    /// <summary>The options as text, as the layer's YAML entry writes them; in a block, values may read its parameters (<c>$filters</c>).</summary>
    /// <param name="options">Keys and values (<c>"filters: $filters, kernel_size: 3"</c>), or a bare value for the main option.</param>
    public Conv2DTransposeAttribute(string options)
        : base(options)
    {
        KernelSize = System.Array.Empty<int>();
    }

    /// <param name="filters">Number of output channels.</param>
    /// <param name="kernelSize">One value for a square kernel, or height and width.</param>
    public Conv2DTransposeAttribute(int filters, params int[] kernelSize)
    {
        Filters = filters;
        KernelSize = kernelSize;
    }

    /// <summary>Number of output channels.</summary>
    public int Filters { get; }

    /// <summary>Kernel height and width (one value means square).</summary>
    public int[] KernelSize { get; }

    /// <summary>Upsampling factor in both directions; default 1.</summary>
    public int Stride { get; set; } = 1;

    /// <summary>Vertical and horizontal factors, for a non-square stride. Overrides <see cref="Stride"/>.</summary>
    public int[]? Strides { get; set; }

    /// <summary>Valid (default: output in·s + max(k − s, 0)) or same (output in·s).</summary>
    public Padding Padding { get; set; }

    /// <summary>
    /// Spacing between kernel taps in both directions (Keras <c>dilation_rate</c>); default 1. Above 1, the stride
    /// must be 1, as in Keras. <see cref="DilationRates"/>, when given, wins over it.
    /// </summary>
    public int DilationRate { get; set; } = 1;

    /// <summary>Vertical and horizontal dilation, for a non-square rate.</summary>
    public int[]? DilationRates { get; set; }

    /// <summary>Activation applied to the output; default none.</summary>
    public Activation Activation { get; set; }

    /// <summary>Whether the layer adds a learned bias; default true.</summary>
    public bool UseBias { get; set; } = true;
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="Conv2DTransposeAttribute"/>.</summary>
    public static LayerKind Conv2DTranspose { get; } = new(nameof(Conv2DTranspose));
}
