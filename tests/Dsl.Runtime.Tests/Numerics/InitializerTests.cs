using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Runtime.Tests.Models;
using Dsl.Runtime.Tests.Training;
using Dsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Numerics;

/// <summary>
/// Every generated model starts from Keras's default initialisers: Glorot-uniform kernels drawn over all of
/// ±sqrt(6 / (fan_in + fan_out)), zero biases, and BatchNorm's gamma 1 and beta 0 (where scale and center keep them),
/// moving mean 0 and variance 1. The
/// fans come from the layer metadata, not from the tensors. Each layer kind with parameters needs an entry in
/// <see cref="Expectations"/>: a new kind fails here until one is added, and adding a model to the catalog adds it here.
/// </summary>
[Collection(TrainingCollection.Name)]   // seeded construction: nothing else may draw from the global generator meanwhile
public class InitializerTests
{
    public static TheoryData<string> Models() => new(ModelChecks.Catalog.Select(m => m.Name));

    private delegate void Expectation(LayerInfo layer, IReadOnlyList<int> input, IReadOnlyDictionary<string, Tensor> tensors);

    private static readonly Dictionary<LayerKind, Expectation> Expectations = new()
    {
        [LayerKind.Conv2D] = (layer, input, tensors) =>
        {
            // Keras's kernel (kh, kw, c_in / groups, filters): fan_in = kh·kw·c_in/groups, fan_out = kh·kw·filters.
            int kh = layer.Window[0], kw = layer.Window[1], channels = input[0];
            int groups = channels / (int)tensors["weight"].shape[1];
            AssertGlorotUniform(layer, tensors["weight"], [layer.Size, channels / groups, kh, kw], fanIn: channels / groups * kh * kw, fanOut: layer.Size * kh * kw);
            AssertBias(layer, tensors);
        },
        [LayerKind.Conv2DTranspose] = (layer, input, tensors) =>
        {
            // Keras's transposed kernel (kh, kw, filters, c_in): fan_in = kh·kw·filters, fan_out = kh·kw·c_in.
            int kh = layer.Window[0], kw = layer.Window[1], channels = input[0];
            AssertGlorotUniform(layer, tensors["weight"], [channels, layer.Size, kh, kw], fanIn: layer.Size * kh * kw, fanOut: channels * kh * kw);
            AssertBias(layer, tensors);
        },
        [LayerKind.DepthwiseConv2D] = (layer, input, tensors) =>
        {
            // Keras's depthwise kernel (kh, kw, C, m): fan_in = kh·kw·C, fan_out = kh·kw·m.
            int kh = layer.Window[0], kw = layer.Window[1], channels = input[0], multiplier = layer.Size / channels;
            AssertGlorotUniform(layer, tensors["weight"], [layer.Size, 1, kh, kw], fanIn: channels * kh * kw, fanOut: multiplier * kh * kw);
            AssertBias(layer, tensors);
        },
        [LayerKind.SeparableConv2D] = (layer, input, tensors) =>
        {
            // Depthwise (kh, kw, C, m) then pointwise (1, 1, C·m, filters), each Glorot with its own fans; bias on the pointwise.
            int kh = layer.Window[0], kw = layer.Window[1], channels = input[0];
            int multiplier = (int)tensors["depthwise.weight"].shape[0] / channels;
            AssertGlorotUniform(layer, tensors["depthwise.weight"], [channels * multiplier, 1, kh, kw], fanIn: channels * kh * kw, fanOut: multiplier * kh * kw);
            AssertGlorotUniform(layer, tensors["pointwise.weight"], [layer.Size, channels * multiplier, 1, 1], fanIn: channels * multiplier, fanOut: layer.Size);
            Assert.False(tensors.ContainsKey("depthwise.bias"), $"{layer.Name}: the depthwise step has no bias in Keras");
            AssertBias(layer, tensors.Where(t => t.Key.StartsWith("pointwise.", StringComparison.Ordinal)).ToDictionary(t => t.Key["pointwise.".Length..], t => t.Value));
        },
        [LayerKind.Conv1D] = (layer, input, tensors) =>
        {
            // Keras's kernel (k, c_in, filters): fan_in = k·c_in, fan_out = k·filters.
            int k = layer.Window[0], channels = input[1];   // (steps, channels)
            AssertGlorotUniform(layer, tensors["weight"], [layer.Size, channels, k], fanIn: channels * k, fanOut: layer.Size * k);
            AssertBias(layer, tensors);
        },
        [LayerKind.Dense] = (layer, input, tensors) =>
        {
            int features = Features(input);
            AssertGlorotUniform(layer, tensors["weight"], [layer.Size, features], fanIn: features, fanOut: layer.Size);
            AssertBias(layer, tensors);
        },
        [LayerKind.LayerNorm] = (layer, input, tensors) =>
        {
            // Over the channels of an image the module sits inside a channels-last wrapper ("inner").
            string prefix = tensors.ContainsKey("weight") ? "" : "inner.";
            AssertAll(layer, "gamma", tensors[prefix + "weight"], 1);
            AssertAll(layer, "beta", tensors[prefix + "bias"], 0);
            Assert.Equal(new long[] { Features(input) }, tensors[prefix + "weight"].shape);
        },
        [LayerKind.Embedding] = (layer, input, tensors) =>
        {
            // Keras's "uniform": RandomUniform(-0.05, 0.05) over the (input_dim, output_dim) table.
            var table = tensors["embeddings"];
            Assert.Equal(layer.Size, table.shape[1]);
            Assert.Equal(layer.ParameterCount, table.numel());
            AssertUniform(layer, table, table.shape, 0.05, $"{layer.Name} embeddings ({table.numel()} values, RandomUniform(-0.05, 0.05))");
        },
        [LayerKind.MultiHeadAttention] = (layer, input, tensors) =>
        {
            // EinsumDense kernels in Keras's layout, fans by compute_fans (the leading dimensions are the receptive field):
            // (D, H, K) → fan_in H·D, fan_out K·D; the output's (H, V, O) → fan_in V·H, fan_out O·H. Zero biases (H, K) and (O).
            foreach (var name in new[] { "query", "key", "value" })
            {
                var kernel = tensors[name + ".kernel"];
                long d = kernel.shape[0], h = kernel.shape[1], k = kernel.shape[2];
                Assert.Equal(layer.Size, h);
                AssertGlorotUniform(layer, kernel, [d, h, k], fanIn: h * d, fanOut: k * d);
                AssertZeroBias(layer, tensors, name, [h, k]);
            }
            Assert.Equal(input[^1], tensors["query.kernel"].shape[0]);
            var output = tensors["attention_output.kernel"];
            long heads = output.shape[0], v = output.shape[1], o = output.shape[2];
            Assert.Equal(layer.OutputShape[^1], o);
            AssertGlorotUniform(layer, output, [heads, v, o], fanIn: v * heads, fanOut: o * heads);
            AssertZeroBias(layer, tensors, "attention_output", [o]);
        },
        [LayerKind.Attention] = (layer, input, tensors) =>
        {
            // Keras's scalar weights start at 1 ("ones").
            Assert.Equal(layer.ParameterCount, tensors.Count);
            foreach (var (name, tensor) in tensors)
            {
                Assert.True(name is "scale" or "concat_score_weight", $"{layer.Name}: unexpected weight {name}");
                Assert.Empty(tensor.shape);
                Assert.Equal(1.0, tensor.item<float>());
            }
        },
        [LayerKind.PositionEmbedding] = (layer, input, tensors) =>
        {
            // keras_hub's default: Glorot-uniform over the (sequence_length, features) table.
            var table = tensors["embeddings"];
            AssertGlorotUniform(layer, table, [layer.Size, input[1]], fanIn: layer.Size, fanOut: input[1]);
        },
        [LayerKind.BatchNorm] = (layer, input, tensors) =>
        {
            // Gamma exists unless scale=False and beta unless center=False; what exists is all the layer trains.
            long channels = Features(input);
            Assert.Equal(layer.TrainableParameterCount, (tensors.ContainsKey("weight") ? channels : 0) + (tensors.ContainsKey("bias") ? channels : 0));
            if (tensors.TryGetValue("weight", out var gamma))
                AssertAll(layer, "gamma", gamma, 1);
            if (tensors.TryGetValue("bias", out var beta))
                AssertAll(layer, "beta", beta, 0);
            AssertAll(layer, "moving mean", tensors["running_mean"], 0);
            AssertAll(layer, "moving variance", tensors["running_var"], 1);
            Assert.Equal(new long[] { channels }, tensors["running_mean"].shape);
        },
        [LayerKind.Normalization] = (layer, input, tensors) =>
        {
            // Keras's weights to adapt: mean "zeros", variance "ones", count "zeros" (an int scalar).
            Assert.Equal(0, layer.TrainableParameterCount);
            Assert.True(tensors["mean"].eq(0).all().item<bool>(), $"{layer.Name}: the mean does not start at 0");
            Assert.True(tensors["variance"].eq(1).all().item<bool>(), $"{layer.Name}: the variance does not start at 1");
            Assert.Equal(0L, tensors["count"].item<long>());
            Assert.Equal(layer.ParameterCount, tensors["mean"].numel() + tensors["variance"].numel() + tensors["count"].numel());
        },
        [LayerKind.SimpleRNN] = (layer, input, tensors) => AssertRecurrent(layer, input[^1], tensors),
        [LayerKind.LSTM] = (layer, input, tensors) => AssertRecurrent(layer, input[^1], tensors),
        [LayerKind.GRU] = (layer, input, tensors) => AssertRecurrent(layer, input[^1], tensors),
        [LayerKind.Bidirectional] = (layer, input, tensors) =>
        {
            // Keras's forward_<layer> and backward_<layer>, each a recurrent layer of its own.
            var directions = tensors.GroupBy(t => t.Key[..t.Key.IndexOf('.')]).ToList();
            Assert.Equal(2, directions.Count);
            Assert.StartsWith("forward_", directions[0].Key, StringComparison.Ordinal);
            foreach (var direction in directions)
                AssertRecurrent(layer, input[^1], direction.ToDictionary(t => t.Key[(direction.Key.Length + 1)..], t => t.Value));
        },
        [LayerKind.TimeDistributed] = (layer, input, tensors) =>
        {
            // The wrapped layer's weights under its name, initialised as that layer's kind is (Dense or recurrent here).
            var inner = Assert.Single(tensors.GroupBy(t => t.Key[..t.Key.IndexOf('.')]));
            var own = inner.ToDictionary(t => t.Key[(inner.Key.Length + 1)..], t => t.Value);
            if (own.ContainsKey("recurrent_kernel"))
            {
                AssertRecurrent(layer, input[^1], own);
                return;
            }
            var weight = own["weight"];
            AssertGlorotUniform(layer, weight, weight.shape, fanIn: weight.shape[1], fanOut: weight.shape[0]);
            if (own.TryGetValue("bias", out var bias))
                Assert.True(bias.to_type(ScalarType.Float64).data<double>().ToArray().All(v => v == 0), $"{layer.Name}: the wrapped layer's bias is not zero");
        },
    };

