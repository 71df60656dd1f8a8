using static TorchSharp.torch;

namespace Dsl.Modules;

/// <summary>
/// The masks Keras's attention layers combine, as boolean (N or 1, T, S) tensors, true where query step t may attend
/// to key step s: a query mask (N, T) becomes (N, T, 1), value and key masks (N, S) become (N, 1, S), the causal mask is
/// (1, T, S) with s ≤ t, and all given ones are joined with a logical and (<c>MultiHeadAttention._compute_attention_mask</c>;
/// <c>Attention._calculate_score_mask</c> joins the value and causal masks). A masked score gets −1e9 added before the
/// softmax, as Keras's <c>Softmax</c> and <c>Attention</c> do, so a row with every key masked comes out uniform.
/// </summary>
public static class AttentionMasks
{
    /// <summary>Keras's large negative number for float32 scores.</summary>
    public const double MaskedScore = -1e9;

    /// <summary>The combined mask, or null when no mask is given and the causal one is off.</summary>
    /// <param name="queryMask">(N, T), or null.</param>
    /// <param name="valueMask">(N, S), or null.</param>
    /// <param name="keyMask">(N, S), or null (Keras ignores it when the key is the value).</param>
    /// <param name="causal">Whether step t attends only to steps s ≤ t.</param>
    /// <param name="queryLength">T.</param>
    /// <param name="keyLength">S.</param>
    /// <param name="device">Where the causal mask is made.</param>
    public static Tensor? Combine(Tensor? queryMask, Tensor? valueMask, Tensor? keyMask, bool causal, long queryLength, long keyLength, Device device)
    {
        Tensor? mask = null;
        if (queryMask is not null)
            mask = queryMask.to_type(ScalarType.Bool).unsqueeze(-1);
        if (valueMask is not null)
            mask = And(mask, valueMask.to_type(ScalarType.Bool).unsqueeze(-2));
        if (keyMask is not null)
            mask = And(mask, keyMask.to_type(ScalarType.Bool).unsqueeze(-2));
        if (causal)
            mask = And(mask, Causal(queryLength, keyLength, device).unsqueeze(0));
        return mask;
    }

    /// <summary>The (T, S) causal mask: true where s ≤ t (Keras: the cumulative row index ≥ the column index).</summary>
    public static Tensor Causal(long queryLength, long keyLength, Device device) =>
        ones(queryLength, keyLength, ScalarType.Bool, device).tril();

    /// <summary>
    /// <paramref name="scores"/> with −1e9 added where <paramref name="mask"/> is false; the mask, (N or 1, T, S), is
    /// broadcast over any heads between the batch and the steps.
    /// </summary>
    public static Tensor Apply(Tensor scores, Tensor? mask)
    {
        if (mask is null)
            return scores;
        var broadcast = mask;
        while (broadcast.dim() < scores.dim())
            broadcast = broadcast.unsqueeze(1);
        // Added, not written over, as Keras adds it: scores far above 32 in a fully masked row still count.
        using var masked = broadcast.logical_not().to_type(scores.dtype);
        return scores.add(masked, alpha: MaskedScore);
    }

    private static Tensor And(Tensor? mask, Tensor other) => mask is null ? other : mask.logical_and(other);
}
