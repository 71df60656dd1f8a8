using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests;

/// <summary>
/// What the generator computed at compile time against what TorchSharp does at run time, for any generated model:
/// the catalog's zoo and models compiled on the fly by the property tests.
/// </summary>
internal static class ModelChecks
{
    /// <summary>The namespace of the Keras Applications compiled in from samples/Applications.</summary>
    public const string ApplicationsNamespace = "Samples.Applications";

    /// <summary>
    /// The models the catalog-wide tests loop over: every generated model but the Keras Applications (VGG16 alone holds
    /// 138 million parameters), which Applications/KerasApplicationsTests checks on its own, instantiating each once.
    /// </summary>
    public static IReadOnlyList<ModelInfo> Catalog { get; } = ModelCatalog.All.Where(m => !IsApplication(m)).ToArray();

    /// <summary>Whether <paramref name="model"/> is one of samples/Applications' Keras Applications.</summary>
    public static bool IsApplication(ModelInfo model) => model.FullName.StartsWith(ApplicationsNamespace + ".", StringComparison.Ordinal);

    /// <summary>Trainable parameters and BatchNorm statistics equal the compile-time counts.</summary>
    public static void ParameterCountsMatch(ModelInfo info)
    {
        using var model = info.Create();
        long trainable = model.parameters().Sum(p => p.numel());
        long statistics = NonTrainableValues(model);
        Assert.True(info.TrainableParameterCount == trainable, $"{info.Name}: {info.TrainableParameterCount} trainable parameters at compile time, {trainable} in TorchSharp");
        Assert.True(info.ParameterCount == trainable + statistics, $"{info.Name}: {info.ParameterCount} parameters at compile time, {trainable + statistics} in TorchSharp");
    }

    /// <summary>
    /// The values Keras counts as non-trainable parameters, which TorchSharp keeps as buffers: BatchNorm's moving mean and
    /// variance, and an adaptable Normalization's mean, variance and count (Keras's weights of that name).
    /// </summary>
    public static long NonTrainableValues(nn.Module model)
    {
        long moving = model.named_buffers()
            .Where(b => b.name.EndsWith("running_mean", StringComparison.Ordinal) || b.name.EndsWith("running_var", StringComparison.Ordinal))
            .Sum(b => b.buffer.numel());
        long adapted = model.named_modules()
            .Where(m => m.module is Dsl.Modules.Normalization)
            .Sum(m => m.module.buffers(recurse: false).Sum(b => b.numel()));
        return moving + adapted;
    }

