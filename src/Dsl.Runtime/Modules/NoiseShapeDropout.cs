using System;
using System.Linq;
using static TorchSharp.torch;

namespace Dsl.Modules;

/// <summary>
/// Keras's <c>Dropout</c> with a <c>noise_shape</c>: in training, one Bernoulli mask of shape (N, noise shape…) keeps
/// each entry with probability 1 − rate and is broadcast over the input, whose kept values are scaled by 1 / (1 − rate)
/// and the others set to 0, as Keras's torch backend computes it. In evaluation, the identity. The noise shape has
/// the input's rank without the batch, each entry the input's size or 1 (a size-1 entry shares one draw along that
/// dimension). No parameters.
/// </summary>
public sealed class NoiseShapeDropout : nn.Module<Tensor, Tensor>
{
    private readonly long[] _noiseShape;

    /// <param name="rate">The fraction dropped in training, in [0, 1).</param>
    /// <param name="noiseShape">The mask's shape per sample, channels first.</param>
    public NoiseShapeDropout(double rate, long[] noiseShape) : base(nameof(NoiseShapeDropout))
    {
        ArgumentNullException.ThrowIfNull(noiseShape);
        if (!(rate >= 0 && rate < 1))
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The dropout rate must be at least 0 and below 1.");
        if (noiseShape.Any(d => d < 1))
            throw new ArgumentOutOfRangeException(nameof(noiseShape), "Every entry of a noise shape must be at least 1.");
        Rate = rate;
        _noiseShape = (long[])noiseShape.Clone();
    }

    /// <summary>The fraction dropped in training.</summary>
    public double Rate { get; }

    /// <summary>The mask's shape per sample (without the batch), channels first.</summary>
    public ReadOnlySpan<long> NoiseShape => _noiseShape;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!training || Rate == 0)
            return input.alias();
        if (input.dim() != _noiseShape.Length + 1)
            throw new ArgumentException($"The input has {input.dim()} dimensions; a noise shape of {_noiseShape.Length} entries needs {_noiseShape.Length + 1} (with the batch).", nameof(input));
        double keep = 1 - Rate;
        var shape = new[] { input.shape[0] }.Concat(_noiseShape).ToArray();
        using var probabilities = full(shape, keep, dtype: input.dtype, device: input.device);
        using var draws = bernoulli(probabilities);
        using var mask = draws.to_type(ScalarType.Bool);
        using var scaled = input.div(keep);
        using var zero = zeros_like(input);
        return where(mask, scaled, zero);
    }
}
