using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Onnx.Proto;
using Dsl.Runtime.Tests.Models;
using Dsl.Runtime.Tests.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Numerics;

/// <summary>
/// The generator's rewrites compute what the model as declared computes. Each rewritten model is held to its twin with
/// the rewrite switched off (the same layers, so the same state-dict keys and the same weights): outputs, and the
/// gradients of the input and of every parameter, to float rounding. Random inputs have no ties.
/// </summary>
public class RewriteTests
{
    /// <summary>Each rewritten model, its declared twin, and how many activations move behind a pool (GELU's does not).</summary>
    public static TheoryData<string, string, int> PooledPairs() => new()
    {
        { nameof(PooledActivations), nameof(PooledActivationsUnrewritten), 5 },
        { nameof(PooledSequenceActivations), nameof(PooledSequenceActivationsUnrewritten), 3 },
    };

    private static readonly string[] ActivationOps = { "Relu", "Sigmoid", "Tanh", "LeakyRelu", "Elu", "Softplus" };

    public static TheoryData<string, string> FoldedPairs() => new()
    {
        { nameof(FoldedNormalizations), nameof(FoldedNormalizationsUnrewritten) },
        { nameof(FoldedSequenceNormalizations), nameof(FoldedSequenceNormalizationsUnrewritten) },
        { nameof(FoldedRescalings), nameof(FoldedRescalingsUnrewritten) },
    };

    [Theory]
    [MemberData(nameof(PooledPairs))]
    public void Pooling_before_the_activation_gives_the_same_outputs_and_gradients(string rewritten, string declared, int moved)
    {
        using var scope = NewDisposeScope();
        var (model, twin) = Pair(rewritten, declared, seed: 3);
        // The ONNX graphs show where each activation runs: after its pool in the rewritten model only.
        Assert.Equal(moved, ActivationsAfterPools(model));
        Assert.Equal(0, ActivationsAfterPools(twin));
        var generator = new Generator(11);
        var input = Input(model, 6, generator);
        AssertSameForwardAndBackward(model, twin, input, generator, rewritten);

        model.eval();
        twin.eval();
        using var _ = inference_mode();
        AssertClose(Run(twin, input), Run(model, input), rewritten, "output in evaluation");
    }

    [Theory]
    [MemberData(nameof(FoldedPairs))]
    public void Folded_batch_norm_evaluates_and_differentiates_as_the_declared_layers(string rewritten, string declared)
    {
        using var scope = NewDisposeScope();
        var (model, twin) = Pair(rewritten, declared, seed: 5);
        var generator = new Generator(13);
        model.eval();
        twin.eval();
        var input = Input(model, 6, generator);
        // In evaluation mode the gradients flow through the folded weights into the convolution's and the normalization's own.
        AssertSameForwardAndBackward(model, twin, input, generator, rewritten);
        using var _ = inference_mode();
        AssertClose(Run(twin, input), Run(model, input), rewritten, "output under inference_mode");
    }

    [Theory]
    [MemberData(nameof(FoldedPairs))]
    public void Folded_batch_norm_leaves_training_alone_and_follows_every_weight_change(string rewritten, string declared)
    {
        using var scope = NewDisposeScope();
        var (model, twin) = Pair(rewritten, declared, seed: 7);
        var generator = new Generator(17);
        var input = Input(model, 8, generator);
        var target = randn(new[] { input.shape[0] }.Concat(((IGeneratedModel)twin).Info.Outputs[0].Shape.Select(d => (long)d)).ToArray(), generator: generator);

        // Training computes the declared layers: the same outputs bit for bit, and the same moving statistics after it.
        var optimizers = new[] { model, twin }.Select(m => torch.optim.SGD(m.parameters(), 0.1)).ToArray();
        for (int step = 0; step < 3; step++)
        {
            var losses = new[] { model, twin }.Select(m => Run(m, input).sub(target).square().mean()).ToArray();
            Assert.Equal(losses[1].item<float>(), losses[0].item<float>());
            foreach (var (loss, optimizer) in losses.Zip(optimizers))
            {
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
            }
        }
        AssertStatesEqual(twin, model, rewritten);

        // Evaluation after the optimizer's steps, then after loading other weights, uses the weights of that moment.
        model.eval();
        twin.eval();
        using (no_grad())
            AssertClose(Run(twin, input), Run(model, input), rewritten, "output after training");
        var other = Randomised(twin, new Generator(19));
        model.load_state_dict(other);
        twin.load_state_dict(other);
        using (no_grad())
            AssertClose(Run(twin, input), Run(model, input), rewritten, "output after load_state_dict");
    }

