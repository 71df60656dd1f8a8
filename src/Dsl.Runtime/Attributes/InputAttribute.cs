using System;

namespace Dsl;

/// <summary>
/// The per-sample input shape of a model: channels, height and width for images, channels and length for
/// sequences, or a feature count for flat vectors. Required once on every model class.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class InputAttribute : Attribute
{
    /// <summary>An image input of <paramref name="channels"/> x <paramref name="height"/> x <paramref name="width"/>.</summary>
    public InputAttribute(int channels, int height, int width) => Shape = new[] { channels, height, width };

    /// <summary>A sequence of <paramref name="length"/> steps with <paramref name="channels"/> values each (Keras's (steps, channels), channels first here).</summary>
    public InputAttribute(int channels, int length) => Shape = new[] { channels, length };

    /// <summary>A flat input of <paramref name="features"/> values.</summary>
    public InputAttribute(int features) => Shape = new[] { features };

    /// <summary>The shape as declared, in C,H,W (or C,L) order.</summary>
    public int[] Shape { get; }
}
