using System;
using static TorchSharp.torch;

namespace Dsl.Modules;

/// <summary>
/// Keras's <c>MultiHeadAttention</c> on sequences (N, T, features): the projections <c>query</c>, <c>key</c> and
/// <c>value</c> (Keras's EinsumDense sublayers and names, kernels (D, H, K), biases (H, K)) make H heads, each query
/// head is scaled by 1 / sqrt(K) and dotted with the key heads, the scores are softmaxed over the S key steps (after
/// the masks: <see cref="AttentionMasks"/>), dropped out in training only, and weight the value heads, which
/// <c>attention_output</c> (kernel (H, V, O), bias (O)) projects to (N, T, O). The key is the value unless given.
/// </summary>
public sealed class MultiHeadAttention : nn.Module<Tensor, Tensor, Tensor>
{
    // The field names are Keras's sublayer names and so the state-dict keys (mha.query.kernel, …).
    /// <summary>Projects the query: kernel (Dq, H, K).</summary>
    public EinsumDense query;

    /// <summary>Projects the key: kernel (Dk, H, K).</summary>
    public EinsumDense key;

    /// <summary>Projects the value: kernel (Dv, H, V).</summary>
    public EinsumDense value;

    /// <summary>Projects the heads to the output: kernel (H, V, O).</summary>
    public EinsumDense attention_output;

    private readonly double _scale;

    /// <param name="queryFeatures">Dq, the query's features.</param>
    /// <param name="valueFeatures">Dv, the value's features.</param>
    /// <param name="keyFeatures">Dk, the key's features (the value's when the key is the value).</param>
    /// <param name="numHeads">H.</param>
    /// <param name="keyDim">K, each head's size for the query and the key.</param>
    /// <param name="valueDim">V, each head's size for the value.</param>
    /// <param name="outputFeatures">O, the output's features (Keras's default: Dq).</param>
    /// <param name="useBias">Whether the projections add biases.</param>
    /// <param name="dropout">The fraction of attention weights dropped in training.</param>
    /// <param name="useCausalMask">Whether query step t attends only to key steps up to t.</param>
    public MultiHeadAttention(long queryFeatures, long valueFeatures, long keyFeatures, long numHeads, long keyDim, long valueDim, long outputFeatures,
        bool useBias, double dropout, bool useCausalMask) : base(nameof(MultiHeadAttention))
    {
        if (!(dropout >= 0 && dropout < 1))
            throw new ArgumentOutOfRangeException(nameof(dropout), $"The dropout rate must be in [0, 1); it is {dropout}.");
        NumHeads = numHeads;
        KeyDim = keyDim;
        ValueDim = valueDim;
        Dropout = dropout;
        UseCausalMask = useCausalMask;
        _scale = 1.0 / Math.Sqrt(keyDim);
        query = new EinsumDense(new[] { queryFeatures }, new[] { numHeads, keyDim }, useBias);
        key = new EinsumDense(new[] { keyFeatures }, new[] { numHeads, keyDim }, useBias);
        value = new EinsumDense(new[] { valueFeatures }, new[] { numHeads, valueDim }, useBias);
        attention_output = new EinsumDense(new[] { numHeads, valueDim }, new[] { outputFeatures }, useBias);
        RegisterComponents();
    }

    /// <summary>H.</summary>
    public long NumHeads { get; }

    /// <summary>K.</summary>
    public long KeyDim { get; }

    /// <summary>V.</summary>
    public long ValueDim { get; }

    /// <summary>The fraction of attention weights dropped in training.</summary>
    public double Dropout { get; }

    /// <summary>Whether query step t attends only to key steps up to t.</summary>
    public bool UseCausalMask { get; }

    /// <summary>Attention of <paramref name="queryInput"/> over <paramref name="valueInput"/>, which is the key too (Keras's <c>mha(query, value)</c>).</summary>
    public override Tensor forward(Tensor queryInput, Tensor valueInput) => forward(queryInput, valueInput, null);

    /// <summary>
    /// Keras's <c>call(query, value, key, query_mask, value_mask, key_mask)</c>: the masks are boolean (N, T) or (N, S),
    /// true for steps that count (Keras's masks of the inputs, e.g. an embedding's ids ≠ 0); a key mask is ignored
    /// without a key, as Keras ignores it when the key is the value.
    /// </summary>
    public Tensor forward(Tensor queryInput, Tensor valueInput, Tensor? keyInput, Tensor? queryMask = null, Tensor? valueMask = null, Tensor? keyMask = null)
    {
        ArgumentNullException.ThrowIfNull(queryInput);
        ArgumentNullException.ThrowIfNull(valueInput);
        using var scope = NewDisposeScope();
        var keys = keyInput ?? valueInput;
        var mask = AttentionMasks.Combine(queryMask, valueMask, keyInput is null ? null : keyMask, UseCausalMask, queryInput.shape[1], keys.shape[1], queryInput.device);
        // (N, T, H, K) → (N, H, T, K); keys (N, H, K, S); values (N, H, S, V).
        var q = query.call(queryInput).permute(0, 2, 1, 3).mul(_scale);
        var k = key.call(keys).permute(0, 2, 3, 1);
        var v = value.call(valueInput).permute(0, 2, 1, 3);
        var scores = AttentionMasks.Apply(q.matmul(k), mask);
        var weights = scores.softmax(-1);
        if (training && Dropout > 0)
            weights = nn.functional.dropout(weights, Dropout, training: true);
        var heads = weights.matmul(v).permute(0, 2, 1, 3);
        return attention_output.call(heads).MoveToOuterDisposeScope();
    }
}
