using System;

namespace Dsl;

/// <summary>
/// Applies an activation on its own (Keras <c>Activation</c>): <c>[Activation(Activation.ReLU)]</c>. Any input shape;
/// softmax is taken over the channels (images, sequences) or the features, and belongs on the last layer.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ActivationAttribute : LayerAttribute
{
    /// <summary>The options as text, as the layer's YAML entry writes them; in a block, values may read its parameters (<c>$filters</c>).</summary>
    /// <param name="options">Keys and values (<c>"filters: $filters, kernel_size: 3"</c>), or a bare value for the main option.</param>
    public ActivationAttribute(string options)
        : base(options)
    {
    }

    /// <param name="activation">The function to apply; <see cref="Dsl.Activation.None"/> passes the input through (Keras's linear).</param>
    public ActivationAttribute(Activation activation) => Activation = activation;

    /// <summary>The function applied to every value.</summary>
    public Activation Activation { get; }
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="ActivationAttribute"/>.</summary>
    public static LayerKind Activation { get; } = new(nameof(Activation));
}