    /// <summary>
    /// Keras's recurrent layers: a Glorot-uniform kernel (features, gates·units) with fans (features, gates·units), an
    /// orthogonal recurrent kernel (units, gates·units: orthonormal rows), a zero bias but for LSTM's forget block with
    /// unit_forget_bias (all ones).
    /// </summary>
    private static void AssertRecurrent(LayerInfo layer, long features, IReadOnlyDictionary<string, Tensor> tensors)
    {
        var kernel = tensors["kernel"];
        var recurrent = tensors["recurrent_kernel"];
        long units = recurrent.shape[0], columns = recurrent.shape[1];
        AssertGlorotUniform(layer, kernel, [features, columns], fanIn: features, fanOut: columns);
        using (var product = recurrent.matmul(recurrent.t()))
            Assert.True(product.allclose(eye(units), rtol: 0, atol: 1e-5), $"{layer.Name}: the recurrent kernel's rows are not orthonormal");
        if (!tensors.TryGetValue("bias", out var bias))
            return;
        double[] values = bias.to_type(ScalarType.Float64).data<double>().ToArray();
        if (columns == 4 * units)
        {
            var forget = values.Skip((int)units).Take((int)units).ToArray();
            Assert.True(forget.All(v => v == 1) || forget.All(v => v == 0), $"{layer.Name}: the forget gate's bias is neither unit_forget_bias's ones nor zeros");
            values = values.Take((int)units).Concat(values.Skip(2 * (int)units)).ToArray();
        }
        Assert.True(values.All(v => v == 0), $"{layer.Name}: the bias is not zero");
    }

