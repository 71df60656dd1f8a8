using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Runtime.Tests.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests;

/// <summary>
/// Everything the generator computed at compile time must match what TorchSharp does at run time:
/// parameter counts and every layer's output shape in a real forward pass.
/// </summary>
public class CompileTimeEqualsRunTimeTests
{
    public static TheoryData<string> Models() => new(ModelCatalog.All.Select(m => m.Name));

    [Fact]
    public void The_catalog_covers_at_least_twenty_three_models_and_every_layer_kind()
    {
        Assert.True(ModelCatalog.All.Count >= 23, $"only {ModelCatalog.All.Count} models");
        var kinds = ModelCatalog.All.SelectMany(m => m.Layers).Select(l => l.Kind).ToHashSet();
        Assert.Equal(LayerKind.All.ToHashSet(), kinds);
        var activations = ModelCatalog.All.SelectMany(m => m.Layers).Select(l => l.Activation).ToHashSet();
        Assert.Equal(Enum.GetValues<Activation>().ToHashSet(), activations);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Parameter_counts_equal_the_modules_parameters_and_buffers(string name)
    {
        var info = ModelCatalog.Get(name);
        using var model = info.Create();
        long trainable = model.parameters().Sum(p => p.numel());
        // Keras counts BatchNorm's moving mean and variance as non-trainable parameters; TorchSharp keeps them as buffers.
        long statistics = model.named_buffers()
            .Where(b => b.name.EndsWith("running_mean", StringComparison.Ordinal) || b.name.EndsWith("running_var", StringComparison.Ordinal))
            .Sum(b => b.buffer.numel());
        Assert.Equal(info.TrainableParameterCount, trainable);
        Assert.Equal(info.ParameterCount, trainable + statistics);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void A_forward_pass_gives_every_layer_the_shape_computed_at_compile_time(string name)
    {
        var info = ModelCatalog.Get(name);
        using var scope = NewDisposeScope();
        using var model = info.Create();
        model.eval();

        // A layer that keeps a module is a registered child named like the layer: record the first input and
        // output it sees. A layer computed by a function (a merge) is seen through the module layers that take
        // its output, or as the model's output.
        var children = model.named_children().ToDictionary(c => c.name, c => c.module);
        var inputs = new Dictionary<string, long[]>();
        var outputs = new Dictionary<string, long[]>();
        var hooks = new List<Action>();
        foreach (var layer in info.Layers.Where(l => children.ContainsKey(l.Name)))
        {
            var module = Assert.IsAssignableFrom<nn.Module<Tensor, Tensor>>(children[layer.Name]);
            var layerName = layer.Name;
            var before = module.register_forward_pre_hook((_, input) =>
            {
                inputs.TryAdd(layerName, input.shape);
                return input;
            });
            var after = module.register_forward_hook((_, _, output) =>
            {
                outputs.TryAdd(layerName, output.shape);
                return output;
            });
            hooks.Add(before.remove);
            hooks.Add(after.remove);
        }

        const int batch = 3;
        var input = randn(new long[] { batch }.Concat(info.InputShape.Select(d => (long)d)).ToArray());
        var output = model.forward(input);
        foreach (var remove in hooks)
            remove();

        long[] Batched(IReadOnlyList<int> shape) => new long[] { batch }.Concat(shape.Select(d => (long)d)).ToArray();
        var shapes = info.Layers.ToDictionary(l => l.Name, l => l.OutputShape);
        shapes["input"] = info.InputShape;
        var seen = new HashSet<string> { info.Layers[^1].Name };
        foreach (var layer in info.Layers.Where(l => children.ContainsKey(l.Name)))
        {
            Assert.True(outputs.ContainsKey(layer.Name), $"{layer.Name} never ran");
            Assert.Equal(Batched(layer.OutputShape), outputs[layer.Name]);
            seen.Add(layer.Name);
            // A layer without a module (a merge) is observed as the input of the module layers that take it, unless
            // Keras's "same" or causal padding was applied to that input before the module saw it.
            var producer = info.InputsOf(layer).Single();
            bool paddedInForward = layer.Window.Count > 0 && layer.Padding != Padding.Valid;
            if (producer != "input" && !children.ContainsKey(producer) && !paddedInForward)
            {
                Assert.Equal(Batched(shapes[producer]), inputs[layer.Name]);
                seen.Add(producer);
            }
        }
        Assert.Equal(Batched(info.OutputShape), output.shape);
        var unseen = info.Layers.Select(l => l.Name).Where(n => !seen.Contains(n)).ToList();
        Assert.True(unseen.Count == 0 || unseen.All(n => IsMergeOfCheckedInputs(info, n)), "never observed: " + string.Join(", ", unseen));
    }

    /// <summary>
    /// A merge whose output no module takes (a merge feeding only merges) is still checked through what it feeds,
    /// as long as the chain ends at a module layer or the output.
    /// </summary>
    private static bool IsMergeOfCheckedInputs(ModelInfo info, string name) =>
        info.Layers.Any(consumer => info.InputsOf(consumer).Contains(name));

    [Fact]
    public void State_dict_keys_are_the_keras_layer_names()
    {
        using var model = new SeedModel1();
        var keys = model.state_dict().Keys.ToArray();
        Assert.Contains("conv2d_1.weight", keys);
        Assert.Contains("conv2d_1.bias", keys);
        Assert.Contains("dense_1.weight", keys);
        Assert.All(keys, k => Assert.Contains(k.Split('.')[0], SeedModel1.Layers.Select(l => l.Name)));
    }
}
