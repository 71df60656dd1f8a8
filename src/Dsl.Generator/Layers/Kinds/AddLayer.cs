using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>Keras <c>Add</c>: element-wise sum.</summary>
internal sealed class AddLayer : MergeLayer
{
    public AddLayer()
        : base(LayerKind.Add, typeof(AddAttribute), "Add", "add")
    {
    }

    protected override string Combine(LayerPlan layer, IReadOnlyList<string> inputs) => Chain(inputs, "add");

    protected override string CombineOnnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) => ChainOnnx(onnx, inputs, "Add");
}
