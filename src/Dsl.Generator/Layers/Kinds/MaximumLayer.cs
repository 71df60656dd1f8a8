using System.Collections.Generic;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>Keras <c>Maximum</c>: element-wise maximum.</summary>
internal sealed class MaximumLayer : MergeLayer
{
    public MaximumLayer()
        : base(LayerKind.Maximum, typeof(MaximumAttribute), "Maximum", "maximum")
    {
    }

    protected override string Combine(IReadOnlyList<string> inputs) => Chain(inputs, "maximum");
}
