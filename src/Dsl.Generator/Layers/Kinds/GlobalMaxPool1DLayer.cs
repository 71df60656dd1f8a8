using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>GlobalMaxPooling1D</c>: each channel's maximum over the sequence, (C, L) → (C). Computed by a function
/// (amax, as Keras's torch backend does; TorchSharp's AdaptiveMaxPool1d would keep a trailing 1-sized dimension).
/// </summary>
internal sealed class GlobalMaxPool1DLayer : LayerDefinition
{
    public GlobalMaxPool1DLayer()
        : base(LayerKind.GlobalMaxPool1D, typeof(GlobalMaxPool1DAttribute), "GlobalMaxPooling1D", "global_max_pooling1d")
    {
    }

    public override LayerOutput? Infer(LayerContext context) =>
        context.RequireSequence() ? new LayerOutput(EquatableArray.Of(context.Input[0])) : null;

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) => inputs[0] + ".amax(new long[] { 2L })";

    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) =>
        onnx.Node("ReduceMax", inputs[0], OnnxCode.Ints("axes", 2), OnnxCode.Int("keepdims", 0));
}
