using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>Keras <c>MaxPooling2D</c>. Cells of an asymmetric "same" padding are -∞, so they never win.</summary>
internal sealed class MaxPool2DLayer : Pool2DLayer
{
    public MaxPool2DLayer()
        : base(LayerKind.MaxPool2D, typeof(MaxPool2DAttribute), "MaxPooling2D", "max_pooling2d")
    {
    }

    public override bool IsWindowMaximum => true;

    /// <summary>A new tensor, which the pool's backward does not read (it reads the input and the maxima's indices).</summary>
    public override bool OutputIsOverwritable => true;

    public override LayerField Field(LayerPlan layer) => new(
        CSharp.Modules + ".MaxPool2d",
        CSharp.Nn + ".MaxPool2d(" + CSharp.Pair(Window(layer.Spec)) + ", stride: " + CSharp.Pair(Stride(layer.Spec)) + ", padding: " + ModulePadding(layer) + ")");

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs)
    {
        var pads = Pads(layer);
        string field = Identifier.Escape(layer.Name);
        return pads.IsSymmetric
            ? field + ".call(" + inputs[0] + ")"
            : CSharp.Support + ".KerasPadding.MaxPool(" + inputs[0] + ", " + field + ", " + CSharp.Sides(pads) + ")";
    }

    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) => OnnxPool(layer, onnx, inputs[0], "MaxPool");
}
