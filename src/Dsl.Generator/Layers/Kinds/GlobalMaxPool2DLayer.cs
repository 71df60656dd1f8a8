using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>GlobalMaxPooling2D</c>: each channel's maximum over height and width, giving a vector, or (C, 1, 1) with
/// Keras's keepdims.
/// </summary>
internal sealed class GlobalMaxPool2DLayer : LayerDefinition
{
    public static readonly FlagOption Keepdims = CommonOptions.Keepdims;

    public GlobalMaxPool2DLayer()
        : base(LayerKind.GlobalMaxPool2D, typeof(GlobalMaxPool2DAttribute), "GlobalMaxPooling2D", "global_max_pooling2d", Keepdims)
    {
    }

    public override LayerOutput? Infer(LayerContext context)
    {
        if (!context.RequireImage())
            return null;
        int channels = context.Input[0];
        return new LayerOutput(Keepdims.Get(context.Spec) ? EquatableArray.Of(channels, 1, 1) : EquatableArray.Of(channels));
    }

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) =>
        inputs[0] + ".amax(new long[] { 2L, 3L }" + (Keepdims.Get(layer.Spec) ? ", keepdim: " + CSharp.Bool(true) : string.Empty) + ")";

    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) =>
        onnx.Node("ReduceMax", inputs[0], OnnxCode.Ints("axes", 2, 3), OnnxCode.Int("keepdims", Keepdims.Get(layer.Spec) ? 1 : 0));
}
