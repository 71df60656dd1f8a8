using System;
using static TorchSharp.torch;

namespace Dsl.Modules;

/// <summary>
/// Keras's <c>RandomZoom</c>: in training, each sample is scaled about its centre, each output pixel reading the input
/// at (cx + zx·(x − cx), cy + zy·(y − cy)) with zy = 1 + a draw from [heightLower, heightUpper] and zx = 1 + a draw from
/// [widthLower, widthUpper], or zx = zy when there is no width range; so a positive factor (z above 1) zooms out and a
/// negative one zooms in, as in Keras. Keras's fill modes (<see cref="AffineSampling"/>).
/// </summary>
public sealed class RandomZoom : ImageAugmentation
{
    /// <param name="heightLower">The lowest vertical zoom (positive: out).</param>
    /// <param name="heightUpper">The highest vertical zoom.</param>
    /// <param name="widthLower">The lowest horizontal zoom, or null: the vertical draw scales both directions.</param>
    /// <param name="widthUpper">The highest horizontal zoom, or null with <paramref name="widthLower"/>.</param>
    /// <param name="fillMode">How points from outside the image are filled.</param>
    /// <param name="interpolation">How values between pixels are read.</param>
    /// <param name="fillValue">The value outside the image with <see cref="FillMode.Constant"/>.</param>
    /// <param name="seed">The seed of the layer's own generator, or null for the global one.</param>
    public RandomZoom(double heightLower, double heightUpper, double? widthLower, double? widthUpper, FillMode fillMode, Interpolation interpolation, double fillValue, long? seed = null)
        : base(nameof(RandomZoom), seed)
    {
        Check(heightLower, heightUpper, nameof(heightLower));
        if (widthLower.HasValue != widthUpper.HasValue)
            throw new ArgumentException("Give both bounds of the width's zoom, or neither.", nameof(widthLower));
        if (widthLower is { } lower && widthUpper is { } upper)
            Check(lower, upper, nameof(widthLower));
        (HeightLower, HeightUpper, WidthLower, WidthUpper) = (heightLower, heightUpper, widthLower, widthUpper);
        (FillMode, Interpolation, FillValue) = (fillMode, interpolation, fillValue);
    }

    /// <summary>The lowest vertical zoom.</summary>
    public double HeightLower { get; }

    /// <summary>The highest vertical zoom.</summary>
    public double HeightUpper { get; }

    /// <summary>The lowest horizontal zoom, or null when the vertical draw scales both directions.</summary>
    public double? WidthLower { get; }

    /// <summary>The highest horizontal zoom, or null when the vertical draw scales both directions.</summary>
    public double? WidthUpper { get; }

    /// <summary>How points from outside the image are filled.</summary>
    public FillMode FillMode { get; }

    /// <summary>How values between pixels are read.</summary>
    public Interpolation Interpolation { get; }

    /// <summary>The value outside the image with <see cref="FillMode.Constant"/>.</summary>
    public double FillValue { get; }

    /// <inheritdoc />
    protected override Tensor Augment(Tensor images)
    {
        long n = images.shape[0];
        var zy = Uniform(n, 1 + HeightLower, 1 + HeightUpper, images.device);
        var zx = WidthLower is { } lower && WidthUpper is { } upper ? Uniform(n, 1 + lower, 1 + upper, images.device) : zy;
        double cx = (images.shape[3] - 1) / 2.0, cy = (images.shape[2] - 1) / 2.0;
        var zero = zeros_like(zy);
        var coefficients = new[] { zx, zero, (1 - zx) * cx, zero, zy, (1 - zy) * cy };
        return AffineSampling.Apply(images, coefficients, FillMode, Interpolation, FillValue);
    }

    private static void Check(double lower, double upper, string name)
    {
        if (!(lower > -1 && lower <= upper && upper <= 1))
            throw new ArgumentOutOfRangeException(name, $"A zoom's bounds must satisfy -1 < lower <= upper <= 1; they are {lower} and {upper}.");
    }
}
