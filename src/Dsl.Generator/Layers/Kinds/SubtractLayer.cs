using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>Keras <c>Subtract</c>: the first input minus the second; exactly two.</summary>
internal sealed class SubtractLayer : MergeLayer
{
    public SubtractLayer()
        : base(LayerKind.Subtract, typeof(SubtractAttribute), "Subtract", "subtract")
    {
    }

    protected override int? ExactInputCount => 2;

    protected override string Combine(LayerPlan layer, IReadOnlyList<string> inputs) => inputs[0] + ".sub(" + inputs[1] + ")";

    protected override string CombineOnnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) => onnx.Node("Sub", new[] { inputs[0], inputs[1] });
}
