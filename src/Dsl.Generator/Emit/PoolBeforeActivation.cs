using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Layers;

namespace Dsl.Generator.Emit;

/// <summary>
/// The rewrite <c>pool_before_activation</c>: a layer whose fused activation f is non-decreasing and whose output only
/// a max pool reads computes pool(f(x)) as f(pool(x)), which is equal, since max(f(a), f(b)) = f(max(a, b)), and
/// activates a quarter of the values behind a 2x2 pool. Padded cells are -∞ in both the module's and Keras's "same"
/// padding and never win, so padding does not matter. An <c>Activation</c> layer's activation moves the same way. The
/// pool's output is new, so f runs in place there where the declared layer would have run it in place (not after an
/// Activation layer, whose identity module returns its input).
/// <para>
/// Gradients: the pool sends each window's gradient to the cell holding its maximum (the first one on a tie), and f's
/// derivative is taken there in both orders, so the gradients are equal (tested). The one difference is a tie f makes
/// and x does not: two different inputs that f rounds to the same float (sigmoid and tanh near their bounds, a slope
/// that rounds two negatives alike). Then pool(f(x)) sends the gradient to the first of them and f(pool(x)) to the
/// larger; the value is the same, and where f is flat enough to round them together its derivative is about 0.
/// ReLU has no such case: cells at or below 0 all get a zero gradient either way.
/// </para>
/// </summary>
internal static class PoolBeforeActivation
{
    /// <summary>Whether node <paramref name="k"/>'s activation moves behind node k + 1.</summary>
    public static bool Applies(GraphPlan graph, Model.Rewrites rewrites, int k)
    {
        if (!rewrites.PoolBeforeActivation || k + 1 >= graph.Nodes.Count)
            return false;
        if (graph.Nodes[k] is not LayerPlan layer || graph.Nodes[k + 1] is not LayerPlan pool)
            return false;
        if (layer.Activation == Activation.None || !Activations.IsNonDecreasing(layer.Activation))
            return false;
        if (!LayerRegistry.Get(pool.Spec.Kind).IsWindowMaximum || layer.Outputs.Count != 1 || layer.Output.Masked || pool.Output.Masked)
            return false;
        return SequenceRuns.OnlyTheNextReads(graph, k);
    }

    /// <summary>How many layers of <paramref name="graph"/> the rewrite applies to.</summary>
    public static int Count(GraphPlan graph, Model.Rewrites rewrites) =>
        Enumerable.Range(0, graph.Nodes.Count).Count(k => Applies(graph, rewrites, k));
}
