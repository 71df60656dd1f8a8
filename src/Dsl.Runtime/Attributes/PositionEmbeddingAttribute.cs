using System;

namespace Dsl;

/// <summary>
/// A learned embedding of positions (keras_hub <c>PositionEmbedding</c>) for sequences (steps, features): a
/// (sequence_length, features) table, Glorot-uniform at first, whose first <c>steps</c> rows are the output, broadcast
/// over the batch: the output has the input's shape, and, as in keras_hub, it is the position embedding alone; add it to
/// the input with an <c>Add</c> layer. The input may not be longer than sequence_length. sequence_length · features
/// parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class PositionEmbeddingAttribute : LayerAttribute
{
    /// <summary>The options as text, as the layer's YAML entry writes them; in a block, values may read its parameters (<c>$filters</c>).</summary>
    /// <param name="options">Keys and values (<c>"sequence_length: $steps"</c>), or a bare value for the main option.</param>
    public PositionEmbeddingAttribute(string options)
        : base(options)
    {
    }

    /// <param name="sequenceLength">The most steps an input may have, at least 1.</param>
    public PositionEmbeddingAttribute(int sequenceLength) => SequenceLength = sequenceLength;

    /// <summary>The most steps an input may have: the table's rows.</summary>
    public int SequenceLength { get; }
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="PositionEmbeddingAttribute"/>.</summary>
    public static LayerKind PositionEmbedding { get; } = new(nameof(PositionEmbedding));
}
