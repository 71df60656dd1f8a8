using System;

namespace Dsl;

/// <summary>
/// Shifts images by a random offset, in training only (Keras <c>RandomTranslation</c>): each sample moves down by a
/// fraction of its height drawn from the height factor's range and right by a fraction of its width drawn from the width
/// factor's (negative: up, left). A single factor f means [−f, f]; two values are the lower and upper bounds, each in
/// [−1, 1] (<c>[RandomTranslation(0.1, 0.2)]</c>, <c>[RandomTranslation(new[] { -0.1, 0.0 }, new[] { 0.2 })]</c>).
/// Points that come from outside the image are filled as <see cref="FillMode"/> says. In evaluation and in the ONNX
/// export it is the identity. No parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RandomTranslationAttribute : LayerAttribute
{
    /// <summary>The options as text, as the layer's YAML entry writes them; in a block, values may read its parameters (<c>$filters</c>).</summary>
    /// <param name="options">Keys and values (<c>"height_factor: 0.1, width_factor: [-0.2, 0.1]"</c>).</param>
    public RandomTranslationAttribute(string options)
        : base(options)
    {
        HeightFactor = Array.Empty<double>();
        WidthFactor = Array.Empty<double>();
    }

    /// <param name="heightFactor">The vertical shift as a fraction of the height: f for [−f, f], in [−1, 1].</param>
    /// <param name="widthFactor">The horizontal shift as a fraction of the width: f for [−f, f], in [−1, 1].</param>
    public RandomTranslationAttribute(double heightFactor, double widthFactor)
    {
        HeightFactor = new[] { heightFactor };
        WidthFactor = new[] { widthFactor };
    }

    /// <param name="heightFactor">The vertical shift: 1 value (symmetric) or 2 (lower, upper), each in [−1, 1].</param>
    /// <param name="widthFactor">The horizontal shift: 1 value (symmetric) or 2 (lower, upper), each in [−1, 1].</param>
    public RandomTranslationAttribute(double[] heightFactor, double[] widthFactor)
    {
        HeightFactor = heightFactor;
        WidthFactor = widthFactor;
    }

    /// <summary>The vertical shift as given, as fractions of the height (positive: down).</summary>
    public double[] HeightFactor { get; }

    /// <summary>The horizontal shift as given, as fractions of the width (positive: right).</summary>
    public double[] WidthFactor { get; }

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
    /// <summary><see cref="RandomTranslationAttribute"/>.</summary>
    public static LayerKind RandomTranslation { get; } = new(nameof(RandomTranslation));
}
