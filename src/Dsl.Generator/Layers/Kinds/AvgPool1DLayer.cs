using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>Keras <c>AveragePooling1D</c>: padded cells are left out of each average, as in Keras.</summary>
internal sealed class AvgPool1DLayer : Pool1DLayer
{
    public AvgPool1DLayer()
        : base(LayerKind.AvgPool1D, typeof(AvgPool1DAttribute), "AveragePooling1D", "average_pooling1d")
    {
    }

    public override LayerField Field(LayerPlan layer) => new(
        CSharp.Modules + ".AvgPool1d",
        CSharp.Nn + ".AvgPool1d(" + CSharp.Long(Window(layer.Spec)) + ", stride: " + CSharp.Long(StrideOf(layer.Spec)) + ", padding: " + ModulePadding(layer) + ", count_include_pad: false)");

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) => Call(layer, inputs, "AvgPool");

    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) => OnnxPool(layer, onnx, inputs[0], "AveragePool", OnnxCode.Int("count_include_pad", 0));
}
