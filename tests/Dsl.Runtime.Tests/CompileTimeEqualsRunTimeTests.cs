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
        Assert.Equal(Enum.GetValues<LayerKind>().ToHashSet(), kinds);
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

        // Each layer's module is a registered child named like the layer; record the first output it produces.
        var children = model.named_children().ToDictionary(c => c.name, c => c.module);
        var observed = new Dictionary<string, long[]>();
        var hooks = new List<Action>();
        foreach (var layer in info.Layers)
        {
            var module = Assert.IsAssignableFrom<nn.Module<Tensor, Tensor>>(children[layer.Name]);
            var layerName = layer.Name;
            var remover = module.register_forward_hook((_, _, output) =>
            {
                observed.TryAdd(layerName, output.shape);
                return output;
            });
            hooks.Add(remover.remove);
        }

        const int batch = 3;
        var input = randn(new long[] { batch }.Concat(info.InputShape.Select(d => (long)d)).ToArray());
        var output = model.forward(input);
        foreach (var remove in hooks)
            remove();

        foreach (var layer in info.Layers)
        {
            var expected = new long[] { batch }.Concat(layer.OutputShape.Select(d => (long)d)).ToArray();
            Assert.True(observed.ContainsKey(layer.Name), $"{layer.Name} never ran");
            Assert.Equal(expected, observed[layer.Name]);
        }
        Assert.Equal(new long[] { batch }.Concat(info.OutputShape.Select(d => (long)d)), output.shape);
    }

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
