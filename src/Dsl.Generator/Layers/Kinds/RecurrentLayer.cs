using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// What Keras's recurrent layers (<c>SimpleRNN</c>, <c>LSTM</c>, <c>GRU</c>) share: a sequence input (steps, features), the
/// options of Keras's <c>RNN</c> layer and its cells (units, activations, bias, return_sequences, go_backwards, dropouts),
/// Keras's parameter counts (one bias vector per gate, not libtorch's two), a runtime module of <c>Dsl.Modules</c> that keeps
/// the weights in Keras's layout under Keras's names, Keras's initialisers (Glorot-uniform kernel, orthogonal recurrent
/// kernel, zero bias), and ONNX's recurrent operator of the same name. The output is (units), or (steps, units) with
/// <c>return_sequences</c>; the mult-adds are each weight once per step.
/// </summary>
internal abstract class RecurrentLayer : LayerDefinition
{
    public static readonly IntegerOption Units = new(nameof(LSTMAttribute.Units)) { IsRequired = true };

    public static readonly ChoiceOption<Activation> CellActivation = new(nameof(LSTMAttribute.Activation), Activations.Choices) { Default = Activation.Tanh };

    public static readonly ChoiceOption<Activation> RecurrentActivation = new(nameof(LSTMAttribute.RecurrentActivation), Activations.Choices) { Default = Activation.Sigmoid };

    public static readonly FlagOption ReturnSequences = new(nameof(LSTMAttribute.ReturnSequences));

    public static readonly FlagOption ReturnState = new(nameof(LSTMAttribute.ReturnState));

    public static readonly FlagOption GoBackwards = new(nameof(LSTMAttribute.GoBackwards));

    public static readonly NumberOption Dropout = Rate(nameof(LSTMAttribute.Dropout));

    public static readonly NumberOption RecurrentDropout = Rate(nameof(LSTMAttribute.RecurrentDropout));

    /// <summary>
    /// Keras's <c>initial_state</c> call argument: the values the first step's states start from (h; h and c for the LSTM),
    /// each (units), such as an encoder's <c>lstm_1.state_h</c> and <c>lstm_1.state_c</c>. None: zeros.
    /// </summary>
    public static readonly TextsOption InitialState = new(nameof(LSTMAttribute.InitialState));

    protected RecurrentLayer(LayerKind kind, Type attribute, string kerasClass, string kerasName, params LayerOption[] options)
        : base(kind, attribute, kerasClass, kerasName, new LayerOption[] { Units, CellActivation }.Concat(options)
            .Concat(new LayerOption[] { CommonOptions.UseBias, ReturnSequences, ReturnState, GoBackwards, Dropout, RecurrentDropout, InitialState }).ToArray())
    {
    }

    public override LayerOption MainOption => Units;

    /// <summary>The final states Keras's return_state adds: h (state_h), and the LSTM's carry c (state_c).</summary>
    protected virtual IReadOnlyList<string> StateNames => new[] { "state_h" };

    /// <summary>The initial states, after the sequence.</summary>
    public override EquatableArray<string> ExtraInputs(LayerSpec layer) => InitialState.Get(layer);

    /// <summary>With return_state: <c>output</c> and the states, as Keras returns them (output, *states).</summary>
    public override EquatableArray<string> OutputNames(LayerSpec layer) =>
        ReturnState.Get(layer) ? new[] { "output" }.Concat(StateNames).ToEquatableArray() : EquatableArray<string>.Empty;

    /// <summary>Blocks of units in the kernels: 4 (LSTM), 3 (GRU), 1 (SimpleRNN).</summary>
    public abstract int Gates { get; }

    /// <summary>
    /// One step of the cell as ONNX operators, for activations ONNX's recurrent operators lack (an equivalent graph, step
    /// by step): the new states from the step's projected input (N, gates·units, the input's bias included) and the previous
    /// states, null at the first step (zeros).
    /// </summary>
    public abstract string[] OnnxStep(UnrolledRecurrence recurrence, string projected, string[]? states);

