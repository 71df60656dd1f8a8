using System.Collections.Generic;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>LSTM</c>, gates i, f, c, o, one bias: 4(D·U + U² + U) parameters; <c>unit_forget_bias</c> starts the forget
/// gate's bias at 1. ONNX's LSTM orders the gates i, o, f, c and takes two biases (the recurrent one zero here).
/// </summary>
internal sealed class LstmLayer : RecurrentLayer
{
    public static readonly FlagOption UnitForgetBias = new(nameof(LSTMAttribute.UnitForgetBias)) { Default = true };

    public LstmLayer()
        : base(LayerKind.LSTM, typeof(LSTMAttribute), "LSTM", "lstm", RecurrentActivation, UnitForgetBias)
    {
    }

    public override int Gates => 4;

    protected override string ModuleType => "Lstm";

    protected override string OnnxOperator => "LSTM";

    protected override int[] OnnxGateOrder => new[] { 0, 3, 1, 2 };

    protected override IReadOnlyList<string> StateNames => new[] { "state_h", "state_c" };

    public override long ParameterCount(LayerSpec spec, long features)
    {
        long units = Units.Get(spec);
        return checked(4 * ((features * units) + (units * units) + (CommonOptions.UseBias.Get(spec) ? units : 0)));
    }

    protected override string BiasInitialiser(string bias, LayerSpec spec) =>
        UnitForgetBias.Get(spec) ? Initialisers.UnitForgetBias(bias) : Initialisers.Zeros(bias);

    /// <summary>f (the gates), g (the cell input), h (the output): Keras's recurrent activation, then its activation twice.</summary>
    protected override IEnumerable<Activation> OnnxActivationOrder(LayerSpec spec)
    {
        var activation = CellActivation.Get(spec);
        return new[] { RecurrentActivation.Get(spec), activation, activation };
    }

    /// <summary>i, f, o = recurrent_activation(…), c = f·c + i·activation(z_c), h = o·activation(c); the first step has no f·c.</summary>
    public override string[] OnnxStep(UnrolledRecurrence r, string projected, string[]? states)
    {
        string z = r.Bind(states is null ? projected : r.Add(projected, r.Recurrent(states[0], 0, 4)));
        string i = r.ActivateGate(r.Gate(z, 0));
        string candidate = r.Mul(i, r.Activate(r.Gate(z, 2)));
        string c = r.Bind(states is null ? candidate : r.Add(r.Mul(r.ActivateGate(r.Gate(z, 1)), states[1]), candidate));
        string h = r.Mul(r.ActivateGate(r.Gate(z, 3)), r.Activate(c));
        return new[] { h, c };
    }
}
