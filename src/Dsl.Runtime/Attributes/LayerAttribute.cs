using System;

namespace Dsl;

/// <summary>
/// What every layer that takes one input has: an optional name, and where its input comes from. Layers apply in
/// the order they are declared; by default each takes the previous layer's output.
/// </summary>
public abstract class LayerAttribute : Attribute
{
    /// <summary>For kinds set through their typed constructors and properties.</summary>
    protected LayerAttribute()
    {
    }

    /// <summary>For a kind's text form: its options as YAML writes them, so that a block's parameters can set them.</summary>
    /// <param name="options">
    /// <c>"filters: $filters * 4, kernel_size: 1"</c>, or a bare value for the kind's main option (<c>"$units"</c>).
    /// </param>
    protected LayerAttribute(string options) => Options = options;

    /// <summary>
    /// The options given as text (the kind's constructor taking a string), read like the layer's YAML entry: keys are
    /// the options' snake_case names, and in a block a value may be an expression over its parameters
    /// (<c>$filters * 4</c>). Options given here and as properties must not overlap.
    /// </summary>
    public string? Options { get; }

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
