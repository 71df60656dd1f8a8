using System;

namespace Dsl.Training;

/// <summary>
/// Keras 3's <c>CosineDecay</c>, with its optional linear warm-up. Without <see cref="WarmupTarget"/>: the rate falls
/// from <see cref="InitialLearningRate"/> along half a cosine to <c>initial * alpha</c> in <see cref="DecaySteps"/>
/// steps, and stays there. With it: the rate first rises linearly from <see cref="InitialLearningRate"/> to
/// <see cref="WarmupTarget"/> over <see cref="WarmupSteps"/>, then decays from <see cref="WarmupTarget"/> to
/// <c>warmup_target * alpha</c> over the next <see cref="DecaySteps"/>.
/// </summary>
/// <example><code>
/// // Warm up from 0 to 0.1 in 1,000 steps, then decay to 0 in 10,000 (Keras's example).
/// var schedule = new CosineDecay(0, decaySteps: 10_000, warmupTarget: 0.1, warmupSteps: 1_000);
/// </code></example>
public sealed record CosineDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule; arguments and defaults as Keras's.</summary>
    /// <param name="initialLearningRate">The rate at step 0; finite, at least 0.</param>
    /// <param name="decaySteps">Steps of the cosine decay; positive.</param>
    /// <param name="alpha">The final rate as a fraction of the decay's starting rate, in [0, 1]. Keras's default: 0.</param>
    /// <param name="warmupTarget">The rate the warm-up reaches, or <see langword="null"/> (Keras's default) for no warm-up.</param>
    /// <param name="warmupSteps">Steps of the warm-up; finite, at least 0. Keras's default: 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public CosineDecay(double initialLearningRate, double decaySteps, double alpha = 0, double? warmupTarget = null, double warmupSteps = 0)
    {
        InitialLearningRate = RequireRate(initialLearningRate, nameof(initialLearningRate), nameof(CosineDecay));
        DecaySteps = RequireSteps(decaySteps, nameof(decaySteps), nameof(CosineDecay));
        if (!(alpha >= 0 && alpha <= 1))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "CosineDecay's alpha must be in [0, 1]: the final rate as a fraction of the starting one (Keras's default is 0).");
        Alpha = alpha;
        if (warmupTarget is { } target)
            RequireRate(target, nameof(warmupTarget), nameof(CosineDecay));
        WarmupTarget = warmupTarget;
        if (!(warmupSteps >= 0) || double.IsInfinity(warmupSteps))
            throw new ArgumentOutOfRangeException(nameof(warmupSteps), warmupSteps, "CosineDecay's warmupSteps must be a finite number of steps of at least 0 (Keras's default is 0).");
        if (warmupSteps > 0 && warmupTarget is null)
            throw new ArgumentException("CosineDecay's warmupSteps needs a warmupTarget, the rate the warm-up climbs to; without one Keras ignores the warm-up.", nameof(warmupSteps));
        WarmupSteps = warmupSteps;
    }

    /// <summary>The rate at step 0 (the warm-up's start, or the decay's when there is no warm-up).</summary>
    public double InitialLearningRate { get; }

    /// <summary>Steps of the cosine decay.</summary>
    public double DecaySteps { get; }

    /// <summary>The final rate as a fraction of the decay's starting rate.</summary>
    public double Alpha { get; }

    /// <summary>The rate the warm-up reaches, or <see langword="null"/> for no warm-up.</summary>
    public double? WarmupTarget { get; }

    /// <summary>Steps of the warm-up.</summary>
    public double WarmupSteps { get; }

    /// <inheritdoc />
    private protected override double Compute(long step)
    {
        if (WarmupTarget is not { } target)
            return Decay(Math.Min(step, DecaySteps), InitialLearningRate);

        double current = Math.Min(step, DecaySteps + WarmupSteps);
        if (current < WarmupSteps)
            return (target - InitialLearningRate) * (current / WarmupSteps) + InitialLearningRate;
        return Decay(current - WarmupSteps, target);
    }

    private double Decay(double step, double from)
    {
        double cosine = 0.5 * (1.0 + Math.Cos(Math.PI * (step / DecaySteps)));
        return from * ((1 - Alpha) * cosine + Alpha);
    }
}
