using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Bench.Peers;

/// <summary>
/// Copies a generated model's weights into its hand-written twin, for <see cref="TwinCheck"/>. The seed's CNNs line up
/// parameter for parameter (same kinds, same order, same shapes). The sequence twins keep libtorch's layouts, so their
/// weights are mapped: an LSTM kernel (in, 4·units) is libtorch's (4·units, in) transposed; an attention projection's
/// (64, 4, 16) kernel is one transposed (64, 64) block of libtorch's packed (3·64, 64) <c>in_proj_weight</c>.
/// </summary>
internal static class TwinWeights
{
    public static void Copy(string model, nn.Module ours, nn.Module twin)
    {
        var source = ours.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);
        var target = twin.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var mapped = model switch
        {
            "RowLstm" => RowLstm(source),
            "VisionTransformer" => VisionTransformer(source),
            _ => InOrder(ours, twin),
        };
        foreach (var (name, value) in mapped)
        {
            if (!target.TryGetValue(name, out var parameter))
                throw new InvalidOperationException($"{model}'s twin has no parameter {name}; it has {string.Join(", ", target.Keys)}.");
            if (!parameter.shape.SequenceEqual(value.shape))
                throw new InvalidOperationException($"{model}: the twin's {name} is [{string.Join("x", parameter.shape)}], ours maps to [{string.Join("x", value.shape)}].");
            parameter.copy_(value);
        }
    }

    private static IEnumerable<(string, Tensor)> InOrder(nn.Module ours, nn.Module twin)
    {
        var from = ours.parameters().ToList();
        var to = twin.named_parameters().ToList();
        if (from.Count != to.Count)
            throw new InvalidOperationException($"The twin has {to.Count} parameter tensors, ours {from.Count}.");
        return to.Zip(from, (t, f) => (t.name, (Tensor)f));
    }

    private static IEnumerable<(string, Tensor)> RowLstm(Dictionary<string, Tensor> ours)
    {
        yield return ("lstm.weight_ih_l0", ours["lstm_1.kernel"].t());
        yield return ("lstm.weight_hh_l0", ours["lstm_1.recurrent_kernel"].t());
        yield return ("lstm.bias_ih_l0", ours["lstm_1.bias"]);
        yield return ("lstm.bias_hh_l0", torch.zeros_like(ours["lstm_1.bias"]));
        yield return ("dense.weight", ours["dense_1.weight"]);
        yield return ("dense.bias", ours["dense_1.bias"]);
    }

    private static IEnumerable<(string, Tensor)> VisionTransformer(Dictionary<string, Tensor> ours)
    {
        yield return ("patches.weight", ours["patches.weight"]);
        yield return ("patches.bias", ours["patches.bias"]);
        yield return ("positions", ours["positions.embeddings"]);
        foreach (var encoder in new[] { "encoder1", "encoder2" })
        {
            foreach (var part in new[] { "norm1", "norm2", "mlp1", "mlp2" })
            {
                yield return ($"{encoder}.{part}.weight", ours[$"{encoder}.{part}.weight"]);
                yield return ($"{encoder}.{part}.bias", ours[$"{encoder}.{part}.bias"]);
            }
            string a = $"{encoder}.attention";
            // (64, heads, key_dim) kernels flattened to (64, 64) and transposed: libtorch computes x · Wᵀ.
            Tensor Kernel(string name) => ours[$"{a}.{name}.kernel"].reshape(64, 64).t();
            yield return ($"{a}.in_proj_weight", torch.cat([Kernel("query"), Kernel("key"), Kernel("value")], 0));
            yield return ($"{a}.in_proj_bias", torch.cat([ours[$"{a}.query.bias"].reshape(64), ours[$"{a}.key.bias"].reshape(64), ours[$"{a}.value.bias"].reshape(64)], 0));
            yield return ($"{a}.out_proj.weight", ours[$"{a}.attention_output.kernel"].reshape(64, 64).t());
            yield return ($"{a}.out_proj.bias", ours[$"{a}.attention_output.bias"]);
        }
        yield return ("norm.weight", ours["layer_normalization_1.weight"]);
        yield return ("norm.bias", ours["layer_normalization_1.bias"]);
        yield return ("dense.weight", ours["dense_1.weight"]);
        yield return ("dense.bias", ours["dense_1.bias"]);
    }
}
