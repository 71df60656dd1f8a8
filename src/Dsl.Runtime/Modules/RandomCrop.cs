using System;
using static TorchSharp.torch;

namespace Dsl.Modules;

/// <summary>
/// Keras's <c>RandomCrop</c> to height x width. In training, one window at a random position (its top row drawn from
/// [0, H − height], its left column from [0, W − width]) is cut out of every sample of the batch, as Keras does (as Keras
/// 3.0–3.5, also when the input is the target's size in one direction; Keras 3.6 onwards then takes the window below). In
/// evaluation, Keras's documented inference (its <c>smart_resize</c>, which Keras 3.0–3.5 ran): the largest centred
/// window with the target's aspect ratio, resized to height x width (bilinear, half-pixel centres, no antialiasing);
/// when that window is the target's size it is cut out as it is. The input must be at least height x width.
/// </summary>
public sealed class RandomCrop : ImageAugmentation
{
    /// <param name="height">The output's height, at least 1.</param>
    /// <param name="width">The output's width, at least 1.</param>
    /// <param name="seed">The seed of the layer's own generator, or null for the global one.</param>
    public RandomCrop(long height, long width, long? seed = null) : base(nameof(RandomCrop), seed)
    {
        if (height < 1 || width < 1)
            throw new ArgumentOutOfRangeException(nameof(height), $"A crop's height and width must be at least 1; they are {height} and {width}.");
        (Height, Width) = (height, width);
    }

    /// <summary>The output's height.</summary>
    public long Height { get; }

    /// <summary>The output's width.</summary>
    public long Width { get; }

    /// <summary>
    /// The evaluation window of an input of <paramref name="inputHeight"/> x <paramref name="inputWidth"/>: its top row,
    /// left column, height and width, computed as Keras's <c>smart_resize</c> computes them (with Python's truncations).
    /// </summary>
    public static (long Top, long Left, long Height, long Width) CentreWindow(long inputHeight, long inputWidth, long height, long width)
    {
        long cropHeight = Math.Max(Math.Min(inputHeight, (long)((double)(inputWidth * height) / width)), 1);
        long cropWidth = Math.Max(Math.Min(inputWidth, (long)((double)(inputHeight * width) / height)), 1);
        return ((long)((inputHeight - cropHeight) / 2.0), (long)((inputWidth - cropWidth) / 2.0), cropHeight, cropWidth);
    }

    /// <inheritdoc />
    protected override Tensor Augment(Tensor images)
    {
        var (inputHeight, inputWidth) = CheckSize(images);
        long top = Integer(inputHeight - Height + 1);
        long left = Integer(inputWidth - Width + 1);
        return images.narrow(2, top, Height).narrow(3, left, Width);
    }

    /// <inheritdoc />
    protected override Tensor Evaluate(Tensor images)
    {
        var (inputHeight, inputWidth) = CheckSize(images);
        var window = CentreWindow(inputHeight, inputWidth, Height, Width);
        var cropped = images.narrow(2, window.Top, window.Height).narrow(3, window.Left, window.Width);
        if (window.Height == Height && window.Width == Width)
            return cropped;
        return nn.functional.interpolate(cropped, new[] { Height, Width }, mode: InterpolationMode.Bilinear, align_corners: false);
    }

    private (long Height, long Width) CheckSize(Tensor images)
    {
        long inputHeight = images.shape[2], inputWidth = images.shape[3];
        if (inputHeight < Height || inputWidth < Width)
            throw new ArgumentException($"RandomCrop to {Height}x{Width} needs images at least that large; they are {inputHeight}x{inputWidth}.", nameof(images));
        return (inputHeight, inputWidth);
    }
}
