using System;

namespace Dsl;

/// <summary>
/// Turns integer token ids into learned vectors (Keras <c>Embedding</c>): ids of any shape (…) become (…, output_dim),
/// row <c>id</c> of an (input_dim, output_dim) table, which starts uniform in [−0.05, 0.05] as Keras's. The input must
/// hold integers (an input declared with <c>DType = DType.Int64</c> or <c>Int32</c>); a float input is a compile-time
/// error. input_dim · output_dim parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class EmbeddingAttribute : LayerAttribute
{
    /// <summary>The options as text, as the layer's YAML entry writes them; in a block, values may read its parameters (<c>$filters</c>).</summary>
    /// <param name="options">Keys and values (<c>"input_dim: 1000, output_dim: 64, mask_zero: true"</c>).</param>
    public EmbeddingAttribute(string options)
        : base(options)
    {
    }

    /// <param name="inputDim">The vocabulary's size: the largest id + 1.</param>
    /// <param name="outputDim">The length of each id's vector.</param>
    public EmbeddingAttribute(int inputDim, int outputDim)
    {
        InputDim = inputDim;
        OutputDim = outputDim;
    }

    /// <summary>The vocabulary's size: the largest id + 1.</summary>
    public int InputDim { get; }

    /// <summary>The length of each id's vector.</summary>
    public int OutputDim { get; }

    /// <summary>
    /// Whether id 0 is padding (Keras <c>mask_zero</c>): the layer's mask is ids ≠ 0, for the layers after it that honour
    /// Keras masks; the vocabulary then needs input_dim = words + 1. Default false.
    /// </summary>
    public bool MaskZero { get; set; }
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="EmbeddingAttribute"/>.</summary>
    public static LayerKind Embedding { get; } = new(nameof(Embedding));
}
