using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using TorchSharp.Modules;

namespace Dsl.Training;

/// <summary>
/// The optimizer a <see cref="Trainer"/> builds, with its hyper-parameters: one of Keras 3's optimizers, with Keras's
/// names, defaults and exact update rules. Create one with <see cref="Sgd"/>, <see cref="Adam"/>, <see cref="AdamW"/>,
/// <see cref="RmsProp"/>, <see cref="Adagrad"/> or <see cref="Nadam"/>; records, so <c>with</c> changes a single value,
/// including the options every Keras optimizer takes (<see cref="WeightDecay"/>, <see cref="ClipNorm"/>,
/// <see cref="ClipValue"/>, <see cref="GlobalClipNorm"/>, <see cref="Schedule"/>).
/// Serialises to JSON with a <c>kind</c> discriminator (<c>sgd</c>, <c>adam</c>, <c>adamw</c>, <c>rmsprop</c>,
/// <c>adagrad</c>, <c>nadam</c>) for run records and checkpoints.
/// </summary>
/// <remarks>
/// Each step follows Keras's <c>BaseOptimizer.apply</c>: parameters without a gradient are skipped; gradients are clipped
/// (<see cref="ClipNorm"/> per parameter, <see cref="GlobalClipNorm"/> over all, or <see cref="ClipValue"/>); weight decay
/// shrinks each parameter by <c>parameter * weight_decay * learning_rate</c>; then the optimizer's update runs with the
/// step's learning rate, and the step count (Keras's <c>iterations</c>) grows by one.
/// The family is closed (its constructor is not public): the trainer, the checkpoint files and JSON know each kind.
/// </remarks>
/// <example><code>
/// var options = new TrainerOptions
/// {
///     Optimizer = OptimizerSettings.AdamW(learningRate: 3e-4) with { GlobalClipNorm = 1.0, Schedule = new CosineDecay(3e-4, decaySteps: 10_000) },
/// };
/// </code></example>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(AdamSettings), "adam")]
[JsonDerivedType(typeof(SgdSettings), "sgd")]
[JsonDerivedType(typeof(AdamWSettings), "adamw")]
[JsonDerivedType(typeof(RmsPropSettings), "rmsprop")]
[JsonDerivedType(typeof(AdagradSettings), "adagrad")]
[JsonDerivedType(typeof(NadamSettings), "nadam")]
public abstract record OptimizerSettings
{
    // Only the sealed records beside this file derive from it: each has its engine, JSON kind and checkpoint state.
    private protected OptimizerSettings()
    {
    }

    /// <summary>
    /// The step size; must be positive and finite. Ignored (and not checked) while <see cref="Schedule"/> is set: the
    /// schedule gives every step's rate.
    /// </summary>
    public double LearningRate { get; init; }

    /// <summary>
    /// Keras's <c>weight_decay</c>: before each update, every parameter with a gradient becomes
    /// <c>parameter - parameter * WeightDecay * learning_rate</c> (decoupled from the gradient, as in AdamW).
    /// <see langword="null"/> (Keras's default, except AdamW's 0.004) for none; otherwise finite, at least 0.
    /// </summary>
    public double? WeightDecay { get; init; }

    /// <summary>
    /// Keras's <c>clipnorm</c>: each parameter's gradient is scaled down so its L2 norm is at most this.
    /// <see langword="null"/> (Keras's default) for none; otherwise positive and finite. At most one of the three clips.
    /// </summary>
    public double? ClipNorm { get; init; }

    /// <summary>
    /// Keras's <c>clipvalue</c>: every gradient element is clipped to [-ClipValue, ClipValue].
    /// <see langword="null"/> (Keras's default) for none; otherwise positive and finite. At most one of the three clips.
    /// </summary>
    public double? ClipValue { get; init; }

    /// <summary>
    /// Keras's <c>global_clipnorm</c>: all gradients are scaled together so the norm of their concatenation is at most
    /// this. <see langword="null"/> (Keras's default) for none; otherwise positive and finite. At most one of the three clips.
    /// </summary>
    public double? GlobalClipNorm { get; init; }

    /// <summary>
    /// A learning-rate schedule (Keras: a <c>LearningRateSchedule</c> passed as <c>learning_rate</c>): step <c>t</c>, counted
    /// from 0, trains with <c>Schedule.At(t)</c>, and <see cref="LearningRate"/> is not used. The trainer's learning rate
    /// then cannot be set, so <see cref="ReduceLROnPlateau"/> and <see cref="LearningRateScheduler"/> cannot be combined with it.
    /// <see langword="null"/> (the default) for the constant <see cref="LearningRate"/>.
    /// </summary>
    public LearningRateSchedule? Schedule { get; init; }

