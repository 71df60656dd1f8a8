using System;

namespace Dsl.Training;

/// <summary>
/// Keras's <c>ExponentialDecay</c>: <c>initial_learning_rate * decay_rate ^ (step / decay_steps)</c>, the exponent
/// rounded down to an integer when <see cref="Staircase"/> is set (the rate then drops every <see cref="DecaySteps"/>).
/// </summary>
/// <example><code>
/// // 0.1, halved every 10 steps: 0.05 at step 10, 0.025 at step 20.
/// var schedule = new ExponentialDecay(0.1, decaySteps: 10, decayRate: 0.5);
/// </code></example>
public sealed record ExponentialDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule; arguments as Keras's.</summary>
    /// <param name="initialLearningRate">The rate at step 0; finite, at least 0.</param>
    /// <param name="decaySteps">Steps over which the rate is multiplied by <paramref name="decayRate"/>; positive.</param>
    /// <param name="decayRate">The factor per <paramref name="decaySteps"/>; positive and finite.</param>
    /// <param name="staircase">Decay in whole steps of <paramref name="decaySteps"/> (integer division), as Keras's <c>staircase</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public ExponentialDecay(double initialLearningRate, double decaySteps, double decayRate, bool staircase = false)
    {
        InitialLearningRate = RequireRate(initialLearningRate, nameof(initialLearningRate), nameof(ExponentialDecay));
        DecaySteps = RequireSteps(decaySteps, nameof(decaySteps), nameof(ExponentialDecay));
        if (!(decayRate > 0) || double.IsInfinity(decayRate))
            throw new ArgumentOutOfRangeException(nameof(decayRate), decayRate, "ExponentialDecay's decayRate must be a positive, finite factor (e.g. 0.96).");
        DecayRate = decayRate;
        Staircase = staircase;
    }

    /// <summary>The rate at step 0.</summary>
    public double InitialLearningRate { get; }

    /// <summary>Steps over which the rate is multiplied by <see cref="DecayRate"/>.</summary>
    public double DecaySteps { get; }

    /// <summary>The factor applied every <see cref="DecaySteps"/> steps.</summary>
    public double DecayRate { get; }

    /// <summary>Whether the exponent is rounded down to an integer.</summary>
    public bool Staircase { get; }

    /// <inheritdoc />
    private protected override double Compute(long step)
    {
        double p = step / DecaySteps;
        if (Staircase)
            p = Math.Floor(p);
        return InitialLearningRate * Math.Pow(DecayRate, p);
    }
}
