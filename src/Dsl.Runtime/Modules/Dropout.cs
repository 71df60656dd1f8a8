using System;
using static TorchSharp.torch;

namespace Dsl.Modules;

/// <summary>
/// Keras's <c>Dropout</c> without a noise shape: in training, each value is kept with probability 1 − rate and scaled
/// by 1 / (1 − rate), the others set to 0; in evaluation, the identity. The masks come from <see cref="MaskSource"/>
/// (the runtime's counter-based generator by default, libtorch's on request); both follow the input's memory layout, so
/// channels-last activations stay channels-last. No parameters.
/// </summary>
public sealed class Dropout : nn.Module<Tensor, Tensor>
{
    /// <param name="rate">The fraction dropped in training, in [0, 1).</param>
    public Dropout(double rate) : base(nameof(Dropout))
    {
        if (!(rate >= 0 && rate < 1))
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The dropout rate must be at least 0 and below 1.");
        Rate = rate;
    }

    /// <summary>The fraction dropped in training.</summary>
    public double Rate { get; }

    /// <summary>Where the training masks come from; <see cref="DropoutMaskSource.Counter"/> unless a trainer or test sets it.</summary>
    public DropoutMaskSource MaskSource { get; set; } = DropoutMaskSource.Counter;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!training || Rate == 0)
            return input.alias();
        if (MaskSource == DropoutMaskSource.Libtorch || !CounterDropoutMask.Supports(input))
            return nn.functional.dropout(input, Rate, training: true);
        using var mask = CounterDropoutMask.Draw(input, Rate);
        return input.mul(mask);
    }
}
