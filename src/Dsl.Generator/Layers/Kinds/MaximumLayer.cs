using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>Keras <c>Maximum</c>: element-wise maximum.</summary>
internal sealed class MaximumLayer : MergeLayer
{
    public MaximumLayer()
        : base(LayerKind.Maximum, typeof(MaximumAttribute), "Maximum", "maximum")
    {
    }

    protected override string Combine(LayerPlan layer, IReadOnlyList<string> inputs) => Chain(inputs, "maximum");

    protected override string CombineOnnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) => onnx.Node("Max", inputs);
}