    [Fact]
    public void An_lstm_starts_its_forget_gates_bias_at_one_unless_unit_forget_bias_is_off()
    {
        using var scope = NewDisposeScope();
        using var model = new LstmClassifier();
        var bias = model.lstm_1.Bias!.detach();
        Assert.Equal(new[] { 0f, 1f, 0f, 0f }, bias.view(4, 16).mean([1]).data<float>().ToArray());
        using var stack = new RecurrentStack();
        Assert.Null(stack.lstm_1.Bias);
        Assert.Equal(new long[] { 2, 21 }, stack.gru_1.Bias!.shape);
        Assert.Equal(new long[] { 12 }, stack.gru_2.Bias!.shape);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Layers_start_from_kerass_default_initialisers(string name)
    {
        var info = ModelCatalog.Get(name);
        using var scope = NewDisposeScope();
        Trainer.Seed(1234);
        using var model = info.Create();

        var tensors = model.named_parameters().Select(p => (p.name, tensor: p.parameter.detach()))
            .Concat(model.named_buffers().Select(b => (b.name, tensor: b.buffer)))
            .ToDictionary(t => t.name, t => t.tensor);
        var checkedNames = new HashSet<string>();
        // Every layer wherever it sits (inside block uses too), with its module's state-dict path and its input's shape.
        foreach (var placed in ModelGraph.Layers(info))
        {
            var layer = placed.Layer;
            if (layer.ParameterCount == 0 || layer.Kind == LayerKind.Block)
                continue;
            var own = tensors.Where(t => t.Key.StartsWith(placed.Path + ".", StringComparison.Ordinal))
                .ToDictionary(t => t.Key[(placed.Path.Length + 1)..], t => t.Value);
            Assert.True(Expectations.TryGetValue(layer.Kind, out var expectation),
                $"{name}.{placed.Path}: no initialiser expectation for {layer.Kind}; add Keras's default for it to {nameof(Expectations)}.");
            expectation!(layer, placed.InputShapes[0], own);
            checkedNames.UnionWith(own.Keys.Select(k => placed.Path + "." + k).Where(k => !k.EndsWith("num_batches_tracked", StringComparison.Ordinal)));
        }
        var unchecked_ = model.named_parameters().Select(p => p.name).Except(checkedNames).ToList();
        Assert.True(unchecked_.Count == 0, $"{name}: parameters no expectation looked at: {string.Join(", ", unchecked_)}");
    }

    [Fact]
    public void Batch_normalization_has_gamma_only_with_scale_and_beta_only_with_center()
    {
        // InceptionStyleBranches: scale=False twice, then center=False, then neither.
        using var model = new InceptionStyleBranches();
        var names = model.named_parameters().Select(p => p.name).Where(n => n.StartsWith("batch_normalization_", StringComparison.Ordinal));
        Assert.Equal(new[] { "batch_normalization_1.bias", "batch_normalization_2.bias", "batch_normalization_3.weight" }, names);
        var buffers = model.named_buffers().Select(b => b.name).Where(n => n.StartsWith("batch_normalization_4.", StringComparison.Ordinal));
        Assert.Equal(new[] { "batch_normalization_4.running_mean", "batch_normalization_4.running_var" }, buffers);
    }

    [Fact]
    public void The_spread_check_rejects_torchsharps_own_default()
    {
        // TorchSharp's default for Linear is Kaiming-uniform, bound 1/sqrt(fan_in): inside Glorot's range for a wide
        // input, but not spread over it. The check below must see the difference, or it proves nothing for such layers.
        using var scope = NewDisposeScope();
        Trainer.Seed(5);
        using var linear = nn.Linear(2352, 10);
        var layer = new LayerInfo { Name = "dense_1", Kind = LayerKind.Dense, TypeName = "Dense", OutputShape = [10], ParameterCount = 23530, TrainableParameterCount = 23530, MultAdds = 23530, Size = 10, UseBias = true };
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertGlorotUniform(layer, linear.weight!.detach(), [10, 2352], 2352, 10));
    }

