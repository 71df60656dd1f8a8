using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Modules;

/// <summary>
/// Keras's <c>Dense</c> on an image: the same (units, channels) weights mix the channels of every pixel, as Keras
/// applies Dense to the last axis of its channels-last images. On this DSL's (N, C, H, W) tensors the channels move
/// last, go through the linear map and come back: (N, units, H, W). Its parameters are <c>weight</c> and <c>bias</c>,
/// as TorchSharp's <c>Linear</c> names them, so a Dense layer's state-dict keys do not depend on its input's rank.
/// </summary>
public sealed class ChannelDense : nn.Module<Tensor, Tensor>
{
    /// <summary>The (units, channels) weight (state-dict key <c>weight</c>).</summary>
    public TorchSharp.Modules.Parameter weight;

    /// <summary>The (units) bias, or null without one.</summary>
    public TorchSharp.Modules.Parameter? bias;

    /// <summary>A map from <paramref name="inFeatures"/> channels to <paramref name="outFeatures"/>.</summary>
    public ChannelDense(long inFeatures, long outFeatures, bool hasBias = true) : base(nameof(ChannelDense))
    {
        weight = nn.Parameter(empty(outFeatures, inFeatures));
        bias = hasBias ? nn.Parameter(zeros(outFeatures)) : null;
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var last = input.movedim(new long[] { 1 }, new long[] { -1 });
        using var mixed = nn.functional.linear(last, weight, bias);
        return mixed.movedim(new long[] { -1 }, new long[] { 1 });
    }
}
