using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>
/// The engine behind <see cref="OptimizerSettings"/>: Keras 3's <c>BaseOptimizer</c> over TorchSharp parameters. It keeps
/// one slot tensor per parameter and slot kind (Keras's optimizer variables: <c>momentum</c>, <c>velocity</c>…) and the
/// step count (<c>iterations</c>); <see cref="Step"/> is Keras's <c>apply</c>.
/// </summary>
/// <remarks>
/// Slots are created with the optimizer, shaped and typed like their parameters, and detached from every dispose scope:
/// they live until <see cref="Dispose"/>. A step reads no value back to the host and, beyond the gradient handles, only
/// allocates the temporaries its rule needs (typically one denominator per parameter); constants are TorchSharp scalars
/// made once.
/// </remarks>
internal abstract class KerasOptimizer : IDisposable
{
    /// <summary>Keras's name of the step counter; its value is saved under this name.</summary>
    public const string IterationName = "iteration";

    private readonly Parameter[] _parameters;
    private readonly Tensor?[] _gradients;
    private readonly LearningRateSchedule? _schedule;
    private readonly double? _weightDecay;
    private readonly double? _clipNorm;
    private readonly double? _clipValue;
    private readonly double? _globalClipNorm;
    private readonly List<(string Name, Tensor[] Slots)> _slots = new();
    private readonly List<Scalar> _constants = new();
    private readonly Scalar? _clip;
    private readonly Scalar? _negativeClip;
    private double _learningRate;
    private bool _disposed;

