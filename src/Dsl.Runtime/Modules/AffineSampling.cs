using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Modules;

/// <summary>
/// Keras's <c>ops.image.affine_transform</c> for a batch, on TorchSharp's affine_grid and grid_sample. Each sample's
/// transform maps an output pixel (x, y), in pixels with x the column, to the input point
/// (a0·x + a1·y + a2, b0·x + b1·y + b2) it reads, as Keras's 8-value transforms do (without their projective terms).
/// Keras interpolates the input extended by its fill mode; grid_sample with align_corners false computes the same:
/// reflect is reflection about the pixel edges, nearest the border's value, constant zero padding around the input less
/// the fill value (added back), and wrap, which grid_sample lacks, reads the wrapped point in the input padded
/// circularly by one row and column.
/// </summary>
internal static class AffineSampling
{
    /// <param name="images">Float images (N, C, H, W).</param>
    /// <param name="coefficients">Per-sample a0, a1, a2, b0, b1, b2: six tensors of shape (N).</param>
    /// <param name="fillMode">How points from outside the input are filled.</param>
    /// <param name="interpolation">How values between pixels are read.</param>
    /// <param name="fillValue">The value outside the input with <see cref="FillMode.Constant"/>.</param>
    public static Tensor Apply(Tensor images, Tensor[] coefficients, FillMode fillMode, Interpolation interpolation, double fillValue)
    {
        long n = images.shape[0], channels = images.shape[1], height = images.shape[2], width = images.shape[3];
        var (a0, a1, a2, b0, b1, b2) = (coefficients[0], coefficients[1], coefficients[2], coefficients[3], coefficients[4], coefficients[5]);
        // affine_grid maps normalised output coordinates (xn, yn); output pixel x is (W·xn + W − 1) / 2, so the rows
        // below give input pixel coordinates directly.
        double w2 = width / 2.0, h2 = height / 2.0, wc = (width - 1) / 2.0, hc = (height - 1) / 2.0;
        var rowX = stack(new[] { a0 * w2, a1 * h2, a0 * wc + a1 * hc + a2 }, 1);
        var rowY = stack(new[] { b0 * w2, b1 * h2, b0 * wc + b1 * hc + b2 }, 1);
        var theta = stack(new[] { rowX, rowY }, 1);
        var pixels = nn.functional.affine_grid(theta, new[] { n, channels, height, width }, align_corners: false);
        var x = pixels.select(3, 0);
        var y = pixels.select(3, 1);

        var source = images;
        long sourceHeight = height, sourceWidth = width;
        var padding = fillMode switch
        {
            FillMode.Reflect => GridSamplePaddingMode.Reflection,
            FillMode.Nearest or FillMode.Wrap => GridSamplePaddingMode.Border,
            FillMode.Constant => GridSamplePaddingMode.Zeros,
            _ => throw new ArgumentOutOfRangeException(nameof(fillMode), fillMode, "Not a fill mode."),
        };
        if (fillMode == FillMode.Wrap)
        {
            // Points wrap into [0, W) × [0, H); the extra column and row (the first ones again) let a point between the
            // last pixel and the first interpolate between them, as Keras's wrapped indices do.
            x = x.remainder(width);
            y = y.remainder(height);
            source = nn.functional.pad(images, new long[] { 0, 1, 0, 1 }, PaddingModes.Circular);
            sourceHeight++;
            sourceWidth++;
        }
        else if (fillMode == FillMode.Constant && fillValue != 0)
        {
            source = images - fillValue;
        }
        var gridX = x.mul(2.0 / sourceWidth).add(1.0 / sourceWidth - 1);
        var gridY = y.mul(2.0 / sourceHeight).add(1.0 / sourceHeight - 1);
        var grid = stack(new[] { gridX, gridY }, 3);
        var mode = interpolation == Interpolation.Nearest ? GridSampleMode.Nearest : GridSampleMode.Bilinear;
        var sampled = nn.functional.grid_sample(source, grid, mode, padding, align_corners: false);
        return fillMode == FillMode.Constant && fillValue != 0 ? sampled + fillValue : sampled;
    }
}
