using System;

namespace Dsl.Training;

/// <summary>
/// Keras's <c>InverseTimeDecay</c>: <c>initial_learning_rate / (1 + decay_rate * step / decay_steps)</c>, with
/// <c>floor(step / decay_steps)</c> when <see cref="Staircase"/> is set.
/// </summary>
public sealed record InverseTimeDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule; arguments as Keras's.</summary>
    /// <param name="initialLearningRate">The rate at step 0; finite, at least 0.</param>
    /// <param name="decaySteps">How often the decay is applied; positive.</param>
    /// <param name="decayRate">The decay rate; finite, at least 0.</param>
    /// <param name="staircase">Decay in whole steps of <paramref name="decaySteps"/>, as Keras's <c>staircase</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public InverseTimeDecay(double initialLearningRate, double decaySteps, double decayRate, bool staircase = false)
    {
        InitialLearningRate = RequireRate(initialLearningRate, nameof(initialLearningRate), nameof(InverseTimeDecay));
        DecaySteps = RequireSteps(decaySteps, nameof(decaySteps), nameof(InverseTimeDecay));
        if (!(decayRate >= 0) || double.IsInfinity(decayRate))
            throw new ArgumentOutOfRangeException(nameof(decayRate), decayRate, "InverseTimeDecay's decayRate must be a finite number of at least 0 (e.g. 0.5).");
        DecayRate = decayRate;
        Staircase = staircase;
    }

    /// <summary>The rate at step 0.</summary>
    public double InitialLearningRate { get; }

    /// <summary>How often the decay is applied.</summary>
    public double DecaySteps { get; }

    /// <summary>The decay rate.</summary>
    public double DecayRate { get; }

    /// <summary>Whether <c>step / decay_steps</c> is rounded down to an integer.</summary>
    public bool Staircase { get; }

    /// <inheritdoc />
    private protected override double Compute(long step)
    {
        double p = step / DecaySteps;
        if (Staircase)
            p = Math.Floor(p);
        return InitialLearningRate / (1 + DecayRate * p);
    }
}
