using static TorchSharp.torch;

namespace Dsl.Modules;

/// <summary>
/// Keras's <c>RandomFlip</c>: in training, each sample is flipped with probability ½ (a uniform draw ≤ ½, as Keras
/// draws it), left-right, top-bottom, or both when the mode is <see cref="FlipMode.HorizontalAndVertical"/>, where one
/// draw decides both flips as in Keras (a flipped sample is turned half way round). Otherwise the sample is unchanged.
/// </summary>
public sealed class RandomFlip : ImageAugmentation
{
    /// <param name="mode">Which flips a flipped sample gets.</param>
    /// <param name="seed">The seed of the layer's own generator, or null for the global one.</param>
    public RandomFlip(FlipMode mode, long? seed = null) : base(nameof(RandomFlip), seed) => Mode = mode;

    /// <summary>Which flips a flipped sample gets.</summary>
    public FlipMode Mode { get; }

    /// <inheritdoc />
    protected override Tensor Augment(Tensor images)
    {
        long[] dims = Mode switch
        {
            FlipMode.Horizontal => new[] { 3L },
            FlipMode.Vertical => new[] { 2L },
            _ => new[] { 2L, 3L },
        };
        var flips = Uniform(images.shape[0], 0, 1, images.device).le(0.5).view(-1, 1, 1, 1);
        return where(flips, images.flip(dims), images);
    }
}
