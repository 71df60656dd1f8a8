using System;

namespace Dsl;

/// <summary>
/// Zooms images by a random amount, in training only (Keras <c>RandomZoom</c>): each sample is scaled about its centre,
/// its height by 1 + a value drawn from the height factor's range and its width by 1 + one drawn from the width factor's.
/// As in Keras, a positive value zooms out (the image shrinks inside its frame) and a negative one zooms in. A single
/// factor f means [−f, f]; two values are the lower and upper bounds, each in (−1, 1]. Without a width factor, one draw
/// scales both directions, keeping the aspect ratio (<c>[RandomZoom(0.2)]</c>; <c>[RandomZoom(0.5, 0.2)]</c> is Keras's
/// <c>RandomZoom(.5, .2)</c>: height 0.5, width 0.2). Points that come from outside the image are filled as
/// <see cref="FillMode"/> says. In evaluation and in the ONNX export it is the identity. No parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RandomZoomAttribute : LayerAttribute
{
    /// <summary>The options as text, as the layer's YAML entry writes them; in a block, values may read its parameters (<c>$filters</c>).</summary>
    /// <param name="options">Keys and values (<c>"height_factor: [-0.3, -0.1], fill_mode: nearest"</c>), or a bare value for the main option.</param>
    public RandomZoomAttribute(string options)
        : base(options)
    {
        HeightFactor = Array.Empty<double>();
    }

    /// <param name="heightFactor">The zoom as a fraction: f for [−f, f], in (−1, 1]; it scales the width too.</param>
    public RandomZoomAttribute(double heightFactor) => HeightFactor = new[] { heightFactor };

    /// <param name="heightFactor">The vertical zoom: f for [−f, f], in (−1, 1].</param>
    /// <param name="widthFactor">The horizontal zoom, drawn on its own: f for [−f, f], in (−1, 1].</param>
    public RandomZoomAttribute(double heightFactor, double widthFactor)
    {
        HeightFactor = new[] { heightFactor };
        WidthFactor = new[] { widthFactor };
    }

    /// <param name="heightFactor">The vertical zoom: 1 value (symmetric) or 2 (lower, upper), each in (−1, 1]; it scales the width too.</param>
    public RandomZoomAttribute(double[] heightFactor) => HeightFactor = heightFactor;

    /// <param name="heightFactor">The vertical zoom: 1 value (symmetric) or 2 (lower, upper), each in (−1, 1].</param>
    /// <param name="widthFactor">The horizontal zoom, drawn on its own: 1 value or 2, each in (−1, 1].</param>
    public RandomZoomAttribute(double[] heightFactor, double[] widthFactor)
    {
        HeightFactor = heightFactor;
        WidthFactor = widthFactor;
    }

    /// <summary>The vertical zoom as given (positive: zoom out).</summary>
    public double[] HeightFactor { get; }

    /// <summary>The horizontal zoom as given, or null: the height's draw scales both directions.</summary>
    public double[]? WidthFactor { get; }

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
    /// <summary><see cref="RandomZoomAttribute"/>.</summary>
    public static LayerKind RandomZoom { get; } = new(nameof(RandomZoom));
}
