using System;

namespace Dsl;

/// <summary>
/// An input of a model, with its per-sample shape: channels, height and width for images, steps and features for
/// sequences (Keras's order), or a feature count for flat vectors. Required at least once on every model class; a model with several
/// inputs (Keras's functional API: two images for a siamese network, an image and its metadata) declares one per input,
/// each with its own <see cref="Name"/>, in the order the generated <c>forward</c> takes them.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class InputAttribute : Attribute
{
    /// <summary>An image input of <paramref name="channels"/> x <paramref name="height"/> x <paramref name="width"/>.</summary>
    public InputAttribute(int channels, int height, int width) => Shape = new[] { channels, height, width };

    /// <summary>A sequence of <paramref name="steps"/> steps with <paramref name="features"/> values each: (steps, features), Keras's order.</summary>
    public InputAttribute(int steps, int features) => Shape = new[] { steps, features };

    /// <summary>A flat input of <paramref name="features"/> values.</summary>
    public InputAttribute(int features) => Shape = new[] { features };

    /// <summary>The shape as declared, in (C, H, W), (steps, features) or (features) order.</summary>
    public int[] Shape { get; }

    /// <summary>
    /// The input's name: the parameter of <c>forward</c>, how layers refer to it (<c>From = "image"</c>) and its name in
    /// ONNX. Default <c>input</c>; a model with several inputs names each.
    /// </summary>
    public string? Name { get; set; }

    /// <summary>The element type; default <see cref="DType.Float32"/>.</summary>
    public DType DType { get; set; }
}
