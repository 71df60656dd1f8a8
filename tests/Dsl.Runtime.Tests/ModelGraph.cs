using System.Collections.Generic;
using System.Linq;

namespace Dsl.Runtime.Tests;

/// <summary>A layer of a generated model, wherever it sits: inside block uses too, with its module's state-dict path and its inputs' shapes.</summary>
internal sealed record PlacedLayer(LayerInfo Layer, string Path, IReadOnlyList<IReadOnlyList<int>> InputShapes, IReadOnlyList<string> Inputs)
{
    /// <summary>The module this layer calls: its own, or for a reuse its target's.</summary>
    public string ModulePath { get; init; } = Path;
}

/// <summary>Walks a model's layers as the generated code wires them, from the compile-time metadata alone.</summary>
internal static class ModelGraph
{
    /// <summary>Every layer, depth first (a block use, then its children), with where its module is and what it takes.</summary>
    public static IReadOnlyList<PlacedLayer> Layers(ModelInfo info)
    {
        var placed = new List<PlacedLayer>();
        Walk(info.Layers, info.Inputs.ToDictionary(i => i.Name, i => i.Shape), info.Inputs[0].Name, string.Empty, placed);
        return placed;
    }

    private static void Walk(IReadOnlyList<LayerInfo> layers, Dictionary<string, IReadOnlyList<int>> values, string firstInput, string prefix, List<PlacedLayer> placed)
    {
        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            IReadOnlyList<string> inputs = layer.Inputs.Count > 0 ? layer.Inputs : new[] { i == 0 ? firstInput : layers[i - 1].Name };
            var shapes = inputs.Select(name => values[name]).ToList();
            string module = prefix + (layer.Shares ?? layer.Name);
            placed.Add(new PlacedLayer(layer, prefix + layer.Name, shapes, inputs) { ModulePath = module });
            if (layer.Children.Count > 0)
            {
                var inner = layer.BlockInputs.Select((name, k) => (name, shapes[k])).ToDictionary(p => p.name, p => p.Item2);
                Walk(layer.Children, inner, layer.BlockInputs[0], module + ".", placed);
            }
            if (layer.OutputNames.Count > 0)
            {
                for (int k = 0; k < layer.OutputNames.Count; k++)
                    values[layer.Name + "." + layer.OutputNames[k]] = layer.OutputShapes[k];
            }
            else
            {
                values[layer.Name] = layer.OutputShape;
            }
        }
    }
}
