using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Options;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>Rescaling</c>: x · scale + offset, on any input shape; no parameters. Like Keras's, it casts its input to
/// float32 first, so it takes integers too: raw pixels (uint8) become floats here (<c>Rescaling(1.0 / 255)</c>).
/// </summary>
internal sealed class RescalingLayer : LayerDefinition
{
    public static readonly NumberOption Scale = new(nameof(RescalingAttribute.Scale)) { IsRequired = true };

    public static readonly NumberOption Offset = new(nameof(RescalingAttribute.Offset));

    public RescalingLayer()
        : base(LayerKind.Rescaling, typeof(RescalingAttribute), "Rescaling", "rescaling", Scale, Offset)
    {
    }

    public override LayerOption MainOption => Scale;

    public override bool AcceptsIntegers => true;

    /// <summary>Keras's layer supports masking: a mask on its input passes to its output.</summary>
    public override bool SupportsMasking => true;

    public override LayerOutput Infer(LayerContext context) => new(context.Input);

    /// <summary>In the input's precision, as Keras casts scale and offset to the layer's dtype: <c>(x * 2.0 - 1.0)</c>; integers cast to float32 first.</summary>
    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs)
    {
        double offset = Offset.Get(layer.Spec);
        string input = layer.InputTypes[0].IsFloating ? inputs[0] : inputs[0] + ".to_type(global::TorchSharp.torch.ScalarType.Float32)";
        string scaled = input + " * " + CSharp.Double(Scale.Get(layer.Spec));
        if (offset == 0)
            return "(" + scaled + ")";
        return "(" + scaled + (offset < 0 ? " - " + CSharp.Double(-offset) : " + " + CSharp.Double(offset)) + ")";
    }

    /// <summary>Mul by the scale, then Add the offset when there is one (float32 constants, as Keras casts them); integers Cast to float32 first.</summary>
    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs)
    {
        double offset = Offset.Get(layer.Spec);
        string input = layer.InputTypes[0].IsFloating ? inputs[0] : onnx.Node("Cast", inputs[0], OnnxCode.Int("to", 1));
        string scaled = onnx.Node("Mul", new[] { input, onnx.Scalar(Scale.Get(layer.Spec)) });
        return offset == 0 ? scaled : onnx.Node("Add", new[] { scaled, onnx.Scalar(offset) });
    }
}