    /// <summary>The optimizer's name as Keras prints it (its class name), e.g. <c>Adam</c> or <c>RMSprop</c>.</summary>
    [JsonIgnore]
    public abstract string Name { get; }

    /// <summary>
    /// Keras's <c>SGD</c>: gradient descent with optional (Nesterov) momentum. Keras's defaults: learning rate 0.01,
    /// momentum 0, no Nesterov.
    /// </summary>
    /// <param name="learningRate">The step size.</param>
    /// <param name="momentum">Momentum factor in [0, 1); 0 is plain SGD.</param>
    /// <param name="nesterov">Use Nesterov momentum (needs a momentum above 0).</param>
    public static SgdSettings Sgd(double learningRate = 0.01, double momentum = 0, bool nesterov = false) =>
        new() { LearningRate = learningRate, Momentum = momentum, Nesterov = nesterov };

    /// <summary>
    /// Keras's <c>Adam</c>, with Keras's defaults: learning rate 0.001, betas 0.9 and 0.999, epsilon 1e-7 (added to the
    /// root of the uncorrected second moment, Keras's placement), no AMSGrad.
    /// </summary>
    /// <param name="learningRate">The step size.</param>
    /// <param name="beta1">Decay of the running mean of gradients, in [0, 1).</param>
    /// <param name="beta2">Decay of the running mean of squared gradients, in [0, 1).</param>
    /// <param name="epsilon">Added to the denominator for numerical stability; positive.</param>
    /// <param name="amsgrad">Use the AMSGrad variant (the largest second moment so far in the denominator).</param>
    public static AdamSettings Adam(double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7, bool amsgrad = false) =>
        new() { LearningRate = learningRate, Beta1 = beta1, Beta2 = beta2, Epsilon = epsilon, Amsgrad = amsgrad };

    /// <summary>
    /// Keras's <c>AdamW</c>: Adam with decoupled weight decay. Keras's defaults: learning rate 0.001, weight decay 0.004,
    /// betas 0.9 and 0.999, epsilon 1e-7, no AMSGrad.
    /// </summary>
    /// <param name="learningRate">The step size.</param>
    /// <param name="weightDecay">The decay (see <see cref="WeightDecay"/>); finite, at least 0.</param>
    /// <param name="beta1">Decay of the running mean of gradients, in [0, 1).</param>
    /// <param name="beta2">Decay of the running mean of squared gradients, in [0, 1).</param>
    /// <param name="epsilon">Added to the denominator for numerical stability; positive.</param>
    /// <param name="amsgrad">Use the AMSGrad variant.</param>
    public static AdamWSettings AdamW(double learningRate = 1e-3, double weightDecay = 0.004, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7, bool amsgrad = false) =>
        new() { LearningRate = learningRate, WeightDecay = weightDecay, Beta1 = beta1, Beta2 = beta2, Epsilon = epsilon, Amsgrad = amsgrad };

    /// <summary>
    /// Keras's <c>RMSprop</c>. Keras's defaults: learning rate 0.001, rho 0.9, momentum 0, epsilon 1e-7, not centered.
    /// </summary>
    /// <param name="learningRate">The step size.</param>
    /// <param name="rho">Decay of the running mean of squared gradients, in [0, 1).</param>
    /// <param name="momentum">Momentum factor in [0, 1); 0 for none.</param>
    /// <param name="epsilon">Added under the root of the denominator; positive.</param>
    /// <param name="centered">Divide by the estimated variance of the gradient instead of its second moment.</param>
    public static RmsPropSettings RmsProp(double learningRate = 1e-3, double rho = 0.9, double momentum = 0, double epsilon = 1e-7, bool centered = false) =>
        new() { LearningRate = learningRate, Rho = rho, Momentum = momentum, Epsilon = epsilon, Centered = centered };

    /// <summary>Keras's <c>Adagrad</c>. Keras's defaults: learning rate 0.001, initial accumulator 0.1, epsilon 1e-7.</summary>
    /// <param name="learningRate">The step size.</param>
    /// <param name="initialAccumulatorValue">The starting value of every accumulator; finite, at least 0.</param>
    /// <param name="epsilon">Added under the root of the denominator; positive.</param>
    public static AdagradSettings Adagrad(double learningRate = 1e-3, double initialAccumulatorValue = 0.1, double epsilon = 1e-7) =>
        new() { LearningRate = learningRate, InitialAccumulatorValue = initialAccumulatorValue, Epsilon = epsilon };

