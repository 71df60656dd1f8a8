using System;
using System.Linq;
using static TorchSharp.torch;

namespace Dsl.Modules;

/// <summary>
/// Keras's <c>TimeDistributed</c>: the wrapped layer applied to every step of an (N, steps, …) batch at once, as one batch
/// of N·steps samples, and the result given back its step axis (N, steps, …). The wrapped layer's module (when it keeps
/// one) is its child under the layer's name (<c>time_distributed_1.dense.weight</c>); the generated code passes what the
/// layer computes as a function.
/// </summary>
public sealed class TimeDistributed : nn.Module<Tensor, Tensor>
{
    private readonly Func<nn.Module?, Tensor, Tensor> _layer;

    /// <param name="name">The wrapped layer's name.</param>
    /// <param name="inner">The wrapped layer's module, or null for a layer computed by a function.</param>
    /// <param name="layer">What the wrapped layer computes on a batch of steps, given its module.</param>
    public TimeDistributed(string name, nn.Module? inner, Func<nn.Module?, Tensor, Tensor> layer) : base(nameof(TimeDistributed))
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(layer);
        _inner = new Holder(inner);
        _layer = layer;
        if (inner is not null)
            register_module(name, inner);
    }

    // Not a module-typed field, so that TorchSharp's reflection registers the module only under the layer's name.
    private readonly Holder _inner;

    /// <summary>The wrapped layer's module, or null.</summary>
    public nn.Module? Inner => _inner.Module;

    /// <summary>The wrapped module, typed as the generated code knows it.</summary>
    public T InnerAs<T>() where T : nn.Module => (T)(Inner ?? throw new InvalidOperationException("TimeDistributed wraps no module"));

    /// <summary>The wrapped layer on every step.</summary>
    public override Tensor forward(Tensor input) => Apply(input, steps => _layer(Inner, steps));

    /// <summary><paramref name="layer"/> on every step: (N, steps, …) → (N·steps, …) → layer → (N, steps, …).</summary>
    public static Tensor Apply(Tensor input, Func<Tensor, Tensor> layer)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(layer);
        if (input.dim() < 3)
            throw new ArgumentException($"TimeDistributed expects (N, steps, …) values, but got ({string.Join(", ", input.shape)}).", nameof(input));
        long n = input.shape[0], steps = input.shape[1];
        using var scope = NewDisposeScope();
        var flat = input.reshape(new[] { n * steps }.Concat(input.shape.Skip(2)).ToArray());
        var output = layer(flat);
        return output.reshape(new[] { n, steps }.Concat(output.shape.Skip(1)).ToArray()).MoveToOuterDisposeScope();
    }

    private sealed record Holder(nn.Module? Module);
}
