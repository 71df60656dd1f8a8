using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Layers;
using Dsl.Generator.Layers.Geometry;

namespace Dsl.Generator.Emit;

/// <summary>
/// Which nodes of a graph compute a sequence in libtorch's (N, C, L) order, worked out once from the graph for the
/// forward pass and the <c>LayerInfo</c>s alike. A channels-first kind always does; an element-wise one (dropout) does
/// when its input arrives so. A node's output stays channels first only when the next node alone reads it, through
/// the chain, and computes channels first too: every value kept in a local, and every output, is (steps, features).
/// </summary>
internal static class SequenceRuns
{
    /// <summary>The order a layer computes in: its kind's on a sequence input, steps first otherwise.</summary>
    public static SequenceOrder OrderOf(LayerPlan layer) =>
        FeatureAxis.IsSequence(layer.InputShape) ? LayerRegistry.Get(layer.Spec.Kind).OrderOnSequences(layer) : SequenceOrder.StepsFirst;

    /// <summary>For each node, whether it computes channels first, and whether its output is left so for the next node.</summary>
    public static (bool[] Computes, bool[] Keeps) Of(GraphPlan graph)
    {
        var nodes = graph.Nodes;
        var computes = new bool[nodes.Count];
        var keeps = new bool[nodes.Count];
        for (int k = 0; k < nodes.Count; k++)
        {
            if (LayerOf(nodes[k]) is not { } layer || nodes[k].Outputs.Count > 1)
                continue;
            var order = OrderOf(layer);
            bool arrivesChannelsFirst = k > 0 && keeps[k - 1];
            computes[k] = order == SequenceOrder.ChannelsFirst || (order == SequenceOrder.Either && arrivesChannelsFirst);
            keeps[k] = computes[k] && nodes[k].OutputShape.Count == 2 && OnlyTheNextReads(graph, k)
                && LayerOf(nodes[k + 1]) is { } next && nodes[k + 1].Outputs.Count == 1 && OrderOf(next) != SequenceOrder.StepsFirst;
        }
        return (computes, keeps);
    }

    /// <summary>The layer a node computes: its own, or the layer a reuse calls again; null for a block use.</summary>
    public static LayerPlan? LayerOf(NodePlan node) => node switch
    {
        LayerPlan plan => plan,
        ReusePlan { Layer: { } reused } => reused,
        _ => null,
    };

    /// <summary>Whether node <paramref name="k"/>'s output is read by node k + 1 alone, as its only input, and is no output.</summary>
    internal static bool OnlyTheNextReads(GraphPlan graph, int k)
    {
        var nodes = graph.Nodes;
        string name = nodes[k].Name;
        if (k + 1 >= nodes.Count || graph.Outputs.Any(o => o.Value == name))
            return false;
        if (nodes[k + 1].Inputs.Count != 1 || nodes[k + 1].Inputs[0] != name)
            return false;
        return !nodes.Where((_, i) => i != k + 1).Any(n => n.Inputs.Contains(name));
    }
}
