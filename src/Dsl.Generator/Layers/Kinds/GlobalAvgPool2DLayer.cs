using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>GlobalAveragePooling2D</c>: each channel's mean over height and width, giving a vector, or (C, 1, 1) with
/// Keras's keepdims.
/// </summary>
internal sealed class GlobalAvgPool2DLayer : LayerDefinition
{
    public static readonly FlagOption Keepdims = CommonOptions.Keepdims;

    public GlobalAvgPool2DLayer()
        : base(LayerKind.GlobalAvgPool2D, typeof(GlobalAvgPool2DAttribute), "GlobalAveragePooling2D", "global_average_pooling2d", Keepdims)
    {
    }

    public override LayerOutput? Infer(LayerContext context)
    {
        if (!context.RequireImage())
            return null;
        int channels = context.Input[0];
        return new LayerOutput(Keepdims.Get(context.Spec) ? EquatableArray.Of(channels, 1, 1) : EquatableArray.Of(channels));
    }

    public override LayerField Field(LayerPlan layer) => new(
        "global::Dsl.Modules.GlobalAvgPool2d",
        "new global::Dsl.Modules.GlobalAvgPool2d(" + (Keepdims.Get(layer.Spec) ? CSharp.Bool(true) : string.Empty) + ")");

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) => Identifier.Escape(layer.Name) + ".call(" + inputs[0] + ")";

    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) =>
        onnx.Node("ReduceMean", inputs[0], OnnxCode.Ints("axes", 2, 3), OnnxCode.Int("keepdims", Keepdims.Get(layer.Spec) ? 1 : 0));
}
