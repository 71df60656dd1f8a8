using System;

namespace Dsl;

/// <summary>
/// Runs the recurrent layer declared on the next line (<c>SimpleRNN</c>, <c>LSTM</c> or <c>GRU</c>) forwards and a copy
/// of it backwards, and joins their outputs (Keras <c>Bidirectional</c>): twice the layer's parameters, under
/// <c>forward_lstm</c> and <c>backward_lstm</c>. A backward layer of its own goes in the options text
/// (<c>"backward_layer: { gru: { units: 8, go_backwards: true } }"</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class BidirectionalAttribute : LayerAttribute
{
    /// <summary>The options as text, as the layer's YAML entry writes them (<c>"merge_mode: sum"</c>).</summary>
    /// <param name="options">Keys and values; <c>layer</c> given here takes the place of the next line's attribute.</param>
    public BidirectionalAttribute(string options)
        : base(options)
    {
    }

    /// <summary>Concatenates the two outputs (Keras's default).</summary>
    public BidirectionalAttribute()
    {
    }

    /// <param name="mergeMode">How the two outputs are joined.</param>
    public BidirectionalAttribute(MergeMode mergeMode) => MergeMode = mergeMode;

    /// <summary>How the two outputs are joined (Keras's <c>merge_mode</c>); default <see cref="Dsl.MergeMode.Concat"/>.</summary>
    public MergeMode MergeMode { get; set; }
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="BidirectionalAttribute"/>.</summary>
    public static LayerKind Bidirectional { get; } = new(nameof(Bidirectional));
}
