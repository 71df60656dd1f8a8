using System;

namespace Dsl.Training;

/// <summary>
/// Keras's <c>PolynomialDecay</c>: from <see cref="InitialLearningRate"/> to <see cref="EndLearningRate"/> in
/// <see cref="DecaySteps"/> steps, <c>(initial - end) * (1 - step / decay_steps) ^ power + end</c>, then
/// <see cref="EndLearningRate"/>; with <see cref="Cycle"/>, <c>decay_steps</c> becomes the first multiple of itself
/// not below the step, so the decay restarts.
/// </summary>
public sealed record PolynomialDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule; arguments and defaults as Keras's.</summary>
    /// <param name="initialLearningRate">The rate at step 0; finite, at least 0.</param>
    /// <param name="decaySteps">Steps to reach <paramref name="endLearningRate"/>; positive.</param>
    /// <param name="endLearningRate">The rate after the decay; finite, at least 0. Keras's default: 0.0001.</param>
    /// <param name="power">The polynomial's power; positive and finite. Keras's default: 1 (linear).</param>
    /// <param name="cycle">Restart the decay after every <paramref name="decaySteps"/> (with longer periods), as Keras's <c>cycle</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public PolynomialDecay(double initialLearningRate, double decaySteps, double endLearningRate = 0.0001, double power = 1.0, bool cycle = false)
    {
        InitialLearningRate = RequireRate(initialLearningRate, nameof(initialLearningRate), nameof(PolynomialDecay));
        DecaySteps = RequireSteps(decaySteps, nameof(decaySteps), nameof(PolynomialDecay));
        EndLearningRate = RequireRate(endLearningRate, nameof(endLearningRate), nameof(PolynomialDecay));
        if (!(power > 0) || double.IsInfinity(power))
            throw new ArgumentOutOfRangeException(nameof(power), power, "PolynomialDecay's power must be a positive, finite number (Keras's default is 1.0, a linear decay).");
        Power = power;
        Cycle = cycle;
    }

    /// <summary>The rate at step 0.</summary>
    public double InitialLearningRate { get; }

    /// <summary>Steps to reach <see cref="EndLearningRate"/>.</summary>
    public double DecaySteps { get; }

    /// <summary>The rate after the decay.</summary>
    public double EndLearningRate { get; }

    /// <summary>The polynomial's power.</summary>
    public double Power { get; }

    /// <summary>Whether the decay restarts after <see cref="DecaySteps"/>.</summary>
    public bool Cycle { get; }

    /// <inheritdoc />
    private protected override double Compute(long step)
    {
        double current = step;
        double decaySteps = DecaySteps;
        if (Cycle)
        {
            // The first multiple of decay_steps not below the step; 1 at step 0, as Keras sets it.
            double multiplier = step == 0 ? 1 : Math.Ceiling(current / decaySteps);
            decaySteps *= multiplier;
        }
        else
        {
            current = Math.Min(current, decaySteps);
        }
        double p = current / decaySteps;
        return (InitialLearningRate - EndLearningRate) * Math.Pow(1 - p, Power) + EndLearningRate;
    }
}
