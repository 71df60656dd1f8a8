using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>Keras <c>AveragePooling2D</c>: padded cells are left out of each average, as in Keras.</summary>
internal sealed class AvgPool2DLayer : Pool2DLayer
{
    public AvgPool2DLayer()
        : base(LayerKind.AvgPool2D, typeof(AvgPool2DAttribute), "AveragePooling2D", "average_pooling2d")
    {
    }

    public override LayerField Field(LayerPlan layer) => new(
        CSharp.Modules + ".AvgPool2d",
        CSharp.Nn + ".AvgPool2d(" + CSharp.Pair(Window(layer.Spec)) + ", stride: " + CSharp.Pair(Stride(layer.Spec)) + ", padding: " + ModulePadding(layer) + ", count_include_pad: false)");

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs)
    {
        var pads = Pads(layer);
        string field = Identifier.Escape(layer.Name);
        return pads.IsSymmetric
            ? field + ".call(" + inputs[0] + ")"
            : CSharp.Support + ".KerasPadding.AvgPool(" + inputs[0] + ", " + field + ", " + CSharp.Sides(pads) + ")";
    }

    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) => OnnxPool(layer, onnx, inputs[0], "AveragePool", OnnxCode.Int("count_include_pad", 0));
}
