using System.Collections.Generic;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>Keras <c>Minimum</c>: element-wise minimum.</summary>
internal sealed class MinimumLayer : MergeLayer
{
    public MinimumLayer()
        : base(LayerKind.Minimum, typeof(MinimumAttribute), "Minimum", "minimum")
    {
    }

    protected override string Combine(IReadOnlyList<string> inputs) => Chain(inputs, "minimum");
}
