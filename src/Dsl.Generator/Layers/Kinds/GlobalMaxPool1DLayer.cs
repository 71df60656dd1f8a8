using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>GlobalMaxPooling1D</c>: each channel's maximum over the sequence, (C, L) → (C), or (C, 1) with Keras's
/// keepdims. Computed by a function (amax, as Keras's torch backend does; TorchSharp's AdaptiveMaxPool1d would always
/// keep the trailing 1-sized dimension).
/// </summary>
internal sealed class GlobalMaxPool1DLayer : LayerDefinition
{
    public static readonly FlagOption Keepdims = CommonOptions.Keepdims;

    public GlobalMaxPool1DLayer()
        : base(LayerKind.GlobalMaxPool1D, typeof(GlobalMaxPool1DAttribute), "GlobalMaxPooling1D", "global_max_pooling1d", Keepdims)
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
        inputs[0] + ".amax(new long[] { 2L }" + (Keepdims.Get(layer.Spec) ? ", keepdim: " + CSharp.Bool(true) : string.Empty) + ")";

    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) =>
        onnx.Node("ReduceMax", inputs[0], OnnxCode.Ints("axes", 2), OnnxCode.Int("keepdims", Keepdims.Get(layer.Spec) ? 1 : 0));
}
