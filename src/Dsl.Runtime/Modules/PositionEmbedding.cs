using System;
using static TorchSharp.torch;

namespace Dsl.Modules;

/// <summary>
/// keras_hub's <c>PositionEmbedding</c>: a learned (sequence_length, features) table <c>embeddings</c> (keras_hub's
/// weight name, the state-dict key), whose first <c>steps</c> rows, broadcast over the batch, are the output for an
/// input (N, steps, features): the position embedding alone, which a model adds to its input itself, as with keras_hub.
/// </summary>
public sealed class PositionEmbedding : nn.Module<Tensor, Tensor>
{
    // The field name is the state-dict key.
    /// <summary>The table, (sequence_length, features).</summary>
    public TorchSharp.Modules.Parameter embeddings;

    /// <param name="sequenceLength">The most steps an input may have.</param>
    /// <param name="features">The input's features.</param>
    public PositionEmbedding(long sequenceLength, long features) : base(nameof(PositionEmbedding))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequenceLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        embeddings = nn.Parameter(zeros(sequenceLength, features));
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        long steps = input.shape[1];
        if (steps > embeddings.shape[0])
            throw new ArgumentException($"The input has {steps} steps, more than the {embeddings.shape[0]} positions of the embedding.", nameof(input));
        using var rows = embeddings.narrow(0, 0, steps);
        return rows.expand(input.shape);
    }
}
