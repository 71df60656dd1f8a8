using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Layers;
using Dsl.Generator.Layers.Kinds;

namespace Dsl.Generator.Emit;

/// <summary>
/// The rewrite <c>fold_rescaling</c>: a <c>Rescaling</c> (x·s + o) that alone feeds a Conv2D without groups or a Dense
/// layer on flat features is folded into it in evaluation mode and in the ONNX graph: W∗(x·s + o) + b =
/// (W·s)∗x + (b + o·ΣW), the scale applied along the weight's input axis (one per channel or feature, or one for all),
/// the offset summed into the bias. A convolution's zero padding would see the offset (it pads x·s + o with zeros, the
/// folded one x), so an offset folds only into a layer that pads nothing. The folded weights are computed from the
/// current ones on every evaluation call, as for <see cref="BatchNormFolding"/>; training runs the declared layers.
/// </summary>
internal static class RescalingFolding
{
    /// <summary>Whether node <paramref name="k"/>, a rescaling, folds into node k + 1.</summary>
    public static bool Applies(GraphPlan graph, Model.Rewrites rewrites, int k)
    {
        if (!rewrites.FoldRescaling || k + 1 >= graph.Nodes.Count)
            return false;
        if (graph.Nodes[k] is not LayerPlan rescaling || graph.Nodes[k + 1] is not LayerPlan layer || LayerRegistry.Get(rescaling.Spec.Kind) is not RescalingLayer)
            return false;
        if (!LayerRegistry.Get(layer.Spec.Kind).AcceptsFoldedRescaling(layer, RescalingLayer.Offset.Get(rescaling.Spec) != 0))
            return false;
        // A batch normalization folding into the same layer keeps that layer's declared weights for itself.
        if (rescaling.Output.Masked || layer.Outputs.Count != 1 || layer.Output.Masked || BatchNormFolding.Applies(graph, rewrites, k + 1))
            return false;
        return SequenceRuns.OnlyTheNextReads(graph, k);
    }

    /// <summary>The scale as the runtime's <c>RescalingFolding.Fold</c> takes it: <c>new float[] { … }</c>, then the offset.</summary>
    public static string ScaleAndOffset(LayerPlan rescaling)
    {
        var scale = RescalingLayer.Scale.Get(rescaling.Spec)!.Value;
        return "new float[] { " + string.Join(", ", scale.Select(v => "(float)" + CSharp.Double(v))) + " }, " + CSharp.Double(RescalingLayer.Offset.Get(rescaling.Spec));
    }

    /// <summary>The rescaling's input as the folded layer takes it: integers cast to float32 first, as the rescaling casts them.</summary>
    public static string Input(LayerPlan rescaling, string input) =>
        rescaling.InputTypes[0].IsFloating ? input : input + ".to_type(global::TorchSharp.torch.ScalarType.Float32)";
}
