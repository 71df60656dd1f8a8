using static TorchSharp.torch;

namespace Dsl.Modules;

/// <summary>
/// Keras's <c>GRU</c>, gates in Keras's order z, r, h: z = recurrent_activation(x_z + h·R_z), r likewise, and the
/// candidate hh = activation(x_h + r·(h·R_h + b_rec,h)) with <c>reset_after</c> (Keras's default, libtorch's form: a bias
/// of shape (2, 3·units), the input's row and the recurrent row, 3(D·U + U² + 2U) parameters), or
/// hh = activation(x_h + (r·h)·R_h) without it (one bias of 3·units, 3(D·U + U² + U)); h_t = z·h_{t−1} + (1 − z)·hh.
/// </summary>
public sealed class Gru : Recurrent
{
    /// <param name="inputSize">Features per step.</param>
    /// <param name="units">The state's size.</param>
    /// <param name="useBias">Whether the layer has a bias.</param>
    /// <param name="resetAfter">Keras's <c>reset_after</c>: the reset gate applied after the recurrent product.</param>
    /// <param name="settings">Keras's options.</param>
    public Gru(long inputSize, long units, bool useBias, bool resetAfter, RecurrentSettings settings)
        : base(nameof(Gru), inputSize, units, 3, useBias ? resetAfter ? new[] { 2, 3 * units } : new[] { 3 * units } : null, settings)
    {
        ResetAfter = resetAfter;
    }

    /// <summary>Keras's <c>reset_after</c>.</summary>
    public bool ResetAfter { get; }

    /// <inheritdoc />
    protected override int GateMasks => 3;

    /// <inheritdoc />
    protected override Tensor? InputBias => ResetAfter && Bias is { } bias ? bias[0] : Bias;

    /// <inheritdoc />
    protected override (Tensor Output, Tensor[] States) Step(Tensor projected, Tensor[] states, Tensor[]? recurrentMasks)
    {
        var h = states[0];
        var x = projected.chunk(3, 1);
        Tensor z, r, hh;
        if (ResetAfter)
        {
            var inner = Bias is { } bias ? AllGates(bias[1].expand(h.shape[0], -1), h, recurrentMasks) : RecurrentProduct(h, recurrentMasks, 0, 3);
            var recurrent = inner.chunk(3, 1);
            z = ActivateGate(x[0] + recurrent[0]);
            r = ActivateGate(x[1] + recurrent[1]);
            hh = Activate(x[2] + r * recurrent[2]);
        }
        else
        {
            var recurrent = RecurrentProduct(h, recurrentMasks, 0, 2).chunk(2, 1);
            z = ActivateGate(x[0] + recurrent[0]);
            r = ActivateGate(x[1] + recurrent[1]);
            var reset = r * (recurrentMasks is { Length: 3 } masks ? h * masks[2] : recurrentMasks is { Length: 1 } one ? h * one[0] : h);
            hh = Activate(x[2] + reset.matmul(RecurrentKernel.narrow(1, 2 * Units, Units)));
        }
        var next = z * h + (1 - z) * hh;
        return (next, new[] { next });
    }
}
