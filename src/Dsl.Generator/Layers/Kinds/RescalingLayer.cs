using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Options;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>Rescaling</c>: x · scale + offset, on any input shape; no parameters. Like Keras's, it casts its input to
/// float32 first, so it takes integers too: raw pixels (uint8) become floats here (<c>Rescaling(1.0 / 255)</c>). A list
/// of scales is broadcast as Keras broadcasts it, against the last axis of Keras's order: one per channel of an image
/// (its first axis here), per feature of a sequence or flat input.
/// </summary>
internal sealed class RescalingLayer : LayerDefinition
{
    public static readonly NumbersOption Scale = new(nameof(RescalingAttribute.Scale))
    {
        IsRequired = true,
        AnyCount = true,
        CountText = "1 value, or 1 per channel or feature",
        Description = "a number or a list of numbers (one per channel or feature)",
    };

    public static readonly NumberOption Offset = new(nameof(RescalingAttribute.Offset));

    public RescalingLayer()
        : base(LayerKind.Rescaling, typeof(RescalingAttribute), "Rescaling", "rescaling", Scale, Offset)
    {
    }

    public override LayerOption MainOption => Scale;

    public override bool AcceptsIntegers => true;

    /// <summary>Keras's layer supports masking: a mask on its input passes to its output.</summary>
    public override bool SupportsMasking => true;

    /// <summary>The input's shape; a list of scales must have one per channel or feature (DSL007).</summary>
    public override LayerOutput? Infer(LayerContext context)
    {
        var scale = Scale.Get(context.Spec)!.Value;
        int channels = context.Input[ChannelAxis(context.Input.Count) - 1];
        if (scale.Count == 1 || scale.Count == channels)
            return new LayerOutput(context.Input);
        return context.Fail(DiagnosticDescriptors.InvalidValue, Scale.Name, context.Name,
            "one value or " + Invariant.ToText(channels) + " (one per " + (context.Input.Count == 3 ? "channel" : "feature") + " of its input " + Invariant.SampleShape(context.Input) + ", from " + context.Producer + ")",
            Invariant.ToText(scale.Count) + " values");
    }

    /// <summary>In the input's precision, as Keras casts scale and offset to the layer's dtype: <c>(x * 2.0 - 1.0)</c>; integers cast to float32 first.</summary>
    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs)
    {
        double offset = Offset.Get(layer.Spec);
        string input = layer.InputTypes[0].IsFloating ? inputs[0] : inputs[0] + ".to_type(global::TorchSharp.torch.ScalarType.Float32)";
        var scale = Scale.Get(layer.Spec)!.Value;
        string scaled = scale.Count == 1
            ? input + " * " + CSharp.Double(scale[0])
            : "global::Dsl.Support.KerasScale.PerChannel(" + input + ", new float[] { " + string.Join(", ", scale.Select(v => "(float)" + CSharp.Double(v))) + " }, "
                + CSharp.Long(ChannelAxis(layer.InputShape.Count)) + ")";
        if (offset == 0)
            return "(" + scaled + ")";
        return "(" + scaled + (offset < 0 ? " - " + CSharp.Double(-offset) : " + " + CSharp.Double(offset)) + ")";
    }

    /// <summary>Mul by the scale, then Add the offset when there is one (float32 constants, as Keras casts them); integers Cast to float32 first.</summary>
    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs)
    {
        double offset = Offset.Get(layer.Spec);
        string input = layer.InputTypes[0].IsFloating ? inputs[0] : onnx.Node("Cast", inputs[0], OnnxCode.Int("to", 1));
        var scale = Scale.Get(layer.Spec)!.Value;
        string factor = scale.Count == 1 ? onnx.Scalar(scale[0]) : onnx.Floats(scale.ToArray());
        // One scale per channel of an image: shaped (C, 1, 1), which broadcasts over (N, C, H, W).
        if (scale.Count > 1 && layer.InputShape.Count == 3)
            factor = onnx.Node("Reshape", new[] { factor, onnx.Longs(new long[] { scale.Count, 1, 1 }) });
        string scaled = onnx.Node("Mul", new[] { input, factor });
        return offset == 0 ? scaled : onnx.Node("Add", new[] { scaled, onnx.Scalar(offset) });
    }

    /// <summary>The axis (the batch being 0) of Keras's last: the channels of an image, the last axis of other inputs.</summary>
    private static int ChannelAxis(int rank) => rank == 3 ? 1 : rank;
}