    /// <summary>Takes the options every Keras optimizer has from <paramref name="settings"/>.</summary>
    protected KerasOptimizer(OptimizerSettings settings, IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Count == 0)
            throw new ArgumentException($"{settings.Name} needs at least one parameter to optimize.", nameof(parameters));
        _parameters = parameters.ToArray();
        _gradients = new Tensor?[_parameters.Length];
        Name = settings.Name;
        _learningRate = settings.LearningRate;
        _schedule = settings.Schedule;
        _weightDecay = settings.WeightDecay;
        _clipNorm = settings.ClipNorm;
        _clipValue = settings.ClipValue;
        _globalClipNorm = settings.GlobalClipNorm;
        if ((_clipNorm ?? _clipValue) is { } clip)
        {
            _clip = Constant(clip);
            _negativeClip = Constant(-clip);
        }
    }

    /// <summary>The optimizer's Keras name, for messages.</summary>
    public string Name { get; }

    /// <summary>Steps taken so far (Keras's <c>optimizer.iterations</c>); the next step is number <see cref="Iterations"/>, from 0.</summary>
    public long Iterations { get; private set; }

    /// <summary>
    /// The rate of the next step: the schedule's at <see cref="Iterations"/> when there is one, else the rate set. Setting it
    /// with a schedule throws, as Keras's <c>learning_rate</c> setter does.
    /// </summary>
    /// <exception cref="InvalidOperationException">Set while a schedule drives the rate.</exception>
    public double LearningRate
    {
        get => _schedule?.At(Iterations) ?? _learningRate;
        set
        {
            if (_schedule is not null)
                throw new InvalidOperationException(ScheduledRateMessage(_schedule));
            _learningRate = value;
        }
    }

    /// <summary>Whether a schedule drives the rate.</summary>
    public bool HasSchedule => _schedule is not null;

    /// <summary>Why the rate of an optimizer with <paramref name="schedule"/> cannot be set, and what to do instead.</summary>
    public static string ScheduledRateMessage(LearningRateSchedule schedule) =>
        $"The learning rate follows TrainerOptions.Optimizer.Schedule ({schedule}) and cannot be set: the schedule gives every step's rate " +
        "(Keras: \"This optimizer was created with a LearningRateSchedule object as its learning_rate constructor argument, hence its learning rate is not settable\"). " +
        "To set the rate yourself or from a callback (ReduceLROnPlateau, LearningRateScheduler), use a constant LearningRate and no Schedule.";

    /// <summary>Zeroes every parameter's gradient in place (parameters without one keep none).</summary>
    public void ZeroGrad()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        foreach (var parameter in _parameters)
        {
            using var gradient = parameter.grad;
            gradient?.zero_();
        }
    }

    /// <summary>
    /// One optimizer step, as Keras's <c>apply</c>: skips parameters without a gradient, clips the gradients (in place,
    /// as <c>clip_grad_norm_</c> does), applies weight decay, runs the update with the step's learning rate, and counts
    /// the step.
    /// </summary>
    /// <exception cref="InvalidOperationException">No parameter has a gradient (call <c>backward()</c> first).</exception>
    public void Step()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        try
        {
            bool any = false;
            for (int i = 0; i < _parameters.Length; i++)
            {
                _gradients[i] = _parameters[i].grad;
                any |= _gradients[i] is not null;
            }
            if (!any)
                throw new InvalidOperationException($"{Name}: no gradients for any parameter; call backward() on the loss before Step() (Keras: \"No gradients provided for any variable.\").");

            double learningRate = LearningRate;
            ClipGradients();
            ApplyWeightDecay(learningRate);
            Update(_parameters, _gradients, learningRate);
            Iterations++;
        }
        finally
        {
            Array.Clear(_gradients);
        }
    }

    /// <summary>
    /// Hands <paramref name="write"/> the whole state by name: <c>iteration</c> (int64), each slot as
    /// <c>&lt;Keras's variable name&gt;/&lt;parameter index&gt;</c>, and any further state (Nadam's <c>u_product</c>). The
    /// tensors are valid only during the call.
    /// </summary>
    public void WriteState(Action<IReadOnlyDictionary<string, Tensor>> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        ObjectDisposedException.ThrowIf(_disposed, this);
        // The scalars made here die with the scope; the slots are detached from it and live on.
        using var scope = torch.NewDisposeScope();
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal) { [IterationName] = torch.tensor(Iterations) };
        foreach (var (name, slots) in _slots)
        {
            for (int i = 0; i < slots.Length; i++)
                state[SlotName(name, i)] = slots[i];
        }
        AddExtraState(state);
        write(state);
    }

    /// <summary>Why <paramref name="state"/> (read from a checkpoint) does not fit this optimizer, or <see langword="null"/>.</summary>
    public string? Misfit(IReadOnlyDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        string? why = null;
        WriteState(expected => why = Compare(expected, state));
        return why;
    }

    /// <summary>Copies <paramref name="state"/> into this optimizer; the tensors stay the caller's.</summary>
    /// <exception cref="ArgumentException">The state does not fit (see <see cref="Misfit"/>); nothing was changed.</exception>
    public void LoadState(IReadOnlyDictionary<string, Tensor> state)
    {
        if (Misfit(state) is { } why)
            throw new ArgumentException($"{Name}'s state does not fit: {why}.", nameof(state));
        using var noGrad = torch.no_grad();
        foreach (var (name, slots) in _slots)
        {
            for (int i = 0; i < slots.Length; i++)
                slots[i].copy_(state[SlotName(name, i)]);
        }
        Iterations = state[IterationName].item<long>();
        ReadExtraState(state);
    }

    /// <summary>Frees the slots and constants.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        foreach (var (_, slots) in _slots)
        {
            foreach (var slot in slots)
                slot.Dispose();
        }
        foreach (var constant in _constants)
            constant.Dispose();
    }

    /// <summary>
    /// The optimizer's update of every parameter whose gradient is not null (Keras's <c>update_step</c>, or the torch
    /// backend's <c>_parallel_update_step</c>), in place, under <c>no_grad</c> and a dispose scope.
    /// </summary>
    protected abstract void Update(ReadOnlySpan<Parameter> variables, ReadOnlySpan<Tensor?> gradients, double learningRate);

    /// <summary>Adds state besides the slots and the step count (created tensors are freed after use).</summary>
    protected virtual void AddExtraState(IDictionary<string, Tensor> state)
    {
    }

    /// <summary>Restores what <see cref="AddExtraState"/> adds, from checked state.</summary>
    protected virtual void ReadExtraState(IReadOnlyDictionary<string, Tensor> state)
    {
    }

    /// <summary>
    /// Creates one slot per parameter, like it and filled with <paramref name="initialValue"/> (Keras's
    /// <c>add_optimizer_variables</c>), kept in the state under <paramref name="name"/>.
    /// </summary>
    protected Tensor[] AddSlots(string name, double initialValue = 0)
    {
        var slots = new Tensor[_parameters.Length];
        using (torch.no_grad())
        {
            for (int i = 0; i < slots.Length; i++)
            {
                var parameter = _parameters[i];
                var slot = initialValue == 0 ? torch.zeros_like(parameter) : torch.full_like(parameter, initialValue);
                slots[i] = slot.DetachFromDisposeScope();
            }
        }
        _slots.Add((name, slots));
        return slots;
    }

    /// <summary>A TorchSharp scalar made once and freed with the optimizer (an implicit conversion would make one per use).</summary>
    protected Scalar Constant(double value)
    {
        Scalar scalar = value;
        _constants.Add(scalar);
        return scalar;
    }

    private static string SlotName(string name, int index) => name + "/" + index.ToString(CultureInfo.InvariantCulture);

    // Keras's _clip_gradients: one of the three is set at most (OptimizerSettings.Validate).
    private void ClipGradients()
    {
        if (_clipNorm is not null)
        {
            foreach (var gradient in _gradients)
            {
                if (gradient is not null)
                    GradientClipping.ByNorm(gradient, _clip!);
            }
        }
        else if (_globalClipNorm is { } globalNorm)
        {
            GradientClipping.ByGlobalNorm(_gradients, globalNorm);
        }
        else if (_clipValue is not null)
        {
            foreach (var gradient in _gradients)
                gradient?.clamp_(_negativeClip!, _clip!);
        }
    }

    // Keras's _apply_weight_decay: variable -= variable * weight_decay * learning_rate, for the variables with a gradient.
    private void ApplyWeightDecay(double learningRate)
    {
        if (_weightDecay is not { } decay || decay == 0)
            return;
        using Scalar shrink = -(decay * learningRate);
        for (int i = 0; i < _parameters.Length; i++)
        {
            if (_gradients[i] is not null)
                _parameters[i].add_(_parameters[i], shrink);
        }
    }

    private static string? Compare(IReadOnlyDictionary<string, Tensor> expected, IReadOnlyDictionary<string, Tensor> actual)
    {
        foreach (var (name, tensor) in expected)
        {
            if (!actual.TryGetValue(name, out var found))
                return $"it lacks '{name}'";
            if (found.dtype != tensor.dtype)
                return $"'{name}' is {found.dtype} in the checkpoint but {tensor.dtype} here";
            if (!found.shape.SequenceEqual(tensor.shape))
                return $"'{name}' has shape ({string.Join(", ", found.shape)}) in the checkpoint but ({string.Join(", ", tensor.shape)}) here";
        }
        foreach (var name in actual.Keys)
        {
            if (!expected.ContainsKey(name))
                return $"it holds '{name}', which this optimizer does not have";
        }
        return null;
    }
}
