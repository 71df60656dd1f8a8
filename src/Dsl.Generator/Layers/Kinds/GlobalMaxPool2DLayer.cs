using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>Keras <c>GlobalMaxPooling2D</c>: each channel's maximum over height and width, giving a vector.</summary>
internal sealed class GlobalMaxPool2DLayer : LayerDefinition
{
    public GlobalMaxPool2DLayer()
        : base(LayerKind.GlobalMaxPool2D, typeof(GlobalMaxPool2DAttribute), "GlobalMaxPooling2D", "global_max_pooling2d")
    {
    }

    public override LayerOutput? Infer(LayerContext context) =>
        context.RequireImage() ? new LayerOutput(EquatableArray.Of(context.Input[0])) : null;

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) => inputs[0] + ".amax(new long[] { 2L, 3L })";

    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) =>
        onnx.Node("ReduceMax", inputs[0], OnnxCode.Ints("axes", 2, 3), OnnxCode.Int("keepdims", 0));
}
