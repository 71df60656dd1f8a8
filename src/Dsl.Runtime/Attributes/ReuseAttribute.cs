using System;

namespace Dsl;

/// <summary>
/// Applies a layer or block use declared above <b>again</b>, to another input, with the same weights, as Keras calls one
/// layer object twice: <c>[Reuse("encoder", From = "right")]</c> runs the encoder on the second image of a siamese pair.
/// No module is added: the summary and the state dict show the layer once, with both calls.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ReuseAttribute : LayerAttribute
{
    /// <param name="layer">The layer or block use to apply again, by name.</param>
    public ReuseAttribute(string layer) => Layer = layer;

    /// <summary>The layer or block use applied again.</summary>
    public string Layer { get; }

    /// <summary>For a layer with several inputs (a merge, a block with several inputs): the layers it takes them from.</summary>
    public string[]? Inputs { get; set; }
}
