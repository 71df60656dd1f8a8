using System;
using static TorchSharp.torch;

namespace Dsl.Modules;

/// <summary>
/// Keras's <c>Bidirectional</c>: a forward and a backward recurrent layer (the backward one goes backwards) on the same
/// input, their outputs joined by <see cref="MergeMode"/>; with <c>return_sequences</c> the backward outputs are flipped
/// back into the input's order first. The layers are its children under Keras's names (<c>forward_lstm</c>,
/// <c>backward_lstm</c>), and both output zeros at masked steps when they return sequences, as Keras sets them up.
/// </summary>
public sealed class Bidirectional : nn.Module<Tensor, Tensor>
{
    /// <param name="forwardName">The forward layer's name (its state-dict prefix).</param>
    /// <param name="forwardLayer">The forward layer.</param>
    /// <param name="backwardName">The backward layer's name.</param>
    /// <param name="backwardLayer">The backward layer, which goes backwards.</param>
    /// <param name="mergeMode">How the two outputs are joined.</param>
    public Bidirectional(string forwardName, Recurrent forwardLayer, string backwardName, Recurrent backwardLayer, MergeMode mergeMode) : base(nameof(Bidirectional))
    {
        ArgumentNullException.ThrowIfNull(forwardLayer);
        ArgumentNullException.ThrowIfNull(backwardLayer);
        _layers = new Layers(forwardLayer, backwardLayer);
        MergeMode = mergeMode;
        forwardLayer.ZeroOutputForMask = forwardLayer.Settings.ReturnSequences;
        backwardLayer.ZeroOutputForMask = backwardLayer.Settings.ReturnSequences;
        register_module(forwardName, forwardLayer);
        register_module(backwardName, backwardLayer);
    }

    // Not module-typed fields, so that TorchSharp's reflection registers the layers only under their Keras names.
    private readonly Layers _layers;

    /// <summary>The forward layer.</summary>
    public Recurrent Forward => _layers.Forward;

    /// <summary>The backward layer.</summary>
    public Recurrent Backward => _layers.Backward;

    /// <summary>How the outputs are joined.</summary>
    public MergeMode MergeMode { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        if (!_capturing)
            return forward(input, _mask);
        var (y, reversed) = ForwardBoth(input, _mask);
        _reversed = reversed;
        return y;
    }

    /// <summary>
    /// Keras's <c>merge_mode=None</c>: the forward and the (flipped back) backward outputs, through <c>call</c> so that the
    /// module's hooks see the call (and the forward output).
    /// </summary>
    /// <param name="input">(N, steps, features).</param>
    /// <param name="mask">Keras's mask, (N, steps), or null.</param>
    public Tensor[] CallWithOutputs(Tensor input, Tensor? mask = null)
    {
        _capturing = true;
        _mask = mask;
        try
        {
            var y = call(input);
            return new[] { y, _reversed! };
        }
        finally
        {
            _capturing = false;
            _reversed = null;
            _mask = null;
        }
    }

    /// <summary><see cref="forward(Tensor, Tensor?)"/> through <c>call</c>, so that the module's hooks see the call: what generated models run.</summary>
    public Tensor CallMasked(Tensor input, Tensor? mask)
    {
        _mask = mask;
        try
        {
            return call(input);
        }
        finally
        {
            _mask = null;
        }
    }

    // Set only for the length of CallWithOutputs or CallMasked: what their call hands to forward, and what it hands back.
    private bool _capturing;
    private Tensor? _reversed;
    private Tensor? _mask;

    /// <summary>The two layers' outputs with Keras's mask, the backward one flipped back into the input's order when they are sequences.</summary>
    public (Tensor Forward, Tensor Backward) ForwardBoth(Tensor input, Tensor? mask = null)
    {
        using var scope = NewDisposeScope();
        var y = Forward.forward(input, mask);
        var reversed = Backward.forward(input, mask);
        if (Backward.Settings.ReturnSequences)
            reversed = reversed.flip(1);
        return (y.MoveToOuterDisposeScope(), reversed.MoveToOuterDisposeScope());
    }

    /// <summary>Both layers with Keras's mask ((N, steps), true where a step is real), then the merge.</summary>
    /// <exception cref="InvalidOperationException">The merge mode is <see cref="MergeMode.None"/>: call <see cref="ForwardBoth"/>.</exception>
    public Tensor forward(Tensor input, Tensor? mask)
    {
        if (MergeMode == MergeMode.None)
            throw new InvalidOperationException("Bidirectional with merge mode None has two outputs; call ForwardBoth or CallWithOutputs");
        using var scope = NewDisposeScope();
        var (y, reversed) = ForwardBoth(input, mask);
        var merged = MergeMode switch
        {
            MergeMode.Sum => y + reversed,
            MergeMode.Mul => y * reversed,
            MergeMode.Ave => (y + reversed) / 2,
            _ => cat(new[] { y, reversed }, -1),
        };
        return merged.MoveToOuterDisposeScope();
    }

    private sealed record Layers(Recurrent Forward, Recurrent Backward);
}
