using System;

namespace Dsl.Runtime.Tests.Numerics;

/// <summary>
/// Keras's attention layers written from their definitions (keras/src/layers/attention/multi_head_attention.py,
/// attention.py) as plain loops over doubles, with no tensor library: references for the runtime modules. Arrays are
/// [batch][step][feature]; kernels are in Keras's layout, (D, H, K) and (H, V, O). Masks are true where a step counts.
/// </summary>
internal static class KerasAttention
{
    /// <summary>Keras's large negative number added to masked float32 scores.</summary>
    private const double Masked = -1e9;

    /// <summary>Weights of MultiHeadAttention's four EinsumDense projections; biases may be null (use_bias=False).</summary>
    public sealed record MhaWeights(double[,,] Wq, double[,]? Bq, double[,,] Wk, double[,]? Bk, double[,,] Wv, double[,]? Bv, double[,,] Wo, double[]? Bo);

    /// <summary>MultiHeadAttention.call(query, value, key, query_mask, value_mask, key_mask, use_causal_mask) in inference.</summary>
    public static double[][][] MultiHead(double[][][] query, double[][][] value, double[][][]? key, MhaWeights w,
        bool causal = false, bool[][]? queryMask = null, bool[][]? valueMask = null, bool[][]? keyMask = null)
    {
        key ??= value;
        int n = query.Length, t = query[0].Length, s = value[0].Length;
        int heads = w.Wq.GetLength(1), keyDim = w.Wq.GetLength(2), valueDim = w.Wv.GetLength(2), outputs = w.Wo.GetLength(2);
        var result = new double[n][][];
        for (int b = 0; b < n; b++)
        {
            var q = Project(query[b], w.Wq, w.Bq);
            var k = Project(key[b], w.Wk, w.Bk);
            var v = Project(value[b], w.Wv, w.Bv);
            var combined = new double[t, heads, valueDim];
            for (int h = 0; h < heads; h++)
            {
                for (int i = 0; i < t; i++)
                {
                    var scores = new double[s];
                    for (int j = 0; j < s; j++)
                    {
                        double dot = 0;
                        for (int d = 0; d < keyDim; d++)
                            dot += q[i, h, d] / Math.Sqrt(keyDim) * k[j, h, d];
                        bool allowed = (queryMask?[b][i] ?? true) && (valueMask?[b][j] ?? true) && (keyMask?[b][j] ?? true) && (!causal || j <= i);
                        scores[j] = allowed ? dot : MaskedFloat(dot);
                    }
                    var weights = Softmax(scores);
                    for (int j = 0; j < s; j++)
                    {
                        for (int d = 0; d < valueDim; d++)
                            combined[i, h, d] += weights[j] * v[j, h, d];
                    }
                }
            }
            result[b] = new double[t][];
            for (int i = 0; i < t; i++)
            {
                result[b][i] = new double[outputs];
                for (int o = 0; o < outputs; o++)
                {
                    double sum = w.Bo?[o] ?? 0;
                    for (int h = 0; h < heads; h++)
                    {
                        for (int d = 0; d < valueDim; d++)
                            sum += combined[i, h, d] * w.Wo[h, d, o];
                    }
                    result[b][i][o] = sum;
                }
            }
        }
        return result;
    }

    /// <summary>
    /// Attention.call([query, value, key], mask=[query_mask, value_mask], use_causal_mask) in inference: dot scores
    /// (times scale) or concat scores (concat_score_weight · Σ tanh(scale · (q + k))).
    /// </summary>
    public static double[][][] DotProduct(double[][][] query, double[][][] value, double[][][]? key, bool concat, double? scale, double concatWeight = 1,
        bool causal = false, bool[][]? queryMask = null, bool[][]? valueMask = null)
    {
        key ??= value;
        int n = query.Length, tq = query[0].Length, tv = value[0].Length, features = query[0][0].Length, dv = value[0][0].Length;
        var result = new double[n][][];
        for (int b = 0; b < n; b++)
        {
            result[b] = new double[tq][];
            for (int i = 0; i < tq; i++)
            {
                var scores = new double[tv];
                for (int j = 0; j < tv; j++)
                {
                    double score = 0;
                    for (int d = 0; d < features; d++)
                        score += concat ? Math.Tanh((scale ?? 1) * (query[b][i][d] + key[b][j][d])) : query[b][i][d] * key[b][j][d];
                    score = concat ? concatWeight * score : score * (scale ?? 1);
                    bool allowed = (valueMask?[b][j] ?? true) && (!causal || j <= i);
                    scores[j] = allowed ? score : MaskedFloat(score);
                }
                var weights = Softmax(scores);
                result[b][i] = new double[dv];
                for (int d = 0; d < dv; d++)
                {
                    double sum = 0;
                    for (int j = 0; j < tv; j++)
                        sum += weights[j] * value[b][j][d];
                    result[b][i][d] = (queryMask?[b][i] ?? true) ? sum : 0;
                }
            }
        }
        return result;
    }

    /// <summary>An EinsumDense projection "abc,cde->abde" of one sample: (L, D) with (D, H, K) and (H, K) gives (L, H, K).</summary>
    private static double[,,] Project(double[][] x, double[,,] kernel, double[,]? bias)
    {
        int length = x.Length, features = kernel.GetLength(0), heads = kernel.GetLength(1), size = kernel.GetLength(2);
        var result = new double[length, heads, size];
        for (int l = 0; l < length; l++)
        {
            for (int h = 0; h < heads; h++)
            {
                for (int k = 0; k < size; k++)
                {
                    double sum = bias?[h, k] ?? 0;
                    for (int d = 0; d < features; d++)
                        sum += x[l][d] * kernel[d, h, k];
                    result[l, h, k] = sum;
                }
            }
        }
        return result;
    }

    /// <summary>
    /// A masked score as Keras computes it in float32: score + (−1e9), rounded to float, so a row whose every key is
    /// masked comes out uniform (for scores below 32), as in Keras.
    /// </summary>
    private static double MaskedFloat(double score) => (float)((float)score + (float)Masked);

    private static double[] Softmax(double[] scores)
    {
        double max = double.NegativeInfinity;
        foreach (var score in scores)
            max = Math.Max(max, score);
        var exp = new double[scores.Length];
        double total = 0;
        for (int j = 0; j < scores.Length; j++)
            total += exp[j] = Math.Exp(scores[j] - max);
        for (int j = 0; j < scores.Length; j++)
            exp[j] /= total;
        return exp;
    }
}
