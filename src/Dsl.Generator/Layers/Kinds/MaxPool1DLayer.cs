using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>Keras <c>MaxPooling1D</c>. Cells of an asymmetric "same" padding are -∞, so they never win.</summary>
internal sealed class MaxPool1DLayer : Pool1DLayer
{
    public MaxPool1DLayer()
        : base(LayerKind.MaxPool1D, typeof(MaxPool1DAttribute), "MaxPooling1D", "max_pooling1d")
    {
    }

    public override bool IsWindowMaximum => true;

    /// <summary>A new tensor, which the pool's backward does not read (it reads the input and the maxima's indices).</summary>
    public override bool OutputIsOverwritable => true;

    public override LayerField Field(LayerPlan layer) => new(
        CSharp.Modules + ".MaxPool1d",
        CSharp.Nn + ".MaxPool1d(" + CSharp.Long(Window(layer.Spec)) + ", stride: " + CSharp.Long(StrideOf(layer.Spec)) + ", padding: " + ModulePadding(layer) + ")");

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) => Call(layer, inputs, "MaxPool");

    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) => OnnxPool(layer, onnx, inputs[0], "MaxPool");
}
