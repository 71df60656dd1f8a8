using System;

namespace Dsl;

/// <summary>
/// What every merge layer has (Keras's <c>Add</c>, <c>Concatenate</c>, ...): the names of the layers whose outputs it
/// joins, at least two, all declared above it (<c>"input"</c> names the model's input), and an optional name.
/// Merges have no parameters.
/// </summary>
public abstract class MergeLayerAttribute : Attribute
{
    /// <param name="inputs">The layers whose outputs are joined, by name.</param>
    protected MergeLayerAttribute(string[] inputs) => Inputs = inputs;

    /// <summary>The layers whose outputs are joined, by name.</summary>
    public string[] Inputs { get; }

    /// <summary>The layer's name; default Keras's automatic name (<c>add_1</c>).</summary>
    public string? Name { get; set; }
}
