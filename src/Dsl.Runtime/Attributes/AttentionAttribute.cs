using System;

namespace Dsl;

/// <summary>
/// Dot-product (Luong-style) attention (Keras <c>Attention</c>) over sequences (steps, features): each query step scores
/// every key step (<see cref="ScoreMode"/>), the scores are softmaxed over the keys and weight the value steps. Output
/// (query steps, value features). The inputs are Keras's list, <c>Inputs = new[] { "query", "value" }</c> or
/// <c>{ "query", "value", "key" }</c> (key default: the value); without <see cref="Inputs"/> the previous layer's output
/// (or <c>From</c>) is all three. The query's and the key's features must agree.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AttentionAttribute : LayerAttribute
{
    /// <summary>The options as text, as the layer's YAML entry writes them; in a block, values may read its parameters (<c>$filters</c>).</summary>
    /// <param name="options">Keys and values (<c>"score_mode: concat, inputs: [query, value]"</c>), or a bare list of inputs.</param>
    public AttentionAttribute(string options)
        : base(options)
    {
        Inputs = Array.Empty<string>();
    }

    /// <summary>Attention with Keras's defaults.</summary>
    public AttentionAttribute() => Inputs = Array.Empty<string>();

    /// <summary>Whether the scores are multiplied by a learned scalar <c>scale</c> (starting at 1); default false.</summary>
    public bool UseScale { get; set; }

    /// <summary>How queries and keys are scored; default <see cref="Dsl.ScoreMode.Dot"/>.</summary>
    public ScoreMode ScoreMode { get; set; }

    /// <summary>The fraction of attention weights dropped in training, in [0, 1); default 0.</summary>
    public double Dropout { get; set; }

    /// <summary>Whether step i of the query attends only to steps up to i (Keras's <c>use_causal_mask</c> call argument); default false.</summary>
    public bool UseCausalMask { get; set; }

    /// <summary>The query, the value and optionally the key, by name, in Keras's call order; default one input for all three.</summary>
    public string[] Inputs { get; set; }
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="AttentionAttribute"/>.</summary>
    public static LayerKind Attention { get; } = new(nameof(Attention));
}
