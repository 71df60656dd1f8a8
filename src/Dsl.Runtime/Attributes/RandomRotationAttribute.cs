using System;

namespace Dsl;

/// <summary>
/// Rotates images by a random angle, in training only (Keras <c>RandomRotation</c>): each sample turns about its centre
/// by an angle drawn uniformly from [lower, upper] · 360°, counter-clockwise for a positive angle. A single factor f
/// means [−f, f]; two values are the lower and upper bounds (in any order), each in [−1, 1]
/// (<c>[RandomRotation(0.1)]</c>, <c>[RandomRotation(-0.05, 0.2)]</c>). Points that come from outside the image are
/// filled as <see cref="FillMode"/> says. In evaluation and in the ONNX export it is the identity. No parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RandomRotationAttribute : LayerAttribute
{
    /// <summary>The options as text, as the layer's YAML entry writes them; in a block, values may read its parameters (<c>$filters</c>).</summary>
    /// <param name="options">Keys and values (<c>"factor: [-0.1, 0.2], fill_mode: constant"</c>), or a bare value for the main option.</param>
    public RandomRotationAttribute(string options)
        : base(options)
    {
        Factor = Array.Empty<double>();
    }

    /// <param name="factor">A fraction of a full turn, f for [−f, f], or the lower and upper bounds; each in [−1, 1].</param>
    public RandomRotationAttribute(params double[] factor) => Factor = factor;

    /// <summary>The factor as given: 1 value (symmetric) or 2 (lower, upper), as fractions of 2π.</summary>
    public double[] Factor { get; }

    /// <summary>How points from outside the image are filled; default <see cref="FillMode.Reflect"/>, as Keras's.</summary>
    public FillMode FillMode { get; set; }

    /// <summary>How values between pixels are read; default <see cref="Interpolation.Bilinear"/>, as Keras's.</summary>
    public Interpolation Interpolation { get; set; } = Interpolation.Bilinear;

    /// <summary>Seeds the layer's own random generator, at least 0; without it, TorchSharp's global generator (reseeded every epoch by the trainer).</summary>
    public int Seed { get; set; }

    /// <summary>The value of points from outside the image with <see cref="FillMode.Constant"/>; default 0.</summary>
    public double FillValue { get; set; }
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="RandomRotationAttribute"/>.</summary>
    public static LayerKind RandomRotation { get; } = new(nameof(RandomRotation));
}
