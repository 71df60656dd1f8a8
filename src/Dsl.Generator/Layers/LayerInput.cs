using Dsl.Generator.Analysis;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers;

/// <summary>One input of a layer: the value it is (a graph input, a layer, <c>use.output</c>), its shape and element type.</summary>
internal sealed record LayerInput(string Producer, EquatableArray<int> Shape, DType DType = DType.Float32, bool Masked = false)
{
    /// <summary>How messages name the producer: <c>the input</c>, <c>input 'image'</c> or <c>'conv2d_1'</c>.</summary>
    public string Description => Producer == NodeNames.DefaultInput ? "the input" : "'" + Producer + "'";
}
