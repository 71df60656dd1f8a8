namespace Dsl.Modules;

/// <summary>Where a <see cref="Dropout"/> layer's training masks come from. Both draw from TorchSharp's global generator, so
/// <c>torch.manual_seed</c> and a checkpoint's generator state make either repeatable.</summary>
public enum DropoutMaskSource
{
    /// <summary>
    /// The runtime's own counter-based generator (<see cref="CounterDropoutMask"/>): one 64-bit seed from the global
    /// generator per mask, then every element's draw a hash of that seed and its position, written many at a time with
    /// SIMD. The default: libtorch's CPU <c>bernoulli_</c> (as TorchSharp ships it) draws one value at a time from its
    /// Mersenne Twister, on AMD and Intel processors alike, and took a fifth to a quarter of a seed model's training step.
    /// </summary>
    Counter,

    /// <summary>libtorch's own dropout (<c>torch.nn.functional.dropout</c>): the masks PyTorch and TorchSharp draw for the same seed.</summary>
    Libtorch,
}
