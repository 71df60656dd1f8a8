using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Layers;
using Dsl.Generator.Model;

namespace Dsl.Generator.Analysis;

/// <summary>
/// Keras's functional-API wiring over declared layers: each layer takes the previous layer's output unless it
/// names its inputs (<c>From</c>, or a merge's list); only layers declared above can be named, so the graph has
/// no cycles; the last layer is the output.
/// </summary>
internal static class LayerGraph
{
    /// <summary>The producer of the model's input, among layer indices.</summary>
    public const int Input = -1;

    /// <summary>
    /// Each layer's producers as layer indices (<see cref="Input"/> for the model's input), or null where a
    /// reference could not be resolved (reported).
    /// </summary>
    public static int[]?[] Resolve(ModelSpec spec, IReadOnlyList<LayerDefinition> kinds, IReadOnlyList<string> names, IReadOnlyList<bool> validNames, ICollection<DiagnosticInfo> diagnostics)
    {
        int count = spec.Layers.Count;
        var producers = new int[]?[count];
        for (int i = 0; i < count; i++)
        {
            var layer = spec.Layers[i];
            var references = kinds[i].ReferencedInputs(layer);
            if (references.Count == 0 && !kinds[i].IsMerge)
            {
                producers[i] = new[] { i - 1 };
                continue;
            }
            var resolved = new int[references.Count];
            bool complete = true;
            for (int r = 0; r < references.Count; r++)
            {
                int? index = Find(references[r], i, names, validNames);
                if (index is { } found)
                {
                    resolved[r] = found;
                    continue;
                }
                complete = false;
                Report(spec, i, references[r], names, diagnostics);
            }
            producers[i] = complete ? resolved : null;
        }
        return producers;
    }

    /// <summary>
    /// The layers whose outputs reach the model's output (the last layer), following resolved references.
    /// </summary>
    public static bool[] ReachOutput(IReadOnlyList<int[]?> producers)
    {
        var reached = new bool[producers.Count];
        if (producers.Count == 0)
            return reached;
        reached[producers.Count - 1] = true;
        for (int i = producers.Count - 1; i >= 0; i--)
        {
            if (!reached[i] || producers[i] is not { } inputs)
                continue;
            foreach (int p in inputs)
            {
                if (p != Input)
                    reached[p] = true;
            }
        }
        return reached;
    }

    private static int? Find(string reference, int consumer, IReadOnlyList<string> names, IReadOnlyList<bool> validNames)
    {
        if (reference == LayerNames.ModelInput)
            return Input;
        for (int j = 0; j < consumer; j++)
        {
            if (validNames[j] && names[j] == reference)
                return j;
        }
        return null;
    }

    private static void Report(ModelSpec spec, int consumer, string reference, IReadOnlyList<string> names, ICollection<DiagnosticInfo> diagnostics)
    {
        var location = spec.Layers[consumer].Location;
        int later = -1;
        for (int j = consumer; j < names.Count; j++)
        {
            if (names[j] == reference)
            {
                later = j;
                break;
            }
        }
        if (later == consumer)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ForwardLayerReference, location, names[consumer], reference, "is the layer itself"));
        }
        else if (later > consumer)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ForwardLayerReference, location, names[consumer], reference,
                "is declared after it (layer " + Invariant.ToText(later + 1) + ")"));
        }
        else
        {
            var candidates = new[] { LayerNames.ModelInput }.Concat(names.Take(consumer));
            var suggestion = NearestName.Find(reference, candidates);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownLayerReference, location, names[consumer], reference,
                suggestion is null ? string.Empty : " (did you mean '" + suggestion + "'?)"));
        }
    }
}
