using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>GlobalAveragePooling1D</c>: each channel's mean over the sequence, (C, L) → (C). Computed by a function
/// (TorchSharp's AdaptiveAvgPool1d would keep a trailing 1-sized dimension).
/// </summary>
internal sealed class GlobalAvgPool1DLayer : LayerDefinition
{
    public GlobalAvgPool1DLayer()
        : base(LayerKind.GlobalAvgPool1D, typeof(GlobalAvgPool1DAttribute), "GlobalAveragePooling1D", "global_average_pooling1d")
    {
    }

    public override LayerOutput? Infer(LayerContext context) =>
        context.RequireSequence() ? new LayerOutput(EquatableArray.Of(context.Input[0])) : null;

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) => inputs[0] + ".mean(new long[] { 2L })";

    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) =>
        onnx.Node("ReduceMean", inputs[0], OnnxCode.Ints("axes", 2), OnnxCode.Int("keepdims", 0));
}