    [Theory]
    [MemberData(nameof(FoldedPairs))]
    public void A_normalization_frozen_inside_a_training_model_is_folded_and_fine_tunes_as_declared(string rewritten, string declared)
    {
        using var scope = NewDisposeScope();
        var (model, twin) = Pair(rewritten, declared, seed: 31);
        // Fine-tuning with frozen statistics: the model trains, its normalizations evaluate (each module's own flag).
        foreach (var m in new[] { model, twin })
        {
            m.train();
            foreach (var (name, module) in m.named_modules().Where(p => p.name.StartsWith("batch_normalization", StringComparison.Ordinal)))
                module.eval();
        }
        AssertSameForwardAndBackward(model, twin, Input(model, 4, new Generator(37)), new Generator(41), rewritten);
        AssertStatesEqual(twin, model, rewritten);
    }

    [Theory]
    [MemberData(nameof(FoldedPairs))]
    public void The_onnx_graph_has_one_conv_per_folded_pair_and_onnx_runtime_matches_the_declared_layers(string rewritten, string declared)
    {
        using var scope = NewDisposeScope();
        var (model, twin) = Pair(rewritten, declared, seed: 23);
        var input = Input(model, 5, new Generator(29));
        var onnx = OnnxRuntimeRunner.Export(model);
        var graph = ModelProto.Parser.ParseFrom(onnx).Graph;
        var declaredGraph = ModelProto.Parser.ParseFrom(OnnxRuntimeRunner.Export(twin)).Graph;

        var layers = ModelCatalog.Get(rewritten).Layers;
        int pairs = layers.Zip(layers.Skip(1)).Count(p => p.First.Kind != LayerKind.Dense && p.First.Activation == Activation.None && p.Second.Kind == LayerKind.BatchNorm);
        int normalizations = layers.Count(l => l.Kind == LayerKind.BatchNorm);
        Assert.Equal(normalizations, declaredGraph.Node.Count(n => n.OpType == "BatchNormalization"));
        Assert.Equal(normalizations - pairs, graph.Node.Count(n => n.OpType == "BatchNormalization"));
        Assert.Equal(declaredGraph.Node.Count(n => n.OpType == "Conv"), graph.Node.Count(n => n.OpType == "Conv"));
        Assert.Equal(2 * pairs, graph.Initializer.Count(i => i.Name.EndsWith(".folded", StringComparison.Ordinal)));

        using var session = OnnxRuntimeRunner.Load(onnx);
        var (values, _) = OnnxRuntimeRunner.Run(session, input);
        var expected = OnnxRuntimeRunner.Torch(twin, input);
        Assert.Equal(expected.Length, values.Length);
        double worst = expected.Zip(values, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(expected.Zip(values).All(p => Math.Abs(p.First - p.Second) <= 1e-4 + (1e-4 * Math.Abs(p.First))),
            $"{rewritten}: ONNX Runtime differs from the declared layers in TorchSharp by up to {worst}");
    }

    [Fact]
    public void Folded_rescalings_leave_no_multiplication_in_the_onnx_graph()
    {
        using var scope = NewDisposeScope();
        var (model, twin) = Pair(nameof(FoldedRescalings), nameof(FoldedRescalingsUnrewritten), seed: 43);
        var graph = ModelProto.Parser.ParseFrom(OnnxRuntimeRunner.Export(model)).Graph;
        var declaredGraph = ModelProto.Parser.ParseFrom(OnnxRuntimeRunner.Export(twin)).Graph;
        Assert.Equal(3, declaredGraph.Node.Count(n => n.OpType == "Mul"));
        Assert.DoesNotContain(graph.Node, n => n.OpType is "Mul" or "Add");
        Assert.Equal(6, graph.Initializer.Count(i => i.Name.EndsWith(".rescaled", StringComparison.Ordinal)));
    }

    /// <summary>How many activation nodes of the model's ONNX graph come straight after a MaxPool (Transposes between skipped).</summary>
    private static int ActivationsAfterPools(nn.Module model)
    {
        var ops = ModelProto.Parser.ParseFrom(OnnxRuntimeRunner.Export(model)).Graph.Node.Select(n => n.OpType).Where(op => op != "Transpose").ToList();
        return ops.Zip(ops.Skip(1)).Count(pair => pair.First == "MaxPool" && ActivationOps.Contains(pair.Second));
    }

    /// <summary>The rewritten model and its declared twin, with the same random weights and (positive) moving variances.</summary>
    private static (nn.Module Model, nn.Module Twin) Pair(string rewritten, string declared, ulong seed)
    {
        var model = ModelCatalog.Get(rewritten).Create();
        var twin = ModelCatalog.Get(declared).Create();
        var state = Randomised(model, new Generator(seed));
        model.load_state_dict(state);
        twin.load_state_dict(state);
        return (model, twin);
    }

    /// <summary>
    /// The module's state with every value random: weights and biases about 1 in size, gammas and moving variances
    /// between 0.5 and 2 (a fold then scales each channel differently), moving means about 1.
    /// </summary>
    private static Dictionary<string, Tensor> Randomised(nn.Module module, Generator generator)
    {
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (key, value) in module.state_dict())
        {
            if (!value.is_floating_point())
            {
                state[key] = value.clone();
                continue;
            }
            bool positive = key.EndsWith("running_var", StringComparison.Ordinal) || (key.Contains("batch_normalization", StringComparison.Ordinal) && key.EndsWith(".weight", StringComparison.Ordinal));
            state[key] = positive ? rand(value.shape, generator: generator).mul(1.5).add(0.5) : randn(value.shape, generator: generator);
        }
        return state;
    }

