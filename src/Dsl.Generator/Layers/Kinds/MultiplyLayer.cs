using System.Collections.Generic;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>Keras <c>Multiply</c>: element-wise product.</summary>
internal sealed class MultiplyLayer : MergeLayer
{
    public MultiplyLayer()
        : base(LayerKind.Multiply, typeof(MultiplyAttribute), "Multiply", "multiply")
    {
    }

    protected override string Combine(IReadOnlyList<string> inputs) => Chain(inputs, "mul");
}