    /// <summary>
    /// A forward pass gives every layer the output shape computed at compile time, inside block uses too. A layer that
    /// keeps a module is a registered submodule at its state-dict path and is observed through hooks (a layer applied
    /// again, at each call); a layer computed by a function (a merge) is observed as the input of the module layers
    /// that take it, or as the model's output.
    /// </summary>
    public static void LayerShapesMatch(ModelInfo info, int batch = 3)
    {
        using var scope = NewDisposeScope();
        using var model = info.Create();
        // In training mode every module runs: in evaluation the generator folds a batch normalization into the
        // convolution before it (one functional convolution), and neither module's hooks fire.
        model.train();

        var modules = model.named_modules().ToDictionary(m => m.name, m => m.module);
        var placed = ModelGraph.Layers(info);
        var inputs = new Dictionary<string, List<long[]>>();
        var outputs = new Dictionary<string, List<long[]>>();
        var hooks = new List<Action>();
        foreach (var path in placed.Select(p => p.ModulePath).Distinct())
        {
            if (!modules.TryGetValue(path, out var found) || found is not nn.Module<Tensor, Tensor> module)
                continue;
            inputs[path] = new List<long[]>();
            outputs[path] = new List<long[]>();
            var before = module.register_forward_pre_hook((_, input) =>
            {
                inputs[path].Add(input.shape);
                return input;
            });
            var after = module.register_forward_hook((_, _, output) =>
            {
                outputs[path].Add(output.shape);
                return output;
            });
            hooks.Add(before.remove);
            hooks.Add(after.remove);
        }

        var results = ((IGeneratedModel)model).Run(GeneratedModules.RandomInputs(info, batch));
        foreach (var remove in hooks)
            remove();

        long[] Batched(IReadOnlyList<int> shape) => new long[] { batch }.Concat(shape.Select(d => (long)d)).ToArray();
        // A channels-first module (Conv1D on a sequence) is seen by its hooks in libtorch's (N, C, L) order.
        long[] AsModuleSees(LayerInfo layer, IReadOnlyList<int> shape) =>
            layer.ModuleIsChannelsFirst && shape.Count == 2 ? Batched(new[] { shape[1], shape[0] }) : Batched(shape);
        string Scope(PlacedLayer p) => p.Path[..(p.Path.Length - p.Layer.Name.Length)];
        var seen = new HashSet<string>(info.Outputs.Select(o => o.Layer));
        var calls = new Dictionary<string, int>();
        foreach (var layer in placed)
        {
            if (!outputs.ContainsKey(layer.ModulePath))
                continue;
            int call = calls.GetValueOrDefault(layer.ModulePath);
            calls[layer.ModulePath] = call + 1;
            Assert.True(outputs[layer.ModulePath].Count > call, $"{info.Name}: {layer.Path} never ran");
            Assert.True(AsModuleSees(layer.Layer, layer.Layer.OutputShape).SequenceEqual(outputs[layer.ModulePath][call]),
                $"{info.Name}: {layer.Path} gave ({string.Join(", ", outputs[layer.ModulePath][call])}), compile time said {ShapeText.Format(layer.Layer.OutputShape)}");
            seen.Add(layer.Path);
            if (layer.Layer.Children.Count > 0 && layer.Layer.OutputNames.Count == 0)
                seen.Add(layer.ModulePath + "." + layer.Layer.Children[^1].Name);
            // A functional layer (a merge) is observed through the input of the module layer that takes it. Keras's "same"
            // or causal padding may be applied to the input before the module sees it; inputs and module layers are
            // observed themselves.
            bool paddedInForward = layer.Layer.Window.Count > 0 && layer.Layer.Padding != Padding.Valid;
            string producer = Scope(layer) + layer.Inputs[0].Split('.')[0];
            bool functional = placed.Any(p => p.Path == producer && !outputs.ContainsKey(p.ModulePath));
            if (!paddedInForward && layer.Inputs.Count == 1 && functional)
            {
                Assert.True(AsModuleSees(layer.Layer, layer.InputShapes[0]).SequenceEqual(inputs[layer.ModulePath][call]),
                    $"{info.Name}: {layer.Path} received ({string.Join(", ", inputs[layer.ModulePath][call])}) from {layer.Inputs[0]}, compile time said {ShapeText.Format(layer.InputShapes[0])}");
                seen.Add(Scope(layer) + layer.Inputs[0].Split('.')[0]);
            }
        }
        for (int o = 0; o < info.Outputs.Count; o++)
        {
            Assert.True(Batched(info.Outputs[o].Shape).SequenceEqual(results[o].shape),
                $"{info.Name}: output {info.Outputs[o].Name} ({string.Join(", ", results[o].shape)}), compile time said {ShapeText.Format(info.Outputs[o].Shape)}");
            seen.Add(info.Outputs[o].Layer.Split('.')[0]);
        }
        // A merge that feeds only merges is checked through what it feeds; a block use through its layers.
        var unseen = placed
            .Where(p => p.Layer.Shares is null && p.Layer.Children.Count == 0 && !seen.Contains(p.Path))
            .Where(p => !placed.Any(c => Scope(c) == Scope(p) && c.Inputs.Any(i => i.Split('.')[0] == p.Layer.Name)))
            .Select(p => p.Path)
            .ToList();
        Assert.True(unseen.Count == 0, $"{info.Name}: never observed: {string.Join(", ", unseen)}");
    }
}
