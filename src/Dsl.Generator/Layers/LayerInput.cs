using Dsl.Generator.Analysis;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers;

/// <summary>One input of a layer: the layer that produces it (<c>input</c> for the model's input) and its shape.</summary>
internal sealed record LayerInput(string Producer, EquatableArray<int> Shape)
{
    /// <summary>How messages name the producer: <c>the input</c> or <c>'conv2d_1'</c>.</summary>
    public string Description => Producer == LayerNames.ModelInput ? "the input" : "'" + Producer + "'";
}
