using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>Keras <c>Average</c>: element-wise mean: the sum divided by the number of inputs, as Keras computes it.</summary>
internal sealed class AverageLayer : MergeLayer
{
    public AverageLayer()
        : base(LayerKind.Average, typeof(AverageAttribute), "Average", "average")
    {
    }

    protected override string Combine(LayerPlan layer, IReadOnlyList<string> inputs) => Chain(inputs, "add") + ".div(" + CSharp.Double(inputs.Count) + ")";

    protected override string CombineOnnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) =>
        onnx.Node("Div", new[] { ChainOnnx(onnx, inputs, "Add"), onnx.Scalar(inputs.Count) });
}
