using System.Linq;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Model;

namespace Dsl.Generator.Analysis;

/// <summary>The result of checking a model's <see cref="GraphSpec"/>: its graph and every problem found.</summary>
internal sealed record ModelAnalysis(GraphSpec Spec, GraphPlan Graph, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    public EquatableArray<NodePlan> Nodes => Graph.Nodes;

    /// <summary>The graph's nodes that are layers of built-in kinds (not block uses or reuses), in order.</summary>
    public System.Collections.Generic.IReadOnlyList<LayerPlan> Layers => Graph.Nodes.OfType<LayerPlan>().ToList();

    public long Parameters => Graph.Parameters;

    public long TrainableParameters => Graph.TrainableParameters;

    public long MultAdds => Graph.MultAdds;

    /// <summary>Output values of every layer for one sample: what a forward pass keeps alive.</summary>
    public long ActivationValues => Graph.ActivationValues;

    /// <summary>Values of every input for one sample.</summary>
    public long InputValues => Graph.Inputs.Sum(i => i.Type.Elements);

    public bool IsSequential => Graph.IsSequential;

    /// <summary>The number of values in a per-sample shape.</summary>
    public static long Elements(EquatableArray<int> shape)
    {
        long product = 1;
        foreach (var dimension in shape)
            product *= dimension;
        return product;
    }
}
