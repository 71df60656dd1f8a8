using System;

namespace Dsl;

/// <summary>
/// Flips images at random, in training only (Keras <c>RandomFlip</c>): each sample is, with probability ½, mirrored
/// left-right (<see cref="FlipMode.Horizontal"/>), top-bottom (<see cref="FlipMode.Vertical"/>) or both at once
/// (<see cref="FlipMode.HorizontalAndVertical"/>, the default: one draw per sample decides both flips, as in Keras).
/// In evaluation and in the ONNX export it is the identity. No parameters; the output has the input's shape.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RandomFlipAttribute : LayerAttribute
{
    /// <summary>The options as text, as the layer's YAML entry writes them; in a block, values may read its parameters (<c>$filters</c>).</summary>
    /// <param name="options">Keys and values (<c>"mode: horizontal, seed: 7"</c>), or a bare value for the main option.</param>
    public RandomFlipAttribute(string options)
        : base(options)
    {
    }

    /// <summary>Flips horizontally and vertically (Keras's default).</summary>
    public RandomFlipAttribute()
    {
    }

    /// <param name="mode">Which flips a flipped sample gets.</param>
    public RandomFlipAttribute(FlipMode mode) => Mode = mode;

    /// <summary>Which flips a flipped sample gets; default <see cref="FlipMode.HorizontalAndVertical"/>.</summary>
    public FlipMode Mode { get; }

    /// <summary>
    /// Seeds the layer's own random generator (Keras's <c>seed</c>), at least 0. Without it, the layer draws from
    /// TorchSharp's global generator, which the trainer reseeds every epoch from its own seed.
    /// </summary>
    public int Seed { get; set; }
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="RandomFlipAttribute"/>.</summary>
    public static LayerKind RandomFlip { get; } = new(nameof(RandomFlip));
}
