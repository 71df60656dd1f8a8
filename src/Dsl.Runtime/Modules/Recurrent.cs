using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dsl.Modules;

/// <summary>
/// What Keras's <c>RNN</c> layer owns around a cell: the loop over the steps of an (N, steps, features) batch, forwards or
/// backwards (<c>go_backwards</c>: processed from the last step, the outputs in processing order, as Keras returns them),
/// the mask (a step whose mask is false leaves the state as it was and outputs the previous output, or zeros when
/// <see cref="ZeroOutputForMask"/>, as Keras's backends do), the dropout masks (drawn once per call, the same at every step),
/// and <c>return_sequences</c>. Weights are kept in Keras's layout and gate order under Keras's names: <c>kernel</c>
/// (features, gates·units), <c>recurrent_kernel</c> (units, gates·units) and <c>bias</c>. The input's projection is one
/// matrix product for all steps; each step then adds one product with the recurrent kernel, in its own dispose scope.
/// </summary>
public abstract class Recurrent : nn.Module<Tensor, Tensor>
{
    private readonly Func<Tensor, Tensor> _activation;
    private readonly Func<Tensor, Tensor> _recurrentActivation;

    /// <param name="name">The module's type name.</param>
    /// <param name="inputSize">Features per step (Keras's input_dim).</param>
    /// <param name="units">The state's size.</param>
    /// <param name="gates">Blocks of <paramref name="units"/> columns in the kernels (LSTM 4, GRU 3, SimpleRNN 1).</param>
    /// <param name="bias">The bias's shape, or null for none (<c>use_bias=False</c>).</param>
    /// <param name="settings">The layer's Keras options.</param>
    protected Recurrent(string name, long inputSize, long units, int gates, long[]? bias, RecurrentSettings settings) : base(name)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        InputSize = inputSize;
        Units = units;
        Gates = gates;
        Settings = settings;
        _activation = RecurrentActivation.Of(settings.Activation);
        _recurrentActivation = RecurrentActivation.Of(settings.RecurrentActivation);
        register_parameter(KernelName, new Parameter(empty(inputSize, gates * units)));
        register_parameter(RecurrentKernelName, new Parameter(empty(units, gates * units)));
        if (bias is not null)
            register_parameter(BiasName, new Parameter(zeros(bias)));
    }

    // The parameters are read from the module's registry on every use, never kept in fields: Module.to(dtype or device)
    // registers new parameter objects, and a kept reference would go on computing with the unconverted ones, which the
    // optimizer (given the registered ones) never updates.
    private const string KernelName = "kernel", RecurrentKernelName = "recurrent_kernel", BiasName = "bias";

    /// <summary>Features per step.</summary>
    public long InputSize { get; }

    /// <summary>The state's size, and each step's output's.</summary>
    public long Units { get; }

    /// <summary>Blocks of <see cref="Units"/> columns in the kernels.</summary>
    public int Gates { get; }

    /// <summary>The layer's options.</summary>
    public RecurrentSettings Settings { get; }

    /// <summary>Keras's <c>kernel</c>: (features, gates·units), gates side by side in Keras's order.</summary>
    public Parameter Kernel => get_parameter(KernelName)!;

    /// <summary>Keras's <c>recurrent_kernel</c>: (units, gates·units).</summary>
    public Parameter RecurrentKernel => get_parameter(RecurrentKernelName)!;

    /// <summary>Keras's <c>bias</c>, or null without one.</summary>
    public Parameter? Bias => get_parameter(BiasName);

    /// <summary>
    /// Outputs zeros at masked steps instead of the previous output: Keras's <c>zero_output_for_mask</c>, which
    /// <c>Bidirectional</c> turns on for layers that return sequences.
    /// </summary>
    public bool ZeroOutputForMask { get; set; }

    /// <summary>How many states the cell carries (its <c>return_state</c> outputs): the LSTM two (h, c), others one.</summary>
    public virtual int StateCount => 1;

    /// <summary>Dropout masks per call when recurrent dropout is on: Keras's implementation 1 draws one per gate.</summary>
    protected virtual int GateMasks => 1;

    /// <summary>Runs the layer on an (N, steps, features) batch: (N, units), or (N, steps, units) with <c>return_sequences</c>.</summary>
    public override Tensor forward(Tensor input)
    {
        var (output, states) = Run(input, _mask, _initialStates, keepStates: _capturing);
        if (_capturing)
            _captured = states;
        return output;
    }

    /// <summary><see cref="forward(Tensor, Tensor?)"/> through <c>call</c>, so that the module's hooks see the call: what generated models run.</summary>
    /// <param name="input">(N, steps, features).</param>
    /// <param name="mask">Keras's mask, (N, steps), or null.</param>
    /// <param name="initialStates">
    /// Keras's <c>initial_state</c>: the states the first step starts from, each (N, units) (h; h and c for the LSTM), or
    /// null for zeros.
    /// </param>
    public Tensor CallMasked(Tensor input, Tensor? mask, params Tensor[]? initialStates)
    {
        _mask = mask;
        _initialStates = initialStates is { Length: > 0 } ? initialStates : null;
        try
        {
            return call(input);
        }
        finally
        {
            _mask = null;
            _initialStates = null;
        }
    }

    /// <summary>
    /// Keras's <c>return_state</c>: the output, then the final states (h; h and c for the LSTM), through <c>call</c> so that
    /// the module's hooks see the call (and its output).
    /// </summary>
    /// <param name="input">(N, steps, features).</param>
    /// <param name="mask">Keras's mask, (N, steps), or null.</param>
    /// <param name="initialStates">Keras's <c>initial_state</c>, each (N, units), or null for zeros.</param>
    public Tensor[] CallWithStates(Tensor input, Tensor? mask = null, params Tensor[]? initialStates)
    {
        _capturing = true;
        _mask = mask;
        _initialStates = initialStates is { Length: > 0 } ? initialStates : null;
        try
        {
            var output = call(input);
            return new[] { output }.Concat(_captured ?? Array.Empty<Tensor>()).ToArray();
        }
        finally
        {
            _capturing = false;
            _captured = null;
            _mask = null;
            _initialStates = null;
        }
    }

    // Set only for the length of CallWithStates or CallMasked: what their call hands to forward, and the states it hands back.
    private bool _capturing;
    private Tensor[]? _captured;
    private Tensor? _mask;
    private Tensor[]? _initialStates;

    /// <summary>
    /// Runs the layer with Keras's mask: <paramref name="mask"/> is (N, steps), true (or non-zero) where a step is real.
    /// A masked step keeps the state and outputs the previous output (zeros with <see cref="ZeroOutputForMask"/>).
    /// </summary>
    public Tensor forward(Tensor input, Tensor? mask)
    {
        var (output, states) = Run(input, mask, null, keepStates: false);
        _ = states;
        return output;
    }

    /// <summary>The output and the final states (Keras's <c>return_state</c>: h, and c for the LSTM), each a new tensor.</summary>
    /// <param name="input">(N, steps, features).</param>
    /// <param name="mask">Keras's mask, (N, steps), or null.</param>
    /// <param name="initialStates">Keras's <c>initial_state</c>, each (N, units), or null for zeros.</param>
    public (Tensor Output, Tensor[] States) ForwardWithStates(Tensor input, Tensor? mask = null, Tensor[]? initialStates = null) =>
        Run(input, mask, initialStates, keepStates: true);

    private (Tensor Output, Tensor[] States) Run(Tensor input, Tensor? mask, Tensor[]? initialStates, bool keepStates)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() != 3 || input.shape[2] != InputSize)
            throw new ArgumentException($"{GetName()} expects (N, steps, {InputSize}) values, but got ({string.Join(", ", input.shape)}).", nameof(input));
        long n = input.shape[0], steps = input.shape[1];
        if (mask is not null && (mask.dim() != 2 || mask.shape[0] != n || mask.shape[1] != steps))
            throw new ArgumentException($"{GetName()}'s mask must be (N, steps) = ({n}, {steps}), but is ({string.Join(", ", mask.shape)}).", nameof(mask));
        if (initialStates is not null)
        {
            if (initialStates.Length != StateCount)
                throw new ArgumentException($"{GetName()} carries {StateCount} state{(StateCount == 1 ? "" : "s")}, but was given {initialStates.Length} initial states.", nameof(initialStates));
            foreach (var state in initialStates)
            {
                if (state.dim() != 2 || state.shape[0] != n || state.shape[1] != Units)
                    throw new ArgumentException($"{GetName()}'s initial states must be (N, units) = ({n}, {Units}), but one is ({string.Join(", ", state.shape)}).", nameof(initialStates));
            }
        }

        using var scope = NewDisposeScope();
        if (mask is null && !(training && Settings.RecurrentDropout > 0) && CanRunFused(input))
            return RunFusedLoop(input, initialStates, keepStates);
        bool perGate = training && Settings.RecurrentDropout > 0;
        var inputMasks = training && Settings.Dropout > 0 ? DropoutMasks(n, InputSize, Settings.Dropout, perGate ? GateMasks : 1, input) : null;
        var recurrentMasks = training && Settings.RecurrentDropout > 0 ? DropoutMasks(n, Units, Settings.RecurrentDropout, GateMasks, input) : null;
        // Time-major, so that each step's slice is contiguous for its matrix product.
        var projected = Project(input, inputMasks).transpose(0, 1).contiguous();
        var stepMask = mask?.to_type(ScalarType.Bool).unsqueeze(-1);

        var states = initialStates ?? Enumerable.Range(0, StateCount).Select(_ => zeros(n, Units, dtype: input.dtype, device: input.device)).ToArray();
        var outputs = Settings.ReturnSequences ? new List<Tensor>((int)steps) : null;
        // A masked step outputs the previous output: before the first step, the initial h (Keras's loop, unroll=False,
        // reads states[0]).
        Tensor output = states[0];
        for (long k = 0; k < steps; k++)
        {
            long t = Settings.GoBackwards ? steps - 1 - k : k;
            Tensor h;
            Tensor[] next;
            using (var step = NewDisposeScope())
            {
                (h, next) = Step(projected[t], states, recurrentMasks);
                if (stepMask is not null)
                {
                    var real = stepMask.select(1, t);
                    h = where(real, h, ZeroOutputForMask ? zeros_like(h) : output);
                    next = next.Select((s, i) => where(real, s, states[i])).ToArray();
                }
                foreach (var kept in Distinct(next.Prepend(h)))
                    kept.MoveToOuterDisposeScope();
            }
            states = next;
            output = h;
            outputs?.Add(h);
        }
        return Returned(outputs is null ? output : stack(outputs, 1), states, keepStates);
    }

    /// <summary>
    /// The call's output and, when <paramref name="keepStates"/>, its final states (a state that is the output itself
    /// aliased, so each can be disposed on its own), moved out of the call's dispose scope.
    /// </summary>
    private static (Tensor Output, Tensor[] States) Returned(Tensor result, Tensor[] states, bool keepStates)
    {
        var returned = keepStates ? states.Select(s => ReferenceEquals(s, result) ? s.alias() : s).ToArray() : Array.Empty<Tensor>();
        foreach (var kept in Distinct(returned.Prepend(result)))
            kept.MoveToOuterDisposeScope();
        return (result, returned);
    }

    /// <summary>
    /// The whole loop in one libtorch kernel (<see cref="RunFused"/>), for a call without a mask or recurrent dropout: the
    /// input's dropout mask (drawn as the step-by-step loop draws it) applied first, <c>go_backwards</c> as a reversed input.
    /// </summary>
    private (Tensor Output, Tensor[] States) RunFusedLoop(Tensor input, Tensor[]? initialStates, bool keepStates)
    {
        var x = input;
        if (training && Settings.Dropout > 0)
            x = x * DropoutMasks(input.shape[0], InputSize, Settings.Dropout, 1, input)[0].unsqueeze(1);
        if (Settings.GoBackwards)
            x = x.flip(1);
        var (sequence, states) = RunFused(x, initialStates);
        return Returned(Settings.ReturnSequences ? sequence : states[0], states, keepStates);
    }

    /// <summary>
    /// Whether <see cref="RunFused"/> computes this layer's loop for <paramref name="input"/> (its cell, activations,
    /// dtype and device): false here, so every step runs in <see cref="Step"/>.
    /// </summary>
    protected virtual bool CanRunFused(Tensor input) => false;

    /// <summary>
    /// The loop over all steps of <paramref name="input"/> (already reversed for <c>go_backwards</c>, already dropped out)
    /// in one kernel: every step's output (N, steps, units) and the final states. Only called where
    /// <see cref="CanRunFused"/> said yes.
    /// </summary>
    protected virtual (Tensor Sequence, Tensor[] States) RunFused(Tensor input, Tensor[]? initialStates) =>
        throw new NotSupportedException($"{GetName()} has no fused loop.");

    /// <summary>
    /// One step from the step's projected input (N, gates·units: x·kernel plus the input's bias) and the previous states:
    /// the step's output and the new states.
    /// </summary>
    /// <param name="projected">The step's x·kernel plus the input's bias, (N, gates·units).</param>
    /// <param name="states">The previous states (h; h and c for the LSTM).</param>
    /// <param name="recurrentMasks">Recurrent dropout masks for the previous output (one, or one per gate), or null.</param>
    protected abstract (Tensor Output, Tensor[] States) Step(Tensor projected, Tensor[] states, Tensor[]? recurrentMasks);

    /// <summary>The bias added to the input's projection (all of Keras's single bias; GRU's first row), or null.</summary>
    protected virtual Tensor? InputBias => Bias;

    /// <summary>The cell's activation (Keras's <c>activation</c>, tanh by default).</summary>
    protected Tensor Activate(Tensor x) => _activation(x);

    /// <summary>The gates' activation (Keras's <c>recurrent_activation</c>, sigmoid by default).</summary>
    protected Tensor ActivateGate(Tensor x) => _recurrentActivation(x);

    /// <summary>
    /// <paramref name="projected"/> + h·recurrent_kernel for all gates: one fused <c>addmm</c> without recurrent dropout.
    /// </summary>
    protected Tensor AllGates(Tensor projected, Tensor h, Tensor[]? masks) =>
        masks is null ? addmm(projected, h, RecurrentKernel, 1, 1) : projected + RecurrentProduct(h, masks, 0, Gates);

    /// <summary>
    /// h·recurrent_kernel[:, columns] with h's recurrent dropout: one mask for every column, or gate g's mask on gate g's
    /// columns (Keras's implementation 1).
    /// </summary>
    protected Tensor RecurrentProduct(Tensor h, Tensor[]? masks, long firstGate, long gates)
    {
        var kernel = RecurrentKernel.narrow(1, firstGate * Units, gates * Units);
        if (masks is null)
            return h.matmul(kernel);
        if (masks.Length == 1)
            return (h * masks[0]).matmul(kernel);
        var blocks = Enumerable.Range(0, (int)gates)
            .Select(g => (h * masks[firstGate + g]).matmul(kernel.narrow(1, g * Units, Units)))
            .ToArray();
        return cat(blocks, 1);
    }

    /// <summary>x·kernel (+ the input's bias) for every step at once: (N, steps, gates·units).</summary>
    private Tensor Project(Tensor input, Tensor[]? masks)
    {
        Tensor projected;
        if (masks is null)
            projected = input.matmul(Kernel);
        else if (masks.Length == 1)
            projected = (input * masks[0].unsqueeze(1)).matmul(Kernel);
        else
            projected = cat(masks.Select((m, g) => (input * m.unsqueeze(1)).matmul(Kernel.narrow(1, g * Units, Units))).ToArray(), 2);
        return InputBias is { } bias ? projected.add_(bias) : projected;
    }

    /// <summary>Keras's dropout masks: ones dropped at <paramref name="rate"/> and scaled by 1 / (1 − rate), one per gate or one for all.</summary>
    private static Tensor[] DropoutMasks(long n, long size, double rate, int count, Tensor like) =>
        Enumerable.Range(0, count).Select(_ => nn.functional.dropout(ones(n, size, dtype: like.dtype, device: like.device), rate, training: true)).ToArray();

    private static IEnumerable<Tensor> Distinct(IEnumerable<Tensor> tensors) => tensors.Distinct(ReferenceEqualityComparer.Instance).Cast<Tensor>();
}
