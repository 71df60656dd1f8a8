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
        // Keras counts BatchNorm's moving mean and variance as non-trainable parameters; TorchSharp keeps them as buffers.
        long statistics = model.named_buffers()
            .Where(b => b.name.EndsWith("running_mean", StringComparison.Ordinal) || b.name.EndsWith("running_var", StringComparison.Ordinal))
            .Sum(b => b.buffer.numel());
        Assert.True(info.TrainableParameterCount == trainable, $"{info.Name}: {info.TrainableParameterCount} trainable parameters at compile time, {trainable} in TorchSharp");
        Assert.True(info.ParameterCount == trainable + statistics, $"{info.Name}: {info.ParameterCount} parameters at compile time, {trainable + statistics} in TorchSharp");
    }

    /// <summary>
    /// A forward pass gives every layer the output shape computed at compile time. A layer that keeps a module is a
    /// registered child named like the layer and is observed through hooks; a layer computed by a function (a merge)
    /// is observed as the input of the module layers that take it, or as the model's output.
    /// </summary>
    public static void LayerShapesMatch(ModelInfo info, int batch = 3)
    {
        using var scope = NewDisposeScope();
        using var model = info.Create();
        model.eval();

        var children = model.named_children().ToDictionary(c => c.name, c => c.module);
        var inputs = new Dictionary<string, long[]>();
        var outputs = new Dictionary<string, long[]>();
        var hooks = new List<Action>();
        foreach (var layer in info.Layers.Where(l => children.ContainsKey(l.Name) && children[l.Name] is nn.Module<Tensor, Tensor>))
        {
            var module = (nn.Module<Tensor, Tensor>)children[layer.Name];
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

        var outputs0 = ((IGeneratedModel)model).Run(GeneratedModules.RandomInputs(info, batch));
        var output = outputs0[0];
        foreach (var remove in hooks)
            remove();

        long[] Batched(IReadOnlyList<int> shape) => new long[] { batch }.Concat(shape.Select(d => (long)d)).ToArray();
        var shapes = info.Layers.ToDictionary(l => l.Name, l => l.OutputShape);
        foreach (var modelInput in info.Inputs)
            shapes[modelInput.Name] = modelInput.Shape;
        var seen = new HashSet<string>(info.Outputs.Select(o => o.Layer));
        foreach (var layer in info.Layers.Where(l => outputs.ContainsKey(l.Name) || (children.ContainsKey(l.Name) && children[l.Name] is nn.Module<Tensor, Tensor>)))
        {
            Assert.True(outputs.ContainsKey(layer.Name), $"{info.Name}: {layer.Name} never ran");
            Assert.True(Batched(layer.OutputShape).SequenceEqual(outputs[layer.Name]),
                $"{info.Name}: {layer.Name} gave ({string.Join(", ", outputs[layer.Name])}), compile time said {ShapeText.Format(layer.OutputShape)}");
            seen.Add(layer.Name);
            // Keras's "same" or causal padding may be applied to the input before the module sees it.
            var producer = info.InputsOf(layer).Single();
            bool paddedInForward = layer.Window.Count > 0 && layer.Padding != Padding.Valid;
            if (!info.Inputs.Any(i => i.Name == producer) && !children.ContainsKey(producer) && !paddedInForward && shapes.ContainsKey(producer))
            {
                Assert.True(Batched(shapes[producer]).SequenceEqual(inputs[layer.Name]),
                    $"{info.Name}: {layer.Name} received ({string.Join(", ", inputs[layer.Name])}) from {producer}, compile time said {ShapeText.Format(shapes[producer])}");
                seen.Add(producer);
            }
        }
        for (int o = 0; o < info.Outputs.Count; o++)
            Assert.True(Batched(info.Outputs[o].Shape).SequenceEqual(outputs0[o].shape), $"{info.Name}: output {info.Outputs[o].Name} ({string.Join(", ", outputs0[o].shape)}), compile time said {ShapeText.Format(info.Outputs[o].Shape)}");
        // A merge that feeds only merges is checked through what it feeds.
        var unseen = info.Layers.Where(l => l.Shares is null).Select(l => l.Name).Where(n => !seen.Contains(n) && !info.Layers.Any(c => info.InputsOf(c).Contains(n))).ToList();
        Assert.True(unseen.Count == 0, $"{info.Name}: never observed: {string.Join(", ", unseen)}");
    }
}