    private static void AssertGlorotUniform(LayerInfo layer, Tensor weight, long[] shape, long fanIn, long fanOut)
    {
        double limit = Math.Sqrt(6.0 / (fanIn + fanOut));
        AssertUniform(layer, weight, shape, limit, $"{layer.Name} kernel ({weight.numel()} values, fan_in {fanIn}, fan_out {fanOut}, Glorot limit {limit:G4})");
    }

    /// <summary>Values drawn uniformly from [-limit, limit]: inside it, and spread over it as uniform draws are.</summary>
    private static void AssertUniform(LayerInfo layer, Tensor weight, long[] shape, double limit, string what)
    {
        Assert.Equal(shape, weight.shape);
        double[] values = weight.to_type(ScalarType.Float64).data<double>().ToArray();
        int n = values.Length;

        double largest = values.Max(Math.Abs);
        Assert.True(largest <= limit * (1 + 1e-6), $"{what}: a value of magnitude {largest:G6} lies outside the range");

        // Spread over the whole range, as uniform draws are: bounds hold with a margin of six standard deviations,
        // and the seed is fixed, so these cannot flicker.
        Assert.True(largest >= limit * Math.Pow(1e-9, 1.0 / n), $"{what}: the largest magnitude is only {largest:G6}");
        double mean = values.Average();
        Assert.True(Math.Abs(mean) <= 6 * limit / Math.Sqrt(3.0 * n), $"{what}: mean {mean:G4}");
        double std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / n);
        double expectedStd = limit / Math.Sqrt(3);
        Assert.True(Math.Abs(std / expectedStd - 1) <= 6 * Math.Sqrt(0.2 / n) + 0.01, $"{what}: standard deviation {std:G4}, uniform gives {expectedStd:G4}");
        for (int bin = 0; bin < 4; bin++)
        {
            double low = -limit + bin * limit / 2, high = low + limit / 2;
            double share = values.Count(v => v >= low && (v < high || bin == 3)) / (double)n;
            Assert.True(Math.Abs(share - 0.25) <= 6 * Math.Sqrt(0.25 * 0.75 / n), $"{what}: {share:P1} of the values in [{low:G3}, {high:G3})");
        }
    }

    /// <summary>An EinsumDense projection's bias: zeros of its output dimensions with use_bias, absent without.</summary>
    private static void AssertZeroBias(LayerInfo layer, IReadOnlyDictionary<string, Tensor> tensors, string projection, long[] shape)
    {
        Assert.Equal(layer.UseBias, tensors.ContainsKey(projection + ".bias"));
        if (!layer.UseBias)
            return;
        var bias = tensors[projection + ".bias"];
        Assert.Equal(shape, bias.shape);
        Assert.True(bias.abs().max().item<float>() == 0, $"{layer.Name} {projection} bias: expected zeros");
    }

    private static void AssertBias(LayerInfo layer, IReadOnlyDictionary<string, Tensor> tensors)
    {
        Assert.Equal(layer.UseBias, tensors.ContainsKey("bias"));
        if (layer.UseBias)
            AssertAll(layer, "bias", tensors["bias"], 0);
    }

    private static void AssertAll(LayerInfo layer, string what, Tensor tensor, double value)
    {
        Assert.Equal(new long[] { layer.Kind == LayerKind.BatchNorm || layer.Kind == LayerKind.LayerNorm ? tensor.shape[0] : layer.Size }, tensor.shape);
        double[] values = tensor.to_type(ScalarType.Float64).data<double>().ToArray();
        Assert.True(values.All(v => v == value), $"{layer.Name} {what}: expected all {value}, found {string.Join(", ", values.Distinct().Take(5))}");
    }

    /// <summary>The features a layer mixes or normalises: an image's channels (first), a sequence's or a vector's last axis.</summary>
    private static int Features(IReadOnlyList<int> input) => input.Count == 3 ? input[0] : input[input.Count - 1];
}
