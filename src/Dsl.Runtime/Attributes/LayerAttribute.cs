using System;

namespace Dsl;

/// <summary>
/// What every layer that takes one input has: an optional name, and where its input comes from. Layers apply in
/// the order they are declared; by default each takes the previous layer's output.
/// </summary>
public abstract class LayerAttribute : Attribute
{
    /// <summary>
    /// The layer's name: its field, its state-dict prefix and how other layers refer to it. Default: Keras's
    /// automatic name, the kind's prefix numbered from 1 (<c>conv2d_1</c>), which can be referred to as well.
    /// </summary>
    public string? Name { get; set; }

    /// <summary>
    /// The name of the layer whose output this layer takes (<c>"input"</c> for the model's input), instead of the
    /// previous layer's. Only layers declared above can be named.
    /// </summary>
    public string? From { get; set; }
}