    /// <summary>The runtime module: <c>Lstm</c>.</summary>
    protected abstract string ModuleType { get; }

    /// <summary>Keras's parameter count for <paramref name="features"/> per step.</summary>
    public abstract long ParameterCount(LayerSpec spec, long features);

    /// <summary>(units), or (steps, units) with return_sequences.</summary>
    public static EquatableArray<int> OutputShapeOf(LayerSpec spec, EquatableArray<int> input) =>
        ReturnSequences.Get(spec) ? EquatableArray.Of(input[0], Units.Get(spec)) : EquatableArray.Of(Units.Get(spec));

    public override LayerOutput? Infer(LayerContext context)
    {
        if (context.Input.Count != 2)
            return context.WrongRank("a sequence input (steps, features)");
        if (context.Inputs.Count > 1 && !InitialStatesFit(context))
            return null;
        long parameters = ParameterCount(context.Spec, context.Input[1]);
        var states = ReturnState.Get(context.Spec) ? StateNames.Select(_ => EquatableArray.Of(Units.Get(context.Spec))).ToEquatableArray() : EquatableArray<EquatableArray<int>>.Empty;
        return LayerOutput.Trained(OutputShapeOf(context.Spec, context.Input), parameters, checked(parameters * context.Input[0])) with { MoreShapes = states };
    }

    /// <summary>One initial state per state the cell carries, each a float (units); false after reporting DSL080.</summary>
    private bool InitialStatesFit(LayerContext context)
    {
        var given = context.Inputs.Skip(1).ToList();
        int units = Units.Get(context.Spec);
        string expected = StateNames.Count == 1
            ? "one state, h, of shape (" + Invariant.ToText(units) + ")"
            : Invariant.ToText(StateNames.Count) + " states, h and c, each of shape (" + Invariant.ToText(units) + ")";
        string? problem = null;
        if (given.Count != StateNames.Count)
        {
            problem = "it is given " + Invariant.ToText(given.Count) + " (" + string.Join(", ", given.Select(g => g.Description)) + ")"
                + (StateNames.Count == 2 ? "; give an LSTM both, as an encoder's return_state gives them (lstm_1.state_h, lstm_1.state_c)" : string.Empty);
        }
        else if (given.FirstOrDefault(g => g.Shape.Count != 1 || g.Shape[0] != units) is { } wrong)
        {
            problem = wrong.Description + " is " + Invariant.SampleShape(wrong.Shape)
                + "; a state has the layer's units, so give it an encoder's final state of as many units (or a Dense of " + Invariant.ToText(units) + ")";
        }
        else if (given.FirstOrDefault(g => g.DType != DType.Float32) is { } integer)
        {
            problem = integer.Description + " holds " + integer.DType.ToString().ToLowerInvariant() + " values; a state is float32";
        }
        if (problem is null)
            return true;
        context.Fail(DiagnosticDescriptors.InitialStateMismatch, context.Name, KerasClass, expected, problem);
        return false;
    }

    public override LayerField Field(LayerPlan layer) => new(Module, Construction(layer.Spec, layer.InputShape[1], GoBackwards.Get(layer.Spec)));

    /// <summary><c>global::Dsl.Modules.Lstm</c>.</summary>
    public string Module => "global::Dsl.Modules." + ModuleType;

    /// <summary>The module's construction for <paramref name="features"/> per step, going backwards or not (Bidirectional's copies).</summary>
    public string Construction(LayerSpec spec, long features, bool goBackwards)
    {
        var settings = new List<string> { "Activation: global::Dsl.Activation." + CellActivation.Get(spec) };
        if (SlotOf(RecurrentActivation) >= 0)
            settings.Add("RecurrentActivation: global::Dsl.Activation." + RecurrentActivation.Get(spec));
        settings.Add("ReturnSequences: " + CSharp.Bool(ReturnSequences.Get(spec)));
        settings.Add("GoBackwards: " + CSharp.Bool(goBackwards));
        settings.Add("Dropout: " + CSharp.Double(Dropout.Get(spec)));
        settings.Add("RecurrentDropout: " + CSharp.Double(RecurrentDropout.Get(spec)));
        var arguments = new[] { CSharp.Long(features), CSharp.Long(Units.Get(spec)), CSharp.Bool(CommonOptions.UseBias.Get(spec)) }
            .Concat(ExtraArguments(spec))
            .Concat(new[] { "new global::Dsl.Modules.RecurrentSettings(" + string.Join(", ", settings) + ")" });
        return "new " + Module + "(" + string.Join(", ", arguments) + ")";
    }

