using System;

namespace Dsl;

/// <summary>
/// A 1-D convolution over a sequence (Keras <c>Conv1D</c>): input (channels, length), output (filters, length').
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Conv1DAttribute : LayerAttribute
{
    /// <summary>The options as text, as the layer's YAML entry writes them; in a block, values may read its parameters (<c>$filters</c>).</summary>
    /// <param name="options">Keys and values (<c>"filters: $filters, kernel_size: 3"</c>), or a bare value for the main option.</param>
    public Conv1DAttribute(string options)
        : base(options)
    {
    }

    /// <param name="filters">Number of output channels.</param>
    /// <param name="kernelSize">Length of the kernel.</param>
    public Conv1DAttribute(int filters, int kernelSize)
    {
        Filters = filters;
        KernelSize = kernelSize;
    }

    /// <summary>Number of output channels.</summary>
    public int Filters { get; }

    /// <summary>Length of the kernel.</summary>
    public int KernelSize { get; }

    /// <summary>Step along the sequence; default 1. Above 1 only with a <see cref="DilationRate"/> of 1, as in Keras.</summary>
    public int Stride { get; set; } = 1;

    /// <summary>Keras's <c>strides</c>, a list of one value (<c>new[] { 2 }</c>): the same option as <see cref="Stride"/>, which it overrides.</summary>
    public int[]? Strides { get; set; }

    /// <summary>Valid (default), same, or causal (zeros on the left only, so an output never sees a later step).</summary>
    public Padding Padding { get; set; }

    /// <summary>Spacing between the kernel's taps; default 1. The kernel then spans dilation·(kernel − 1) + 1 steps.</summary>
    public int DilationRate { get; set; } = 1;

    /// <summary>Activation applied to the output; default none.</summary>
    public Activation Activation { get; set; }

    /// <summary>Whether the layer adds a learned bias; default true.</summary>
    public bool UseBias { get; set; } = true;
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="Conv1DAttribute"/>.</summary>
    public static LayerKind Conv1D { get; } = new(nameof(Conv1D));
}
