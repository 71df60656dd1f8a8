using System;
using static TorchSharp.torch;

namespace Dsl.Modules;

/// <summary>
/// Keras 3's <c>RandomContrast</c>: in training, each sample draws one contrast factor c uniformly from
/// [1 − lower, 1 + upper]; each channel becomes (x − mean) · c + mean, with the mean over that channel's height and
/// width, and the result is clipped to the value range [low, high].
/// </summary>
public sealed class RandomContrast : ImageAugmentation
{
    /// <param name="lower">How far below 1 the factor may go, in [0, 1].</param>
    /// <param name="upper">How far above 1 the factor may go, in [0, 1].</param>
    /// <param name="low">The lowest value of the inputs, to which outputs are clipped.</param>
    /// <param name="high">The highest value of the inputs, to which outputs are clipped.</param>
    /// <param name="seed">The seed of the layer's own generator, or null for the global one.</param>
    public RandomContrast(double lower, double upper, double low, double high, long? seed = null)
        : base(nameof(RandomContrast), seed)
    {
        if (!(lower >= 0 && lower <= 1 && upper >= 0 && upper <= 1))
            throw new ArgumentOutOfRangeException(nameof(lower), $"The factor's bounds must be in [0, 1]; they are {lower} and {upper}.");
        if (!(low < high))
            throw new ArgumentOutOfRangeException(nameof(low), $"The value range must have low below high; it is [{low}, {high}].");
        (Lower, Upper, Low, High) = (lower, upper, low, high);
    }

    /// <summary>How far below 1 the factor may go.</summary>
    public double Lower { get; }

    /// <summary>How far above 1 the factor may go.</summary>
    public double Upper { get; }

    /// <summary>The lowest value of the inputs.</summary>
    public double Low { get; }

    /// <summary>The highest value of the inputs.</summary>
    public double High { get; }

    /// <inheritdoc />
    protected override Tensor Augment(Tensor images)
    {
        var factor = Uniform(images.shape[0], 1 - Lower, 1 + Upper, images.device).view(-1, 1, 1, 1);
        var mean = images.mean(new long[] { 2, 3 }, keepdim: true);
        return (images - mean).mul(factor).add(mean).clamp(Low, High);
    }
}
