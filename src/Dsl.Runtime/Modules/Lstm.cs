using System;
using static TorchSharp.torch;

namespace Dsl.Modules;

/// <summary>
/// Keras's <c>LSTM</c>, gates in Keras's order i, f, c, o: z = x_t·kernel + h_{t−1}·recurrent_kernel + bias;
/// i, f, o = recurrent_activation(z_i, z_f, z_o); c_t = f·c_{t−1} + i·activation(z_c); h_t = o·activation(c_t). One bias
/// vector of 4·units (libtorch's LSTM keeps two): 4(D·U + U² + U) parameters. Its states are h and c.
/// With Keras's default activations (tanh, sigmoid), no mask and no recurrent dropout, a float32 CPU call runs the whole
/// loop in libtorch's own LSTM kernel (<c>torch.lstm</c>, oneDNN's RNN primitive, reached through a TorchScript function
/// since TorchSharp exposes it only inside its <c>nn.LSTM</c> module): the same gates in the same order on this layer's
/// own parameters (the kernels transposed, the bias as libtorch's input bias), so gradients reach them as they do through
/// the step-by-step loop, to float rounding. <see cref="UseLibtorchKernel"/> switches it off.
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

    /// <summary>
    /// Run the loop in libtorch's LSTM kernel where it computes this layer (see the class); true by default. False runs
    /// every step in .NET-driven tensor operations, as masks and recurrent dropout always do.
    /// </summary>
    public bool UseLibtorchKernel { get; set; } = true;

    /// <inheritdoc />
    public override int StateCount => 2;

    /// <inheritdoc />
    protected override bool CanRunFused(Tensor input) =>
        UseLibtorchKernel
        && Settings.Activation == Activation.Tanh
        && Settings.RecurrentActivation == Activation.Sigmoid
        && input.device_type == TorchSharp.DeviceType.CPU
        && input.dtype == ScalarType.Float32;

    /// <inheritdoc />
    protected override (Tensor Sequence, Tensor[] States) RunFused(Tensor input, Tensor[]? initialStates)
    {
        long n = input.shape[0];
        var h0 = initialStates is null ? zeros(1, n, Units, dtype: input.dtype, device: input.device) : initialStates[0].unsqueeze(0);
        var c0 = initialStates is null ? zeros(1, n, Units, dtype: input.dtype, device: input.device) : initialStates[1].unsqueeze(0);
        bool train = is_grad_enabled();
        object result = Bias is { } bias
            ? LibtorchLstm.Value.invoke("biased", input, h0, c0, Kernel.t(), RecurrentKernel.t(), bias, zeros_like(bias), train)
            : LibtorchLstm.Value.invoke("unbiased", input, h0, c0, Kernel.t(), RecurrentKernel.t(), train);
        var (sequence, h, c) = ((Tensor, Tensor, Tensor))result;
        return (sequence, new[] { h.squeeze(0), c.squeeze(0) });
    }

    /// <summary>
    /// libtorch's <c>aten::lstm</c> (one layer, batch first, unidirectional, no dropout between layers), compiled once per
    /// process. <c>train</c> keeps what its backward needs.
    /// </summary>
    private static readonly Lazy<jit.CompilationUnit> LibtorchLstm = new(() => jit.compile("""
        def biased(x: Tensor, h0: Tensor, c0: Tensor, w_ih: Tensor, w_hh: Tensor, b_ih: Tensor, b_hh: Tensor, train: bool) -> Tuple[Tensor, Tensor, Tensor]:
            out, h, c = torch.lstm(x, [h0, c0], [w_ih, w_hh, b_ih, b_hh], True, 1, 0.0, train, False, True)
            return out, h, c

        def unbiased(x: Tensor, h0: Tensor, c0: Tensor, w_ih: Tensor, w_hh: Tensor, train: bool) -> Tuple[Tensor, Tensor, Tensor]:
            out, h, c = torch.lstm(x, [h0, c0], [w_ih, w_hh], False, 1, 0.0, train, False, True)
            return out, h, c
        """ + "\n"));   // TorchScript's parser wants the last line ended

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
