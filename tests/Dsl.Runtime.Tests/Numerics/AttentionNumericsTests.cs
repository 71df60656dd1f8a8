using System;
using System.Linq;
using Dsl;
using Dsl.Runtime.Tests.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Numerics;

/// <summary>A multi-head attention whose output is the model's: (5, 6) query over a (4, 3) value.</summary>
[Input(5, 6, Name = "query")]
[Input(4, 3, Name = "value")]
[MultiHeadAttention(2, 3, ValueDim = 2, Inputs = new[] { "query", "value" }, Name = "mha")]
public partial class QueryOverValue;

/// <summary>Causal self-attention of a (6, 4) sequence, output size 5.</summary>
[Input(6, 4)]
[MultiHeadAttention(3, 2, OutputShape = 5, UseCausalMask = true, Name = "mha")]
public partial class CausalSelfAttention;

/// <summary>Positions of a (5, 3) sequence from a table of 8.</summary>
[Input(5, 3)]
[PositionEmbedding(8)]
public partial class Positions;

/// <summary>
/// The attention kinds against Keras's definitions written as loops (<see cref="KerasAttention"/>): MultiHeadAttention
/// with and without a causal mask and with query, value and key masks, a padded batch against the same sequences
/// unpadded, dot-product Attention (dot, scaled, concat, causal, masks), the embedding's gather and mask, the position
/// embedding's rows; dropout only in training.
/// </summary>
public sealed class AttentionNumericsTests
{
    private const double Tolerance = 2e-5;

    [Fact]
    public void Multi_head_attention_of_a_query_over_a_value_is_kerass()
    {
        using var scope = NewDisposeScope();
        using var model = new QueryOverValue();
        Randomise(model);
        model.eval();
        var query = randn(3, 5, 6);
        var value = randn(3, 4, 3);
        var actual = ((IGeneratedModel)model).Run(query, value)[0];
        var expected = KerasAttention.MultiHead(Sequences(query), Sequences(value), null, Weights(model.mha));
        AssertClose(expected, actual);
    }

    [Fact]
    public void Causal_self_attention_is_kerass_and_a_step_does_not_see_later_steps()
    {
        using var scope = NewDisposeScope();
        using var model = new CausalSelfAttention();
        Randomise(model);
        model.eval();
        var x = randn(2, 6, 4);
        var actual = model.forward(x);
        AssertClose(KerasAttention.MultiHead(Sequences(x), Sequences(x), null, Weights(model.mha), causal: true), actual);
        Assert.Equal(new long[] { 2, 6, 5 }, actual.shape);

        // Changing the last step changes only the last step's output.
        var changed = x.clone();
        changed[.., 5] = randn(2, 4);
        var again = model.forward(changed);
        Assert.True(again[.., ..5].allclose(actual[.., ..5], rtol: 0, atol: 1e-6));
        Assert.False(again[.., 5].allclose(actual[.., 5]));
    }

    [Fact]
    public void Multi_head_attention_with_a_key_and_query_value_and_key_masks_is_kerass()
    {
        using var scope = NewDisposeScope();
        using var mha = new Dsl.Modules.MultiHeadAttention(4, 3, 5, 2, 3, 2, 4, useBias: true, dropout: 0, useCausalMask: false);
        Randomise(mha);
        mha.eval();
        var query = randn(2, 3, 4);
        var value = randn(2, 5, 3);
        var key = randn(2, 5, 5);
        var queryMask = tensor(new[] { true, false, true, true, true, true }).view(2, 3);
        var valueMask = tensor(new[] { true, true, false, true, false, false, true, true, true, true }).view(2, 5);
        var keyMask = tensor(new[] { true, true, true, false, true, true, true, false, true, true }).view(2, 5);
        var actual = mha.forward(query, value, key, queryMask, valueMask, keyMask);
        var expected = KerasAttention.MultiHead(Sequences(query), Sequences(value), Sequences(key), Weights(mha), queryMask: Masks(queryMask), valueMask: Masks(valueMask), keyMask: Masks(keyMask));
        AssertClose(expected, actual);
        // Keras ignores the key mask when there is no key (the key is the value).
        using var selfKeyed = new Dsl.Modules.MultiHeadAttention(4, 3, 3, 2, 3, 2, 4, useBias: true, dropout: 0, useCausalMask: false);
        Randomise(selfKeyed);
        var withoutKey = selfKeyed.forward(query, value, null, null, valueMask, keyMask);
        AssertClose(KerasAttention.MultiHead(Sequences(query), Sequences(value), null, Weights(selfKeyed), valueMask: Masks(valueMask)), withoutKey);
    }

