using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>Keras <c>Multiply</c>: element-wise product.</summary>
internal sealed class MultiplyLayer : MergeLayer
{
    public MultiplyLayer()
        : base(LayerKind.Multiply, typeof(MultiplyAttribute), "Multiply", "multiply")
    {
    }

    protected override string Combine(LayerPlan layer, IReadOnlyList<string> inputs) => Chain(inputs, "mul");

    protected override string CombineOnnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) => ChainOnnx(onnx, inputs, "Mul");
}
