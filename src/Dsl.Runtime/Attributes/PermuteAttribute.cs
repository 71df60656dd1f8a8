using System;

namespace Dsl;

/// <summary>
/// Reorders the axes of each sample (Keras <c>Permute</c>): <c>[Permute(2, 1)]</c> turns (steps, features) into
/// (features, steps). The dims are Keras's: the per-sample axes numbered from 1 in Keras's order, which for an image is
/// (height, width, channels), so a spec written from Keras code moves the same axes.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class PermuteAttribute : LayerAttribute
{
    /// <summary>The options as text, as the layer's YAML entry writes them; in a block, values may read its parameters (<c>$filters</c>).</summary>
    /// <param name="options">Keys and values (<c>"filters: $filters, kernel_size: 3"</c>), or a bare value for the main option.</param>
    public PermuteAttribute(string options)
        : base(options)
    {
        Dims = Array.Empty<int>();
    }

    /// <param name="dims">A permutation of 1 to the input's rank (without the batch): output axis i is input axis dims[i].</param>
    public PermuteAttribute(params int[] dims) => Dims = dims;

    /// <summary>The permutation as given, 1-based.</summary>
    public int[] Dims { get; }
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="PermuteAttribute"/>.</summary>
    public static LayerKind Permute { get; } = new(nameof(Permute));
}
