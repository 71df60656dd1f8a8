using System;

namespace Dsl;

/// <summary>
/// Multi-head attention (Keras <c>MultiHeadAttention</c>) over sequences (steps, features): the query, value and key are
/// each projected to num_heads heads (Keras's <c>query</c>, <c>key</c>, <c>value</c> projections), the scaled dot products
/// of queries and keys are softmaxed over the keys and weight the values, and the heads are projected back
/// (<c>attention_output</c>) to the query's features or to <see cref="OutputShape"/>. The inputs are Keras's call order,
/// <c>Inputs = new[] { "query", "value" }</c> or <c>{ "query", "value", "key" }</c> (key default: the value); without
/// <see cref="Inputs"/> it is self-attention on one input (the previous layer's output, or <c>From</c>), as Keras's
/// <c>mha(x, x)</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MultiHeadAttentionAttribute : LayerAttribute
{
    /// <summary>The options as text, as the layer's YAML entry writes them; in a block, values may read its parameters (<c>$filters</c>).</summary>
    /// <param name="options">Keys and values (<c>"num_heads: 4, key_dim: $dim, inputs: [x, x]"</c>).</param>
    public MultiHeadAttentionAttribute(string options)
        : base(options)
    {
        Inputs = Array.Empty<string>();
    }

    /// <param name="numHeads">The number of heads, at least 1.</param>
    /// <param name="keyDim">The size of each head for the query and the key, at least 1.</param>
    public MultiHeadAttentionAttribute(int numHeads, int keyDim)
    {
        NumHeads = numHeads;
        KeyDim = keyDim;
        Inputs = Array.Empty<string>();
    }

    /// <summary>The number of heads.</summary>
    public int NumHeads { get; }

    /// <summary>The size of each head for the query and the key; scores are scaled by 1 / sqrt(key_dim).</summary>
    public int KeyDim { get; }

    /// <summary>The size of each head for the value; default <see cref="KeyDim"/>.</summary>
    public int ValueDim { get; set; }

    /// <summary>The fraction of attention weights dropped in training, in [0, 1); default 0.</summary>
    public double Dropout { get; set; }

    /// <summary>Whether the four projections add learned biases; default true.</summary>
    public bool UseBias { get; set; } = true;

    /// <summary>The output's features; default the query's.</summary>
    public int OutputShape { get; set; }

    /// <summary>Whether step i of the query attends only to steps up to i (Keras's <c>use_causal_mask</c> call argument); default false.</summary>
    public bool UseCausalMask { get; set; }

    /// <summary>The query, the value and optionally the key, by name, in Keras's call order; default one input for all three.</summary>
    public string[] Inputs { get; set; }
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="MultiHeadAttentionAttribute"/>.</summary>
    public static LayerKind MultiHeadAttention { get; } = new(nameof(MultiHeadAttention));
}
