using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>Keras <c>GlobalAveragePooling2D</c>: each channel's mean over height and width, giving a vector.</summary>
internal sealed class GlobalAvgPool2DLayer : LayerDefinition
{
    public GlobalAvgPool2DLayer()
        : base(LayerKind.GlobalAvgPool2D, typeof(GlobalAvgPool2DAttribute), "GlobalAveragePooling2D", "global_average_pooling2d")
    {
    }

    public override LayerOutput? Infer(LayerContext context) =>
        context.RequireImage() ? new LayerOutput(EquatableArray.Of(context.Input[0])) : null;

    public override LayerField Field(LayerPlan layer) => new("global::Dsl.Modules.GlobalAvgPool2d", "new global::Dsl.Modules.GlobalAvgPool2d()");

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) => Identifier.Escape(layer.Name) + ".call(" + inputs[0] + ")";

    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) =>
        onnx.Node("ReduceMean", inputs[0], OnnxCode.Ints("axes", 2, 3), OnnxCode.Int("keepdims", 0));
}
