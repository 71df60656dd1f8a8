using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>Keras <c>Minimum</c>: element-wise minimum.</summary>
internal sealed class MinimumLayer : MergeLayer
{
    public MinimumLayer()
        : base(LayerKind.Minimum, typeof(MinimumAttribute), "Minimum", "minimum")
    {
    }

    protected override string Combine(LayerPlan layer, IReadOnlyList<string> inputs) => Chain(inputs, "minimum");

    protected override string CombineOnnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) => onnx.Node("Min", inputs);
}