    [Fact]
    public void A_padded_batch_with_a_value_mask_gives_what_the_sequences_give_unpadded()
    {
        using var scope = NewDisposeScope();
        using var mha = new Dsl.Modules.MultiHeadAttention(4, 4, 4, 2, 2, 2, 4, useBias: true, dropout: 0, useCausalMask: false);
        Randomise(mha);
        mha.eval();
        var query = randn(2, 3, 4);
        var values = new[] { randn(1, 5, 4), randn(1, 2, 4) };
        var padded = zeros(2, 5, 4);
        padded[0] = values[0][0];
        padded[1, ..2] = values[1][0];
        var mask = tensor(new[] { true, true, true, true, true, true, true, false, false, false }).view(2, 5);
        var batch = mha.forward(query, padded, null, null, mask);
        for (int b = 0; b < 2; b++)
        {
            var alone = mha.forward(query[b..(b + 1)], values[b]);
            Assert.True(batch[b..(b + 1)].allclose(alone, rtol: 1e-5, atol: 1e-6), $"sequence {b}");
        }
    }

    [Fact]
    public void Multi_head_attention_without_biases_is_kerass()
    {
        using var scope = NewDisposeScope();
        using var mha = new Dsl.Modules.MultiHeadAttention(3, 3, 3, 2, 2, 3, 3, useBias: false, dropout: 0, useCausalMask: true);
        Randomise(mha);
        Assert.DoesNotContain(mha.named_parameters(), p => p.name.EndsWith("bias", StringComparison.Ordinal));
        var x = randn(2, 4, 3);
        AssertClose(KerasAttention.MultiHead(Sequences(x), Sequences(x), null, Weights(mha), causal: true), mha.forward(x, x));
    }

