using System;
using System.Linq;
using static TorchSharp.torch;

namespace Dsl.Modules;

/// <summary>
/// Runs a module that works on the last dimension (as Keras's channels-last layers see the channels) on this DSL's
/// channels-first tensors: (N, C, ...) has its channels moved last, goes through the module, and comes back as
/// (N, C, ...). Hooks on it see the layer's own shapes. The wrapped module is its child <c>inner</c>.
/// </summary>
public sealed class ChannelsLast : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> inner;

    /// <summary>Wraps <paramref name="module"/>, which normalises or mixes the last dimension.</summary>
    public ChannelsLast(nn.Module<Tensor, Tensor> module) : base(nameof(ChannelsLast))
    {
        ArgumentNullException.ThrowIfNull(module);
        inner = module;
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        long rank = input.dim();
        if (rank <= 2)
            return inner.call(input);
        // (N, C, d1, ..., dk) → (N, d1, ..., dk, C) and back.
        var last = new long[] { 0 }.Concat(Enumerable.Range(2, (int)rank - 2).Select(d => (long)d)).Append(1L).ToArray();
        var first = new long[] { 0, rank - 1 }.Concat(Enumerable.Range(1, (int)rank - 2).Select(d => (long)d)).ToArray();
        using var moved = input.permute(last);
        using var output = inner.call(moved);
        return output.permute(first);
    }
}
