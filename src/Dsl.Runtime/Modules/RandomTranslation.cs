using System;
using static TorchSharp.torch;

namespace Dsl.Modules;

/// <summary>
/// Keras's <c>RandomTranslation</c>: in training, each sample is shifted down by a fraction of its height drawn from
/// [heightLower, heightUpper] and right by a fraction of its width drawn from [widthLower, widthUpper] (each output pixel
/// reads the input at (x − dx, y − dy)), with Keras's fill modes (<see cref="AffineSampling"/>).
/// </summary>
public sealed class RandomTranslation : ImageAugmentation
{
    /// <param name="heightLower">The lowest vertical shift, as a fraction of the height (negative: up).</param>
    /// <param name="heightUpper">The highest vertical shift.</param>
    /// <param name="widthLower">The lowest horizontal shift, as a fraction of the width (negative: left).</param>
    /// <param name="widthUpper">The highest horizontal shift.</param>
    /// <param name="fillMode">How points from outside the image are filled.</param>
    /// <param name="interpolation">How values between pixels are read.</param>
    /// <param name="fillValue">The value outside the image with <see cref="FillMode.Constant"/>.</param>
    /// <param name="seed">The seed of the layer's own generator, or null for the global one.</param>
    public RandomTranslation(double heightLower, double heightUpper, double widthLower, double widthUpper, FillMode fillMode, Interpolation interpolation, double fillValue, long? seed = null)
        : base(nameof(RandomTranslation), seed)
    {
        Check(heightLower, heightUpper, nameof(heightLower));
        Check(widthLower, widthUpper, nameof(widthLower));
        (HeightLower, HeightUpper, WidthLower, WidthUpper) = (heightLower, heightUpper, widthLower, widthUpper);
        (FillMode, Interpolation, FillValue) = (fillMode, interpolation, fillValue);
    }

    /// <summary>The lowest vertical shift, as a fraction of the height.</summary>
    public double HeightLower { get; }

    /// <summary>The highest vertical shift, as a fraction of the height.</summary>
    public double HeightUpper { get; }

    /// <summary>The lowest horizontal shift, as a fraction of the width.</summary>
    public double WidthLower { get; }

    /// <summary>The highest horizontal shift, as a fraction of the width.</summary>
    public double WidthUpper { get; }

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
        var dy = Uniform(n, HeightLower, HeightUpper, images.device).mul(images.shape[2]);
        var dx = Uniform(n, WidthLower, WidthUpper, images.device).mul(images.shape[3]);
        var one = ones_like(dx);
        var zero = zeros_like(dx);
        return AffineSampling.Apply(images, new[] { one, zero, -dx, zero, one, -dy }, FillMode, Interpolation, FillValue);
    }

    private static void Check(double lower, double upper, string name)
    {
        if (!(lower >= -1 && lower <= upper && upper <= 1))
            throw new ArgumentOutOfRangeException(name, $"A factor's bounds must satisfy -1 <= lower <= upper <= 1; they are {lower} and {upper}.");
    }
}
