using System;
using System.Linq;
using static TorchSharp.torch;

namespace Dsl.Modules;

/// <summary>
/// Keras's <c>Embedding</c>: integer ids of any shape (N, …) become (N, …, output_dim), row <c>id</c> of the table
/// <c>embeddings</c> (input_dim, output_dim), Keras's name for the weight and so the state-dict key
/// (<c>embedding_1.embeddings</c>). With <see cref="MaskZero"/>, <see cref="ComputeMask"/> gives Keras's mask, ids ≠ 0,
/// for the layers after it that honour masks.
/// </summary>
public sealed class Embedding : nn.Module<Tensor, Tensor>
{
    // The field name is the state-dict key.
    /// <summary>The table, (input_dim, output_dim).</summary>
    public TorchSharp.Modules.Parameter embeddings;

    /// <param name="inputDim">The vocabulary's size: the largest id + 1.</param>
    /// <param name="outputDim">The length of each id's vector.</param>
    /// <param name="maskZero">Whether id 0 is padding, masked out for the layers after it.</param>
    public Embedding(long inputDim, long outputDim, bool maskZero) : base(nameof(Embedding))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputDim, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputDim, 1);
        InputDim = inputDim;
        OutputDim = outputDim;
        MaskZero = maskZero;
        embeddings = nn.Parameter(zeros(inputDim, outputDim));
        RegisterComponents();
    }

    /// <summary>The vocabulary's size.</summary>
    public long InputDim { get; }

    /// <summary>The length of each id's vector.</summary>
    public long OutputDim { get; }

    /// <summary>Whether id 0 is padding (Keras <c>mask_zero</c>).</summary>
    public bool MaskZero { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        // libtorch gathers by int64 or int32 ids; Keras casts other integers, as this does.
        using var ids = input.dtype is ScalarType.Int64 or ScalarType.Int32 ? input.alias() : input.to_type(ScalarType.Int64);
        using var flat = ids.reshape(-1);
        using var rows = embeddings.index_select(0, flat);
        return rows.reshape(input.shape.Append(OutputDim).ToArray());
    }

    /// <summary>
    /// Keras's <c>compute_mask</c>: with <see cref="MaskZero"/>, a boolean tensor of the ids' shape, true where an id is
    /// not 0 (a step to attend to, to average, to run); null otherwise (no mask).
    /// </summary>
    public Tensor? ComputeMask(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return MaskZero ? input.ne(0) : null;
    }
}