    private static Tensor Input(nn.Module model, long batch, Generator generator)
    {
        var shape = new[] { batch }.Concat(((IGeneratedModel)model).Info.Inputs[0].Shape.Select(d => (long)d)).ToArray();
        return randn(shape, generator: generator);
    }

    private static Tensor Run(nn.Module model, Tensor input) => ((IGeneratedModel)model).Run(input)[0];

    /// <summary>Forward and backward through both with the same input and output gradient; outputs and every gradient close.</summary>
    private static void AssertSameForwardAndBackward(nn.Module model, nn.Module twin, Tensor input, Generator generator, string name)
    {
        var results = new List<(Tensor Output, Tensor InputGradient, Dictionary<string, Tensor> Gradients)>();
        Tensor? seed = null;
        foreach (var m in new[] { twin, model })
        {
            m.zero_grad();
            var x = input.clone().requires_grad_();
            var output = Run(m, x);
            seed ??= randn(output.shape, generator: generator);
            output.mul(seed).sum().backward();
            results.Add((output.detach(), x.grad!.clone(), m.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.clone())));
        }
        var (expected, actual) = (results[0], results[1]);
        AssertClose(expected.Output, actual.Output, name, "output");
        AssertClose(expected.InputGradient, actual.InputGradient, name, "input gradient");
        Assert.Equal(expected.Gradients.Keys.Order(), actual.Gradients.Keys.Order());
        foreach (var (key, gradient) in expected.Gradients)
            AssertClose(gradient, actual.Gradients[key], name, "gradient of " + key);
    }

    private static void AssertStatesEqual(nn.Module expected, nn.Module actual, string name)
    {
        var mine = actual.state_dict();
        foreach (var (key, value) in expected.state_dict())
            Assert.True(value.eq(mine[key]).all().item<bool>(), $"{name}: {key} differs after training");
    }

    /// <summary>
    /// Equal to float rounding: each value within 1e-5 of the largest one's size (a sum of many products, reordered,
    /// differs by that much) plus 1e-4 of its own.
    /// </summary>
    private static void AssertClose(Tensor expected, Tensor actual, string name, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        double scale = Math.Max(1.0, expected.abs().max().item<float>());
        double worst = expected.sub(actual).abs().max().item<float>();
        Assert.True(expected.allclose(actual, rtol: 1e-4, atol: 1e-5 * scale), $"{name}: the {what} differs from the declared layers' by up to {worst} (largest value {scale})");
    }
}