    [Fact]
    public void Attention_dropout_acts_in_training_only()
    {
        using var scope = NewDisposeScope();
        using var mha = new Dsl.Modules.MultiHeadAttention(4, 4, 4, 2, 2, 2, 4, useBias: true, dropout: 0.5, useCausalMask: false);
        Randomise(mha);
        var x = randn(2, 6, 4);
        mha.eval();
        var evaluation = mha.forward(x, x);
        AssertClose(KerasAttention.MultiHead(Sequences(x), Sequences(x), null, Weights(mha)), evaluation);
        Assert.True(mha.forward(x, x).allclose(evaluation, rtol: 0, atol: 0));
        mha.train();
        Assert.False(mha.forward(x, x).allclose(evaluation));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Dot_product_attention_is_kerass(bool useScale, bool concat)
    {
        using var scope = NewDisposeScope();
        using var attention = new Dsl.Modules.Attention(useScale, concat ? ScoreMode.Concat : ScoreMode.Dot, 0, useCausalMask: false);
        using (no_grad())
        {
            attention.scale?.fill_(0.7);
            attention.concat_score_weight?.fill_(1.3);
        }
        attention.eval();
        var query = randn(2, 3, 4);
        var value = randn(2, 5, 2);
        var key = randn(2, 5, 4);
        var expected = KerasAttention.DotProduct(Sequences(query), Sequences(value), Sequences(key), concat, useScale ? 0.7 : null, 1.3);
        AssertClose(expected, attention.forward(query, value, key));
        var self = KerasAttention.DotProduct(Sequences(query), Sequences(query), null, concat, useScale ? 0.7 : null, 1.3);
        AssertClose(self, attention.forward(query, query));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Dot_product_attention_with_a_causal_mask_and_query_and_value_masks_is_kerass(bool concat)
    {
        using var scope = NewDisposeScope();
        using var attention = new Dsl.Modules.Attention(true, concat ? ScoreMode.Concat : ScoreMode.Dot, 0, useCausalMask: true);
        attention.eval();
        var query = randn(2, 4, 3);
        var value = randn(2, 4, 3);
        var queryMask = tensor(new[] { true, true, false, true, true, false, true, true }).view(2, 4);
        var valueMask = tensor(new[] { true, false, true, true, true, true, false, true }).view(2, 4);
        var expected = KerasAttention.DotProduct(Sequences(query), Sequences(value), null, concat, 1, 1, causal: true, queryMask: Masks(queryMask), valueMask: Masks(valueMask));
        AssertClose(expected, attention.forward(query, value, null, queryMask, valueMask));
    }

    [Fact]
    public void The_generated_cross_attention_model_is_mha_then_attention_then_flatten()
    {
        using var scope = NewDisposeScope();
        using var model = new CrossAttention();
        Randomise(model);
        model.eval();
        var query = randn(2, 5, 6);
        var context = randn(2, 7, 4);
        var keys = randn(2, 7, 3);
        var actual = ((IGeneratedModel)model).Run(query, context, keys)[0];
        var mha = KerasAttention.MultiHead(Sequences(query), Sequences(context), Sequences(keys), Weights(model.cross), causal: true);
        double scale = model.attention_1.scale!.item<float>();
        var attended = KerasAttention.DotProduct(mha, Sequences(context), null, concat: false, scale);
        var flat = attended.Select(sample => sample.SelectMany(step => step).ToArray()).ToArray();
        Assert.Equal(new long[] { 2, 5 * 4 }, actual.shape);
        var values = actual.to_type(ScalarType.Float64).data<double>().ToArray();
        for (int i = 0; i < values.Length; i++)
            Assert.True(Math.Abs(values[i] - flat[i / 20][i % 20]) <= Tolerance * (1 + Math.Abs(flat[i / 20][i % 20])), $"value {i}: {values[i]} against {flat[i / 20][i % 20]}");
    }

    [Fact]
    public void An_embedding_gathers_rows_of_its_table_for_int64_int32_and_two_dimensional_ids()
    {
        using var scope = NewDisposeScope();
        using var model = new GridEmbedding();
        var ids = tensor(new long[] { 0, 1, 9, 3, 4, 4, 7, 2, 0, 5, 6, 8, 1, 1, 2, 3, 9, 9, 0, 0, 5, 6, 7, 8 }).view(2, 3, 4);
        var table = model.embedding_1.embeddings.detach().to_type(ScalarType.Float64).data<double>().ToArray();
        var output = model.forward(ids).to_type(ScalarType.Float64).data<double>().ToArray();
        var flatIds = ids.data<long>().ToArray();
        Assert.Equal(flatIds.Length * 5, output.Length);
        for (int i = 0; i < flatIds.Length; i++)
        {
            for (int d = 0; d < 5; d++)
                Assert.Equal(table[(flatIds[i] * 5) + d], output[(i * 5) + d]);
        }
        using var module = new Dsl.Modules.Embedding(10, 5, maskZero: false);
        Assert.True(module.forward(ids.to_type(ScalarType.Int32)).allclose(module.forward(ids), rtol: 0, atol: 0));
        Assert.True(module.forward(ids.to_type(ScalarType.Byte)).allclose(module.forward(ids), rtol: 0, atol: 0));
        Assert.Equal(new long[] { 2, 3, 4, 5 }, module.forward(ids).shape);
    }

    [Fact]
    public void Mask_zero_gives_kerass_mask_ids_not_zero_and_none_without_it()
    {
        using var scope = NewDisposeScope();
        var ids = tensor(new long[] { 3, 0, 5, 0, 0, 1 }).view(2, 3);
        using var masked = new Dsl.Modules.Embedding(6, 2, maskZero: true);
        Assert.Equal(new[] { true, false, true, false, false, true }, masked.ComputeMask(ids)!.data<bool>().ToArray());
        using var unmasked = new Dsl.Modules.Embedding(6, 2, maskZero: false);
        Assert.Null(unmasked.ComputeMask(ids));
        // The generated layer keeps the option.
        using var model = new TokenAttention();
        Assert.True(model.tokens.MaskZero);
    }

    [Fact]
    public void A_position_embedding_is_its_tables_first_rows_for_every_sample()
    {
        using var scope = NewDisposeScope();
        using var model = new Positions();
        var table = model.position_embedding_1.embeddings.detach();
        Assert.Equal(new long[] { 8, 3 }, table.shape);
        var x = randn(4, 5, 3);
        var output = model.forward(x);
        Assert.Equal(x.shape, output.shape);
        var rows = table.to_type(ScalarType.Float64).data<double>().ToArray();
        var values = output.to_type(ScalarType.Float64).data<double>().ToArray();
        for (int i = 0; i < values.Length; i++)
            Assert.Equal(rows[i % 15], values[i]);
        // Gradients reach the rows used, and only those.
        output.sum().backward();
        var gradient = model.position_embedding_1.embeddings.grad!;
        Assert.True(gradient[..5].eq(4).all().item<bool>());
        Assert.True(gradient[5..].eq(0).all().item<bool>());
    }

    /// <summary>Every weight drawn from a normal, biases included, so that each term of the reference counts.</summary>
    private static void Randomise(nn.Module module)
    {
        using var noGrad = no_grad();
        foreach (var (_, parameter) in module.named_parameters())
            parameter.copy_(randn(parameter.shape).mul(0.5));
    }

    private static KerasAttention.MhaWeights Weights(nn.Module mha)
    {
        var state = mha.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach());
        double[,,] Three(string name) => ToArray3(state[name]);
        double[,]? Two(string name) => state.TryGetValue(name, out var t) ? ToArray2(t) : null;
        double[]? One(string name) => state.TryGetValue(name, out var t) ? t.to_type(ScalarType.Float64).data<double>().ToArray() : null;
        return new KerasAttention.MhaWeights(Three("query.kernel"), Two("query.bias"), Three("key.kernel"), Two("key.bias"),
            Three("value.kernel"), Two("value.bias"), Three("attention_output.kernel"), One("attention_output.bias"));
    }

    private static double[,,] ToArray3(Tensor t)
    {
        var values = t.to_type(ScalarType.Float64).data<double>().ToArray();
        int a = (int)t.shape[0], b = (int)t.shape[1], c = (int)t.shape[2];
        var result = new double[a, b, c];
        for (int i = 0; i < values.Length; i++)
            result[i / (b * c), i / c % b, i % c] = values[i];
        return result;
    }

    private static double[,] ToArray2(Tensor t)
    {
        var values = t.to_type(ScalarType.Float64).data<double>().ToArray();
        int a = (int)t.shape[0], b = (int)t.shape[1];
        var result = new double[a, b];
        for (int i = 0; i < values.Length; i++)
            result[i / b, i % b] = values[i];
        return result;
    }

    /// <summary>(N, L, D) as [sample][step][feature].</summary>
    private static double[][][] Sequences(Tensor t)
    {
        var values = t.to_type(ScalarType.Float64).data<double>().ToArray();
        int n = (int)t.shape[0], l = (int)t.shape[1], d = (int)t.shape[2];
        return Enumerable.Range(0, n).Select(b => Enumerable.Range(0, l).Select(s => values.Skip(((b * l) + s) * d).Take(d).ToArray()).ToArray()).ToArray();
    }

    private static bool[][] Masks(Tensor mask)
    {
        var values = mask.data<bool>().ToArray();
        int n = (int)mask.shape[0], l = (int)mask.shape[1];
        return Enumerable.Range(0, n).Select(b => values.Skip(b * l).Take(l).ToArray()).ToArray();
    }

    private static void AssertClose(double[][][] expected, Tensor actual)
    {
        Assert.Equal(new long[] { expected.Length, expected[0].Length, expected[0][0].Length }, actual.shape);
        var values = Sequences(actual);
        for (int b = 0; b < expected.Length; b++)
        {
            for (int s = 0; s < expected[b].Length; s++)
            {
                for (int d = 0; d < expected[b][s].Length; d++)
                {
                    double want = expected[b][s][d], got = values[b][s][d];
                    Assert.True(Math.Abs(want - got) <= Tolerance * (1 + Math.Abs(want)), $"[{b}, {s}, {d}]: {got} against Keras's {want}");
                }
            }
        }
    }
}
