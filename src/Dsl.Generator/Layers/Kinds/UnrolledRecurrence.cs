using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// A recurrent layer as an equivalent ONNX graph, one group of nodes per step, for cells whose activations ONNX's RNN, LSTM
/// and GRU operators cannot apply (GELU, SiLU, ReLU6, softmax, exponential): the input projected for every step by one
/// MatMul (plus the input's bias), then per step a MatMul with the recurrent kernel and the cell's equations, the
/// activations in their own ONNX forms. The first step starts from zero states, so it leaves out the recurrent product,
/// unless it is given initial states (Keras's initial_state).
/// </summary>
internal sealed class UnrolledRecurrence
{
    private readonly RecurrentLayer _kind;
    private readonly string _prefix;
    private readonly List<string> _statements = new();

    public UnrolledRecurrence(RecurrentLayer kind, OnnxCode onnx, string prefix, LayerSpec spec)
    {
        _kind = kind;
        Onnx = onnx;
        _prefix = prefix;
        Spec = spec;
        Units = RecurrentLayer.Units.Get(spec);
    }

    public OnnxCode Onnx { get; }

    public LayerSpec Spec { get; }

    public long Units { get; }

    /// <summary>The state-dict key of one of the layer's weights: <c>lstm_1.recurrent_kernel</c>.</summary>
    public string Key(string weight) => _prefix + "." + weight;

    /// <summary>
    /// Keras's (N, units) or (N, steps, units), in processing order: an immediately invoked lambda whose locals hold the
    /// values used more than once (an ONNX form is an expression, and an expression written twice adds its nodes twice).
    /// </summary>
    /// <param name="withStates">Keras's return_state: a <c>string[]</c> of the output and the final states.</param>
    /// <param name="mask">Keras's mask, an ONNX bool value (N, steps), or null: a masked step keeps the states and outputs the previous output (zeros with <paramref name="zeroOutput"/>).</param>
    /// <param name="zeroOutput">Keras's zero_output_for_mask (Bidirectional's layers that return sequences).</param>
    /// <param name="initialStates">Keras's initial_state, ONNX values (N, units), or null for zeros.</param>
    public string Run(string input, int steps, bool goBackwards, bool withStates = false, string? mask = null, bool zeroOutput = false,
        IReadOnlyList<string>? initialStates = null)
    {
        string projected = Onnx.Node("MatMul", new[] { input, Onnx.Weight(Key("kernel")) });
        if (CommonOptions.UseBias.Get(Spec) && _kind.OnnxInputBias(Onnx, Key("bias"), Spec) is { } bias)
            projected = Onnx.Node("Add", new[] { projected, bias });
        projected = Bind(projected);
        string[]? states = initialStates?.ToArray();
        var outputs = new List<string>();
        for (int k = 0; k < steps; k++)
        {
            int t = goBackwards ? steps - 1 - k : k;
            string step = Bind(Onnx.Node("Squeeze", new[] { Onnx.Node("Gather", new[] { projected, Onnx.Longs(new[] { (long)t }) }, OnnxCode.Int("axis", 1)), Onnx.Longs(new[] { 1L }) }));
            var next = _kind.OnnxStep(this, step, states).Select(Bind).ToArray();
            if (mask is null)
            {
                states = next;
                outputs.Add(states[0]);
                continue;
            }
            string real = Bind(Onnx.Node("Gather", new[] { mask, Onnx.Longs(new[] { (long)t }) }, OnnxCode.Int("axis", 1)));
            string zeros = Bind(Onnx.Node("Mul", new[] { next[0], Onnx.Scalar(0.0) }));
            // The previous output is the first state, the initial h before the first step (Keras's loop, unroll=False).
            string previous = states is null || zeroOutput ? zeros : states[0];
            outputs.Add(Bind(Onnx.Node("Where", new[] { real, next[0], previous })));
            var old = states;
            states = next.Select((s, i) => Bind(Onnx.Node("Where", new[] { real, s, old is null ? zeros : old[i] }))).ToArray();
        }
        string result = RecurrentLayer.ReturnSequences.Get(Spec)
            ? Onnx.Node("Concat", outputs.Select(h => Onnx.Node("Unsqueeze", new[] { h, Onnx.Longs(new[] { 1L }) })).ToList(), OnnxCode.Int("axis", 1))
            : outputs[outputs.Count - 1];
        return withStates
            ? "((global::System.Func<string[]>)(() => { " + string.Join(" ", _statements) + " return new string[] { " + string.Join(", ", new[] { result }.Concat(states!)) + " }; }))()"
            : "((global::System.Func<string>)(() => { " + string.Join(" ", _statements) + " return " + result + "; }))()";
    }

    /// <summary>A local that holds <paramref name="value"/>'s ONNX value, so that it can be read several times.</summary>
    public string Bind(string value)
    {
        string local = _prefix.Replace('.', '_') + "__onnx" + Invariant.ToText(_statements.Count + 1);
        _statements.Add("var " + local + " = " + value + ";");
        return local;
    }

    /// <summary>Gate <paramref name="gate"/>'s block of a (N, gates·units) value.</summary>
    public string Gate(string value, int gate) => Columns(value, gate, 1);

    /// <summary>Gates <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> of a value's last axis.</summary>
    public string Columns(string value, int first, int count) => Onnx.Node("Slice", new[]
    {
        value, Onnx.Longs(new[] { first * Units }), Onnx.Longs(new[] { (first + count) * Units }), Onnx.Longs(new[] { -1L }),
    });

    /// <summary>h·recurrent_kernel[:, first gates…].</summary>
    public string Recurrent(string h, int first, int count) =>
        Onnx.Node("MatMul", new[] { h, Columns(Onnx.Weight(Key("recurrent_kernel")), first, count) });

    public string Add(string a, string b) => Onnx.Node("Add", new[] { a, b });

    public string Mul(string a, string b) => Onnx.Node("Mul", new[] { a, b });

    /// <summary>1 − x.</summary>
    public string OneMinus(string x) => Onnx.Node("Sub", new[] { Onnx.Scalar(1.0), x });

    /// <summary>Keras's activation (tanh by default).</summary>
    public string Activate(string x) => Activations.Onnx(RecurrentLayer.CellActivation.Get(Spec), Onnx, Bind(x), 1);

    /// <summary>Keras's recurrent activation (sigmoid by default).</summary>
    public string ActivateGate(string x) => Activations.Onnx(RecurrentLayer.RecurrentActivation.Get(Spec), Onnx, Bind(x), 1);
}
