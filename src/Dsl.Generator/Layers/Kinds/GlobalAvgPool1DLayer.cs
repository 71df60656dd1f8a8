using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>GlobalAveragePooling1D</c>: each channel's mean over the sequence, (C, L) → (C), or (C, 1) with Keras's
/// keepdims. Computed by a function (TorchSharp's AdaptiveAvgPool1d would always keep the trailing 1-sized dimension).
/// </summary>
internal sealed class GlobalAvgPool1DLayer : LayerDefinition
{
    public static readonly FlagOption Keepdims = CommonOptions.Keepdims;

    public GlobalAvgPool1DLayer()
        : base(LayerKind.GlobalAvgPool1D, typeof(GlobalAvgPool1DAttribute), "GlobalAveragePooling1D", "global_average_pooling1d", Keepdims)
    {
    }

    public override LayerOutput? Infer(LayerContext context)
    {
        if (!context.RequireSequence())
            return null;
        int channels = context.Input[0];
        return new LayerOutput(Keepdims.Get(context.Spec) ? EquatableArray.Of(channels, 1) : EquatableArray.Of(channels));
    }

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) =>
        inputs[0] + ".mean(new long[] { 2L }" + (Keepdims.Get(layer.Spec) ? ", keepdim: " + CSharp.Bool(true) : string.Empty) + ")";

    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) =>
        onnx.Node("ReduceMean", inputs[0], OnnxCode.Ints("axes", 2), OnnxCode.Int("keepdims", Keepdims.Get(layer.Spec) ? 1 : 0));
}
