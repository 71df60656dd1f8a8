using System;
using System.Globalization;
using System.Text.Json.Serialization;

namespace Dsl.Training;

/// <summary>
/// A learning rate that changes with the optimizer's step count: Keras's
/// <c>keras.optimizers.schedules.LearningRateSchedule</c>. Set one as <see cref="OptimizerSettings.Schedule"/>; step
/// <c>t</c> (counted from 0, Keras's <c>optimizer.iterations</c>) then trains with <see cref="At"/>(t).
/// </summary>
/// <remarks>
/// Built in, with Keras's formulas and defaults: <see cref="ExponentialDecay"/>, <see cref="PiecewiseConstantDecay"/>,
/// <see cref="CosineDecay"/> (with Keras 3's linear warm-up), <see cref="InverseTimeDecay"/> and
/// <see cref="PolynomialDecay"/>. Records, so schedules compare by value (a checkpoint resumes only with an equal one),
/// and serialise to JSON with a <c>kind</c> discriminator. Keras evaluates schedules in float32; these compute in
/// double, which the optimizer then applies to float32 weights.
/// </remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ExponentialDecay), "exponential_decay")]
[JsonDerivedType(typeof(PiecewiseConstantDecay), "piecewise_constant_decay")]
[JsonDerivedType(typeof(CosineDecay), "cosine_decay")]
[JsonDerivedType(typeof(InverseTimeDecay), "inverse_time_decay")]
[JsonDerivedType(typeof(PolynomialDecay), "polynomial_decay")]
public abstract record LearningRateSchedule
{
    // Only the sealed records of this folder derive from this: JSON must know every kind it may read back.
    private protected LearningRateSchedule()
    {
    }

    /// <summary>The learning rate of step <paramref name="step"/> (0 for the first step, as Keras counts iterations).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
    public double At(long step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        return Compute(step);
    }

    /// <summary>The schedule's formula at a step of at least 0.</summary>
    private protected abstract double Compute(long step);

    /// <summary>Throws unless <paramref name="value"/> is a finite number of at least 0 (a learning rate of the schedule).</summary>
    private protected static double RequireRate(double value, string name, string schedule)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, $"{schedule}'s {name} must be a finite learning rate of at least 0.");
        return value;
    }

    /// <summary>Throws unless <paramref name="value"/> is positive and finite; Keras: "Argument `decay_steps` must be > 0".</summary>
    private protected static double RequireSteps(double value, string name, string schedule)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value,
                string.Create(CultureInfo.InvariantCulture, $"{schedule}'s {name} must be a positive, finite number of steps (Keras: \"Argument `decay_steps` must be > 0\"); got {value}."));
        }
        return value;
    }
}
