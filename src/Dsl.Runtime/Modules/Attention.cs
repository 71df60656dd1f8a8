using System;
using static TorchSharp.torch;

namespace Dsl.Modules;

/// <summary>
/// Keras's dot-product <c>Attention</c> on sequences: scores (N, Tq, Tv) of each query step against each key step, the
/// dot product (times the learned <c>scale</c> with use_scale) or, in <see cref="ScoreMode.Concat"/>, the learned
/// <c>concat_score_weight</c> times the sum over features of tanh(query + key) (the scale inside the tanh); the value
/// and causal masks add −1e9 (<see cref="AttentionMasks"/>), a softmax over the value steps, dropout in training, and
/// the weighted sum of the value steps; a query mask zeroes the output's masked steps, as Keras's does.
/// </summary>
public sealed class Attention : nn.Module<Tensor, Tensor, Tensor>
{
    // The field names are Keras's weight names and so the state-dict keys; a null one is skipped.
    /// <summary>The learned scalar scale (use_scale), starting at 1; null without.</summary>
    public TorchSharp.Modules.Parameter? scale;

    /// <summary>The learned scalar weight of concat scores, starting at 1; null for dot scores.</summary>
    public TorchSharp.Modules.Parameter? concat_score_weight;

    /// <param name="useScale">Whether a learned scalar scales the scores.</param>
    /// <param name="scoreMode">Dot or concat scores.</param>
    /// <param name="dropout">The fraction of attention weights dropped in training.</param>
    /// <param name="useCausalMask">Whether query step i attends only to value steps up to i.</param>
    public Attention(bool useScale, ScoreMode scoreMode, double dropout, bool useCausalMask) : base(nameof(Attention))
    {
        if (!(dropout >= 0 && dropout < 1))
            throw new ArgumentOutOfRangeException(nameof(dropout), $"The dropout rate must be in [0, 1); it is {dropout}.");
        ScoreMode = scoreMode;
        Dropout = dropout;
        UseCausalMask = useCausalMask;
        if (useScale)
            scale = nn.Parameter(ones(Array.Empty<long>()));
        if (scoreMode == ScoreMode.Concat)
            concat_score_weight = nn.Parameter(ones(Array.Empty<long>()));
        RegisterComponents();
    }

    /// <summary>Dot or concat scores.</summary>
    public ScoreMode ScoreMode { get; }

    /// <summary>The fraction of attention weights dropped in training.</summary>
    public double Dropout { get; }

    /// <summary>Whether query step i attends only to value steps up to i.</summary>
    public bool UseCausalMask { get; }

    /// <summary>Keras's <c>attention([query, value])</c>: the value is the key too.</summary>
    public override Tensor forward(Tensor query, Tensor value) => forward(query, value, null);

    /// <summary>
    /// Keras's <c>attention([query, value, key], mask=[query_mask, value_mask])</c>; the masks are boolean (N, Tq) and
    /// (N, Tv), true for steps that count.
    /// </summary>
    public Tensor forward(Tensor query, Tensor value, Tensor? key, Tensor? queryMask = null, Tensor? valueMask = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(value);
        using var scope = NewDisposeScope();
        var keys = key ?? value;
        Tensor scores;
        if (ScoreMode == ScoreMode.Dot)
        {
            scores = query.matmul(keys.transpose(1, 2));
            if (scale is not null)
                scores = scores.mul(scale);
        }
        else
        {
            // (N, Tq, 1, D) + (N, 1, Tv, D), summed over the features.
            var sum = query.unsqueeze(2).add(keys.unsqueeze(1));
            if (scale is not null)
                sum = sum.mul(scale);
            scores = sum.tanh().sum(-1).mul(concat_score_weight!);
        }
        var mask = AttentionMasks.Combine(null, valueMask, null, UseCausalMask, scores.shape[1], scores.shape[2], query.device);
        var weights = AttentionMasks.Apply(scores, mask).softmax(-1);
        if (training && Dropout > 0)
            weights = nn.functional.dropout(weights, Dropout, training: true);
        var result = weights.matmul(value);
        if (queryMask is not null)
            result = result.mul(queryMask.to_type(result.dtype).unsqueeze(-1));
        return result.MoveToOuterDisposeScope();
    }
}
