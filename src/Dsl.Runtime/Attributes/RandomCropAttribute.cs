using System;

namespace Dsl;

/// <summary>
/// Crops images to height x width (Keras <c>RandomCrop</c>): (C, H, W) becomes (C, height, width) in training and in
/// evaluation, which is the shape the summary shows. In training, one window at a random position is cut out of the
/// whole batch, as in Keras. In evaluation (and in the ONNX export) the layer does what Keras documents and Keras
/// 3.0–3.5 did: the largest centred window with the target's aspect ratio, resized to height x width (bilinear,
/// half-pixel centres, no antialiasing); a window of the target's size is cut out as it is. height and width must each
/// be at most the input's. No parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RandomCropAttribute : LayerAttribute
{
    /// <summary>The options as text, as the layer's YAML entry writes them; in a block, values may read its parameters (<c>$filters</c>).</summary>
    /// <param name="options">Keys and values (<c>"height: 24, width: 24"</c>).</param>
    public RandomCropAttribute(string options)
        : base(options)
    {
    }

    /// <param name="height">The output's height, at least 1 and at most the input's.</param>
    /// <param name="width">The output's width, at least 1 and at most the input's.</param>
    public RandomCropAttribute(int height, int width)
    {
        Height = height;
        Width = width;
    }

    /// <summary>The output's height.</summary>
    public int Height { get; }

    /// <summary>The output's width.</summary>
    public int Width { get; }

    /// <summary>Seeds the layer's own random generator, at least 0; without it, TorchSharp's global generator (reseeded every epoch by the trainer).</summary>
    public int Seed { get; set; }
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="RandomCropAttribute"/>.</summary>
    public static LayerKind RandomCrop { get; } = new(nameof(RandomCrop));
}
