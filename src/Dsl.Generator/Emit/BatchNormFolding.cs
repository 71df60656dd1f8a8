using Dsl.Generator.Analysis;
using Dsl.Generator.Layers;
using Dsl.Generator.Layers.Kinds;

namespace Dsl.Generator.Emit;

/// <summary>
/// The rewrite <c>fold_batch_norm</c>: a batch normalization that alone reads a convolution's output (Conv1D, Conv2D,
/// DepthwiseConv2D, no activation between) is folded into it where it uses its moving statistics, in evaluation mode
/// and in the ONNX graph. With s = γ / √(moving variance + ε) per output channel, BN(W∗x + b) = (s·W)∗x + (s·(b − mean)
/// + β): one convolution, no pass over its output. The folded weight and bias are computed from the current weights on
/// every evaluation call (the runtime's <c>BatchNormFolding.Fold</c>, O(kernel) work against the convolution's
/// O(kernel × positions × batch)), so they are never stale after an optimizer step, <c>load_state_dict</c> or an
/// in-place edit, and under autograd the gradients reach the convolution's and the normalization's weights as they
/// would unfolded. Training (batch statistics, moving-average updates) is untouched: the forward branches on the
/// normalization module's own <c>training</c> flag, so one frozen or trained apart from the model is right too.
/// </summary>
internal static class BatchNormFolding
{
    /// <summary>Whether node k + 1, a batch normalization, folds into node <paramref name="k"/>, a convolution.</summary>
    public static bool Applies(GraphPlan graph, Model.Rewrites rewrites, int k)
    {
        if (!rewrites.FoldBatchNorm || k + 1 >= graph.Nodes.Count)
            return false;
        if (graph.Nodes[k] is not LayerPlan convolution || graph.Nodes[k + 1] is not LayerPlan normalization)
            return false;
        if (!LayerRegistry.Get(convolution.Spec.Kind).AcceptsFoldedBatchNorm || LayerRegistry.Get(normalization.Spec.Kind) is not BatchNormLayer)
            return false;
        if (convolution.Activation != Activation.None || convolution.Outputs.Count != 1 || convolution.Output.Masked || normalization.Output.Masked)
            return false;
        return SequenceRuns.OnlyTheNextReads(graph, k);
    }

    /// <summary>
    /// The C# arguments of the runtime's <c>BatchNormFolding.Fold</c> after the convolution's weight and bias: the
    /// normalization's gamma (null without <c>scale</c>), beta (null without <c>center</c>), moving mean and variance, and ε.
    /// </summary>
    public static string Statistics(LayerPlan normalization)
    {
        string field = Identifier.Escape(normalization.Name);
        var spec = normalization.Spec;
        return (BatchNormLayer.Scale.Get(spec) ? field + ".weight" : "null") + ", " + (BatchNormLayer.Center.Get(spec) ? field + ".bias" : "null")
            + ", " + field + ".running_mean!, " + field + ".running_var!, " + CSharp.Double(BatchNormLayer.Epsilon.Get(spec));
    }
}
