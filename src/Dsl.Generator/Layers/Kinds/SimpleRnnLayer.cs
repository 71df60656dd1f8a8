using System.Collections.Generic;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>Keras <c>SimpleRNN</c>: h_t = activation(x_t·kernel + h_{t−1}·recurrent_kernel + bias), D·U + U² + U parameters; ONNX's RNN.</summary>
internal sealed class SimpleRnnLayer : RecurrentLayer
{
    public SimpleRnnLayer()
        : base(LayerKind.SimpleRNN, typeof(SimpleRNNAttribute), "SimpleRNN", "simple_rnn")
    {
    }

    public override IEnumerable<string> Aliases => new[] { Kind, KerasClass, "rnn", "simplernn" };

    public override int Gates => 1;

    protected override string ModuleType => "SimpleRnn";

    protected override string OnnxOperator => "RNN";

    public override long ParameterCount(LayerSpec spec, long features)
    {
        long units = Units.Get(spec);
        return checked((features * units) + (units * units) + (CommonOptions.UseBias.Get(spec) ? units : 0));
    }

    protected override IEnumerable<Activation> OnnxActivationOrder(LayerSpec spec) => new[] { CellActivation.Get(spec) };

    public override string[] OnnxStep(UnrolledRecurrence r, string projected, string[]? states) =>
        new[] { r.Activate(states is null ? projected : r.Add(projected, r.Recurrent(states[0], 0, 1))) };
}