    /// <summary>Constructor arguments of the kind's own, between the bias flag and the settings (GRU's reset_after).</summary>
    protected virtual IEnumerable<string> ExtraArguments(LayerSpec spec) => Array.Empty<string>();

    /// <summary>
    /// <c>lstm_1.call(x)</c>; with return_state <c>lstm_1.CallWithStates(x)</c>, the output and the states as an array; with
    /// initial states <c>lstm_1.CallMasked(x, null, h, c)</c>.
    /// </summary>
    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) =>
        inputs.Count == 1 && !ReturnState.Get(layer.Spec)
            ? Identifier.Escape(layer.Name) + ".call(" + inputs[0] + ")"
            : ForwardMasked(layer, inputs, new string?[inputs.Count]);

    /// <summary>Keras's RNN supports masking: masked steps keep the state; the mask goes on with the sequences only.</summary>
    public override bool SupportsMasking => true;

    /// <summary>The sequence's mask only: initial states carry none.</summary>
    public override bool OutputMasked(LayerSpec layer, IReadOnlyList<LayerInput> inputs) => ReturnSequences.Get(layer) && inputs[0].Masked;

    public override string OutputMask(LayerPlan layer, IReadOnlyList<string> inputs, IReadOnlyList<string?> masks) => masks[0]!;

    public override string OnnxMask(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs, IReadOnlyList<string?> masks) => masks[0]!;

    public override string ForwardMasked(LayerPlan layer, IReadOnlyList<string> inputs, IReadOnlyList<string?> masks) =>
        Identifier.Escape(layer.Name) + (ReturnState.Get(layer.Spec) ? ".CallWithStates(" : ".CallMasked(")
        + string.Join(", ", new[] { inputs[0], masks[0] ?? "null" }.Concat(inputs.Skip(1))) + ")";

    /// <summary>With a mask, the step-by-step graph: ONNX's operators only mask a padded tail (sequence_lens), Keras any step.</summary>
    public override string OnnxMasked(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs, IReadOnlyList<string?> masks) =>
        masks[0] is { } mask
            ? new UnrolledRecurrence(this, onnx, layer.Name, layer.Spec)
                .Run(inputs[0], layer.InputShape[0], GoBackwards.Get(layer.Spec), ReturnState.Get(layer.Spec), mask, initialStates: InitialStatesOf(inputs))
            : Onnx(layer, onnx, inputs);

    /// <summary>The ONNX values of the initial states, after the sequence; null when there are none.</summary>
    private static string[]? InitialStatesOf(IReadOnlyList<string> inputs) => inputs.Count > 1 ? inputs.Skip(1).ToArray() : null;

    public override IEnumerable<string> Initialise(LayerPlan layer) => InitialiseModule(Identifier.Escape(layer.Name), layer.Spec);

    /// <summary>Keras's initialisers for the module <paramref name="module"/> (a C# expression of a <c>Dsl.Modules.Recurrent</c>).</summary>
    public IEnumerable<string> InitialiseModule(string module, LayerSpec spec)
    {
        yield return Initialisers.Glorot(module + ".Kernel");
        yield return Initialisers.Orthogonal(module + ".RecurrentKernel");
        yield return BiasInitialiser(module + ".Bias", spec);
    }

    /// <summary>Zeros; LSTM's unit_forget_bias puts ones in the forget gate.</summary>
    protected virtual string BiasInitialiser(string bias, LayerSpec spec) => Initialisers.Zeros(bias);

    public override IEnumerable<string> Describe(LayerPlan layer)
    {
        yield return "Size = " + CSharp.Int(Units.Get(layer.Spec));
        yield return "UseBias = " + CSharp.Bool(CommonOptions.UseBias.Get(layer.Spec));
        yield return "Rate = " + CSharp.Double(Dropout.Get(layer.Spec));
    }

    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) =>
        OnnxSequence(onnx, inputs[0], layer.Name, layer.Spec, layer.InputShape, GoBackwards.Get(layer.Spec), ReturnState.Get(layer.Spec), InitialStatesOf(inputs));

    /// <summary>
    /// The layer as ONNX's operator of its kind on an (N, steps, features) value, its weights read under
    /// <paramref name="prefix"/> (<c>lstm_1</c>, <c>bidirectional_1.forward_lstm</c>) and brought into ONNX's layout and gate
    /// order: Keras's output, (N, units) or (N, steps, units) in Keras's processing order. Going backwards reverses the steps
    /// first and runs forward (Keras's outputs are in processing order, ONNX's reverse direction aligns them with the input).
    /// </summary>
    /// <param name="withStates">Keras's return_state: a <c>string[]</c> expression of the output and the final states (ONNX's Y_h, Y_c).</param>
    /// <param name="initialStates">Keras's initial_state, ONNX values (N, units), or null for zeros (ONNX's initial_h, initial_c).</param>
    public string OnnxSequence(OnnxCode onnx, string input, string prefix, LayerSpec spec, EquatableArray<int> inputShape, bool goBackwards,
        bool withStates = false, IReadOnlyList<string>? initialStates = null)
    {
        if (!OnnxActivationOrder(spec).All(OnnxActivation.Supports))
            return new UnrolledRecurrence(this, onnx, prefix, spec).Run(input, inputShape[0], goBackwards, withStates, initialStates: initialStates);
        int steps = inputShape[0];
        long units = Units.Get(spec);
        string x = onnx.Node("Transpose", input, OnnxCode.Ints("perm", 1, 0, 2));
        if (goBackwards)
            x = onnx.Node("Gather", new[] { x, onnx.Longs(Enumerable.Range(0, steps).Select(t => (long)(steps - 1 - t))) }, OnnxCode.Int("axis", 0));
        var operands = new List<string> { x, OnnxWeight(onnx, prefix + ".kernel", units), OnnxWeight(onnx, prefix + ".recurrent_kernel", units) };
        if (CommonOptions.UseBias.Get(spec))
            operands.Add(OnnxBias(onnx, prefix + ".bias", spec, units));
        if (initialStates is not null)
        {
            // B and sequence_lens are optional inputs before initial_h (and initial_c): an empty name leaves one out.
            if (!CommonOptions.UseBias.Get(spec))
                operands.Add("\"\"");
            operands.Add("\"\"");
            operands.AddRange(initialStates.Select(state => onnx.Node("Unsqueeze", new[] { state, onnx.Longs(new[] { 0L }) })));
        }
        var activations = OnnxActivations(spec);
        var attributes = new List<string>
        {
            OnnxCode.Int("hidden_size", units),
            OnnxCode.Texts("activations", activations.Select(a => a.Name)),
        };
        var alphas = activations.SelectMany(a => a.Alpha).ToList();
        var betas = activations.SelectMany(a => a.Beta).ToList();
        if (alphas.Count > 0)
            attributes.Add(OnnxCode.FloatsAttribute("activation_alpha", alphas));
        if (betas.Count > 0)
            attributes.Add(OnnxCode.FloatsAttribute("activation_beta", betas));
        attributes.AddRange(OnnxAttributes(spec));
        // Y: (steps, 1, N, units); Y_h and Y_c: (1, N, units).
        string Output(string operatorY)
        {
            string y = onnx.Node("Squeeze", new[] { operatorY, onnx.Longs(new[] { 1L }) });
            if (ReturnSequences.Get(spec))
                return onnx.Node("Transpose", y, OnnxCode.Ints("perm", 1, 0, 2));
            string last = onnx.Node("Gather", new[] { y, onnx.Longs(new[] { (long)steps - 1 }) }, OnnxCode.Int("axis", 0));
            return onnx.Node("Squeeze", new[] { last, onnx.Longs(new[] { 0L }) });
        }
        if (!withStates)
            return Output(onnx.Node(OnnxOperator, operands, attributes.ToArray()));
        // The operator's outputs are read several times: bound to a local inside an immediately invoked lambda.
        string node = prefix.Replace('.', '_') + "__outputs";
        var values = new[] { Output(node + "[0]") }
            .Concat(StateNames.Select((_, i) => onnx.Node("Squeeze", new[] { node + "[" + Invariant.ToText(i + 1) + "]", onnx.Longs(new[] { 0L }) })));
        return "((global::System.Func<string[]>)(() => { var " + node + " = " + onnx.Nodes(OnnxOperator, operands, 1 + StateNames.Count, attributes.ToArray())
            + "; return new string[] { " + string.Join(", ", values) + " }; }))()";
    }

    /// <summary>ONNX's operator: <c>LSTM</c>, <c>GRU</c>, <c>RNN</c>.</summary>
    protected abstract string OnnxOperator { get; }

    /// <summary>Keras's gate blocks in ONNX's order (LSTM: i, o, f, c from Keras's i, f, c, o); null when they agree.</summary>
    protected virtual int[]? OnnxGateOrder => null;

    /// <summary>The activations ONNX's operator takes, in its order (LSTM f, g, h; GRU f, g; RNN f).</summary>
    protected abstract IEnumerable<Activation> OnnxActivationOrder(LayerSpec spec);

    /// <summary>Attributes of the kind's own (GRU's linear_before_reset).</summary>
    protected virtual IEnumerable<string> OnnxAttributes(LayerSpec spec) => Array.Empty<string>();

    /// <summary>The bias added to the input's projection in the unrolled graph (the whole bias; GRU's first row), or null.</summary>
    public virtual string? OnnxInputBias(OnnxCode onnx, string key, LayerSpec spec) => onnx.Weight(key);

    /// <summary>ONNX's bias B (1, 2·gates·units): the input's bias then the recurrent one, in ONNX's gate order.</summary>
    protected virtual string OnnxBias(OnnxCode onnx, string key, LayerSpec spec, long units)
    {
        string bias = Reorder(onnx, onnx.Weight(key), units);
        string both = onnx.Node("Concat", new[] { bias, onnx.Filled(Gates * units, 0) }, OnnxCode.Int("axis", 0));
        return onnx.Node("Unsqueeze", new[] { both, onnx.Longs(new[] { 0L }) });
    }

    /// <summary>W or R (1, gates·units, columns) from Keras's (rows, gates·units): transposed, gates reordered.</summary>
    private string OnnxWeight(OnnxCode onnx, string key, long units)
    {
        string transposed = Reorder(onnx, onnx.Node("Transpose", onnx.Weight(key), OnnxCode.Ints("perm", 1, 0)), units);
        return onnx.Node("Unsqueeze", new[] { transposed, onnx.Longs(new[] { 0L }) });
    }

    /// <summary>Keras's gate blocks along axis 0 in ONNX's order.</summary>
    protected string Reorder(OnnxCode onnx, string value, long units)
    {
        if (OnnxGateOrder is not { } order)
            return value;
        var rows = order.SelectMany(gate => Enumerable.Range(0, (int)units).Select(u => gate * units + u));
        return onnx.Node("Gather", new[] { value, onnx.Longs(rows) }, OnnxCode.Int("axis", 0));
    }

    private IReadOnlyList<OnnxActivation> OnnxActivations(LayerSpec spec) => OnnxActivationOrder(spec).Select(OnnxActivation.Of).ToList();

    private static NumberOption Rate(string name) => new(name)
    {
        IsValid = rate => rate >= 0 && rate < 1,
        Constraint = "at least 0 and below 1",
    };
}
