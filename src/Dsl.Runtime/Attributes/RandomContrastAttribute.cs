using System;

namespace Dsl;

/// <summary>
/// Changes images' contrast by a random factor, in training only (Keras 3 <c>RandomContrast</c>): each sample draws one
/// contrast factor c from [1 − lower, 1 + upper], each of its channels becomes (x − mean) · c + mean (mean over the
/// channel's height and width), and the result is clipped to <see cref="ValueRange"/>. As in Keras 3's code, a single
/// factor f means lower 0 and upper f, so contrast only rises, in [1, 1 + f]; give <c>(f, f)</c> for [1 − f, 1 + f].
/// Each value in [0, 1]. In evaluation and in the ONNX export it is the identity (no clipping). No parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RandomContrastAttribute : LayerAttribute
{
    /// <summary>The options as text, as the layer's YAML entry writes them; in a block, values may read its parameters (<c>$filters</c>).</summary>
    /// <param name="options">Keys and values (<c>"factor: [0.2, 0.2], value_range: [0, 1]"</c>), or a bare value for the main option.</param>
    public RandomContrastAttribute(string options)
        : base(options)
    {
        Factor = Array.Empty<double>();
    }

    /// <param name="factor">f for contrast factors in [1, 1 + f], or lower and upper for [1 − lower, 1 + upper]; each in [0, 1].</param>
    public RandomContrastAttribute(params double[] factor) => Factor = factor;

    /// <summary>The factor as given: 1 value or 2 (lower, upper).</summary>
    public double[] Factor { get; }

    /// <summary>The range of the input's values, [low, high], to which the output is clipped in training; default [0, 255], as Keras's.</summary>
    public double[] ValueRange { get; set; } = { 0, 255 };

    /// <summary>Seeds the layer's own random generator, at least 0; without it, TorchSharp's global generator (reseeded every epoch by the trainer).</summary>
    public int Seed { get; set; }
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="RandomContrastAttribute"/>.</summary>
    public static LayerKind RandomContrast { get; } = new(nameof(RandomContrast));
}
