using static TorchSharp.torch;

namespace Dsl.Modules;

/// <summary>
/// Keras's <c>LSTM</c>, gates in Keras's order i, f, c, o: z = x_t·kernel + h_{t−1}·recurrent_kernel + bias;
/// i, f, o = recurrent_activation(z_i, z_f, z_o); c_t = f·c_{t−1} + i·activation(z_c); h_t = o·activation(c_t). One bias
/// vector of 4·units (libtorch's LSTM keeps two): 4(D·U + U² + U) parameters. Its states are h and c.
/// </summary>
public sealed class Lstm : Recurrent
{
    /// <param name="inputSize">Features per step.</param>
    /// <param name="units">The state's size.</param>
    /// <param name="useBias">Whether the layer has a bias.</param>
    /// <param name="settings">Keras's options.</param>
    public Lstm(long inputSize, long units, bool useBias, RecurrentSettings settings)
        : base(nameof(Lstm), inputSize, units, 4, useBias ? new[] { 4 * units } : null, settings)
    {
    }

    /// <inheritdoc />
    public override int StateCount => 2;

    /// <inheritdoc />
    protected override int GateMasks => 4;

    /// <inheritdoc />
    protected override (Tensor Output, Tensor[] States) Step(Tensor projected, Tensor[] states, Tensor[]? recurrentMasks)
    {
        var z = AllGates(projected, states[0], recurrentMasks);
        var gates = z.chunk(4, 1);
        var i = ActivateGate(gates[0]);
        var f = ActivateGate(gates[1]);
        var c = f * states[1] + i * Activate(gates[2]);
        var o = ActivateGate(gates[3]);
        var h = o * Activate(c);
        return (h, new[] { h, c });
    }
}
