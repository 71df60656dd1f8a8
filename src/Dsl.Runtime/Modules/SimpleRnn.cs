using static TorchSharp.torch;

namespace Dsl.Modules;

/// <summary>
/// Keras's <c>SimpleRNN</c>: h_t = activation(x_t·kernel + h_{t−1}·recurrent_kernel + bias), kernel (features, units),
/// recurrent_kernel (units, units), bias (units): D·U + U² + U parameters.
/// </summary>
public sealed class SimpleRnn : Recurrent
{
    /// <param name="inputSize">Features per step.</param>
    /// <param name="units">The state's size.</param>
    /// <param name="useBias">Whether the layer has a bias.</param>
    /// <param name="settings">Keras's options.</param>
    public SimpleRnn(long inputSize, long units, bool useBias, RecurrentSettings settings)
        : base(nameof(SimpleRnn), inputSize, units, 1, useBias ? new[] { units } : null, settings)
    {
    }

    /// <inheritdoc />
    protected override (Tensor Output, Tensor[] States) Step(Tensor projected, Tensor[] states, Tensor[]? recurrentMasks)
    {
        var h = Activate(AllGates(projected, states[0], recurrentMasks));
        return (h, new[] { h });
    }
}
