using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>GlobalAveragePooling1D</c>: each channel's mean over the steps, (steps, C) → (C), or (1, C) with Keras's
/// keepdims. Computed by a function (TorchSharp's AdaptiveAvgPool1d would always keep the trailing 1-sized dimension).
/// With a mask (keras/src/layers/pooling/global_average_pooling1d.py) it averages the unmasked steps only:
/// Σ x·m / Σ m over the steps; the mask ends here.
/// </summary>
internal sealed class GlobalAvgPool1DLayer : GlobalPoolLayer
{
    public GlobalAvgPool1DLayer()
        : base(LayerKind.GlobalAvgPool1D, typeof(GlobalAvgPool1DAttribute), "GlobalAveragePooling1D", "global_average_pooling1d", spatialAxes: 1, "mean", "ReduceMean")
    {
    }

    public override bool SupportsMasking => true;

    /// <summary>Keras's compute_mask returns None: the steps are gone.</summary>
    public override bool OutputMasked(LayerSpec layer, IReadOnlyList<LayerInput> inputs) => false;

    public override string ForwardMasked(LayerPlan layer, IReadOnlyList<string> inputs, IReadOnlyList<string?> masks) =>
        CSharp.Support + ".StepMasks.Average(" + inputs[0] + ", " + masks[0] + ", " + CSharp.Bool(Keepdims.Get(layer.Spec)) + ")";

    /// <summary>The same in ONNX: the bool mask cast to float, unsqueezed over the features, then ReduceSum over the steps.</summary>
    public override string OnnxMasked(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs, IReadOnlyList<string?> masks)
    {
        int keep = Keepdims.Get(layer.Spec) ? 1 : 0;
        string weights = onnx.Node("Unsqueeze", new[] { onnx.Node("Cast", masks[0]!, OnnxCode.Int("to", 1)), onnx.Longs(new long[] { -1 }) });
        string Sum(string x) => onnx.Node("ReduceSum", new[] { x, onnx.Longs(new long[] { 1 }) }, OnnxCode.Int("keepdims", keep));
        return onnx.Node("Div", new[] { Sum(onnx.Node("Mul", new[] { inputs[0], weights })), Sum(weights) });
    }
}