    /// <summary>Keras's <c>Nadam</c> (Adam with Nesterov momentum). Keras's defaults: learning rate 0.001, betas 0.9 and 0.999, epsilon 1e-7.</summary>
    /// <param name="learningRate">The step size.</param>
    /// <param name="beta1">Decay of the running mean of gradients, in [0, 1).</param>
    /// <param name="beta2">Decay of the running mean of squared gradients, in [0, 1).</param>
    /// <param name="epsilon">Added to the denominator for numerical stability; positive.</param>
    public static NadamSettings Nadam(double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7) =>
        new() { LearningRate = learningRate, Beta1 = beta1, Beta2 = beta2, Epsilon = epsilon };

    /// <summary>Keras's default learning rate for this optimizer, quoted in error messages.</summary>
    private protected abstract double DefaultLearningRate { get; }

    /// <summary>Throws if a hyper-parameter is out of range, naming it, the accepted range and Keras's default.</summary>
    internal virtual void Validate()
    {
        if (Schedule is null && (!(LearningRate > 0) || double.IsInfinity(LearningRate)))
        {
            throw new ArgumentOutOfRangeException("options", LearningRate,
                Invariant($"{Name}'s LearningRate must be a positive, finite number (Keras's default for {Name} is {DefaultLearningRate})."));
        }
        if (WeightDecay is { } decay && (!(decay >= 0) || double.IsInfinity(decay)))
        {
            throw new ArgumentOutOfRangeException("options", decay,
                $"{Name}'s WeightDecay must be null (no weight decay, Keras's default{(this is AdamWSettings ? " except AdamW's 0.004" : "")}) or a finite number of at least 0.");
        }
        RequireClip(ClipNorm, nameof(ClipNorm));
        RequireClip(ClipValue, nameof(ClipValue));
        RequireClip(GlobalClipNorm, nameof(GlobalClipNorm));
        int clips = (ClipNorm is null ? 0 : 1) + (ClipValue is null ? 0 : 1) + (GlobalClipNorm is null ? 0 : 1);
        if (clips > 1)
        {
            throw new ArgumentException(
                Invariant($"{Name}: only one of ClipNorm, ClipValue and GlobalClipNorm can be set, as in Keras; got ClipNorm = {Show(ClipNorm)}, ClipValue = {Show(ClipValue)}, GlobalClipNorm = {Show(GlobalClipNorm)}. Keep one and set the others to null."),
                "options");
        }
    }

    /// <summary>Builds this optimizer's engine over <paramref name="parameters"/> (its state starts as Keras's: zero steps, fresh slots).</summary>
    internal abstract KerasOptimizer Create(IReadOnlyList<Parameter> parameters);

    /// <summary>Throws unless <paramref name="value"/> is in [0, 1).</summary>
    private protected void RequireFraction(double value, string property, string kerasDefault)
    {
        if (!(value >= 0 && value < 1))
            throw new ArgumentOutOfRangeException("options", value, $"{Name}'s {property} must be in [0, 1) (Keras's default is {kerasDefault}).");
    }

    /// <summary>Throws unless <paramref name="value"/> is positive and finite.</summary>
    private protected void RequirePositive(double value, string property, string kerasDefault)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException("options", value, $"{Name}'s {property} must be a positive, finite number (Keras's default is {kerasDefault}).");
    }

    private void RequireClip(double? value, string property)
    {
        if (value is { } clip && (!(clip > 0) || double.IsInfinity(clip)))
            throw new ArgumentOutOfRangeException("options", clip, $"{Name}'s {property} must be null (no clipping, Keras's default) or a positive, finite number.");
    }

    /// <summary>Prints the options every optimizer has, unset ones as <c>null</c>, for the messages that quote settings.</summary>
    protected virtual bool PrintMembers(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Append(CultureInfo.InvariantCulture,
            $"LearningRate = {Show(LearningRate)}, WeightDecay = {Show(WeightDecay)}, ClipNorm = {Show(ClipNorm)}, ClipValue = {Show(ClipValue)}, GlobalClipNorm = {Show(GlobalClipNorm)}, Schedule = {Schedule?.ToString() ?? "null"}");
        return true;
    }

    private static string Show(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "null";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
