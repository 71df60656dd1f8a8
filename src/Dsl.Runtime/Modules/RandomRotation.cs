using System;
using static TorchSharp.torch;

namespace Dsl.Modules;

/// <summary>
/// Keras's <c>RandomRotation</c>: in training, each sample is rotated about its centre ((W − 1) / 2, (H − 1) / 2) by an
/// angle drawn uniformly from [lower, upper] · 360°, counter-clockwise for a positive angle, with Keras's rotation matrix
/// (<c>_compute_affine_matrix</c>) and its fill modes (<see cref="AffineSampling"/>).
/// </summary>
public sealed class RandomRotation : ImageAugmentation
{
    /// <param name="lower">The lowest angle, as a fraction of a full turn.</param>
    /// <param name="upper">The highest angle, as a fraction of a full turn.</param>
    /// <param name="fillMode">How points from outside the image are filled.</param>
    /// <param name="interpolation">How values between pixels are read.</param>
    /// <param name="fillValue">The value outside the image with <see cref="FillMode.Constant"/>.</param>
    /// <param name="seed">The seed of the layer's own generator, or null for the global one.</param>
    public RandomRotation(double lower, double upper, FillMode fillMode, Interpolation interpolation, double fillValue, long? seed = null)
        : base(nameof(RandomRotation), seed)
    {
        if (!(lower >= -1 && lower <= upper && upper <= 1))
            throw new ArgumentOutOfRangeException(nameof(lower), $"The factor's bounds must satisfy -1 <= lower <= upper <= 1; they are {lower} and {upper}.");
        (Lower, Upper, FillMode, Interpolation, FillValue) = (lower, upper, fillMode, interpolation, fillValue);
    }

    /// <summary>The lowest angle, as a fraction of a full turn.</summary>
    public double Lower { get; }

    /// <summary>The highest angle, as a fraction of a full turn.</summary>
    public double Upper { get; }

    /// <summary>How points from outside the image are filled.</summary>
    public FillMode FillMode { get; }

    /// <summary>How values between pixels are read.</summary>
    public Interpolation Interpolation { get; }

    /// <summary>The value outside the image with <see cref="FillMode.Constant"/>.</summary>
    public double FillValue { get; }

    /// <inheritdoc />
    protected override Tensor Augment(Tensor images)
    {
        var angle = Uniform(images.shape[0], Lower * 360, Upper * 360, images.device).mul(Math.PI / 180);
        var cos = angle.cos();
        var sin = angle.sin();
        double cx = 0.5 * (images.shape[3] - 1), cy = 0.5 * (images.shape[2] - 1);
        var coefficients = new[] { cos, -sin, cx - cx * cos + cy * sin, sin, cos, cy - cx * sin - cy * cos };
        return AffineSampling.Apply(images, coefficients, FillMode, Interpolation, FillValue);
    }
}
