using System;
using System.Globalization;

namespace Dsl.Training;

/// <summary>
/// Sets the learning rate at the start of every epoch from a function of the epoch: Keras's
/// <c>keras.callbacks.LearningRateScheduler</c>.
/// </summary>
/// <remarks>
/// As in Keras, the schedule receives the epoch's <b>0-based index</b> (the first epoch is 0) and the current learning
/// rate, so a Keras schedule ports unchanged. It is stateless: the trainer's checkpoint keeps the learning rate. For a rate
/// that changes every step, set <see cref="OptimizerSettings.Schedule"/> instead; the two cannot be combined (adding this
/// callback to a trainer with a schedule throws <see cref="InvalidOperationException"/>).
/// </remarks>
/// <example><code>
/// // Keep the rate for ten epochs, then decay it exponentially (Keras's own example).
/// trainer.Callbacks.Add(new LearningRateScheduler((epoch, lr) => epoch &lt; 10 ? lr : lr * Math.Exp(-0.1)));
/// </code></example>
public sealed class LearningRateScheduler : Callback
{
    private readonly Func<int, double, double> _schedule;

    /// <summary>A schedule of the 0-based epoch index and the current learning rate.</summary>
    /// <param name="schedule">Returns the learning rate for the epoch; finite and at least 0.</param>
    /// <param name="verbose">1 prints the rate set at every epoch.</param>
    public LearningRateScheduler(Func<int, double, double> schedule, int verbose = 0)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        _schedule = schedule;
        Verbose = verbose;
    }

    /// <summary>A schedule of the 0-based epoch index alone (Keras's older form).</summary>
    public LearningRateScheduler(Func<int, double> schedule, int verbose = 0)
        : this(WithoutRate(schedule), verbose)
    {
    }

    /// <summary>1 prints messages.</summary>
    public int Verbose { get; }

    /// <inheritdoc />
    internal override bool SetsLearningRate => true;

    /// <inheritdoc />
    public override void OnEpochBegin(CallbackContext context, int epoch)
    {
        ArgumentNullException.ThrowIfNull(context);
        double rate = _schedule(epoch - 1, context.LearningRate);
        if (!(rate >= 0) || double.IsInfinity(rate))
        {
            throw new InvalidOperationException(
                string.Create(CultureInfo.InvariantCulture, $"The learning rate schedule returned {rate} for epoch index {epoch - 1}; it must return a finite number of at least 0."));
        }
        context.LearningRate = rate;
        if (Verbose > 0)
            context.Log(string.Create(CultureInfo.InvariantCulture, $"Epoch {epoch}: LearningRateScheduler setting learning rate to {rate:R}."));
    }

    private static Func<int, double, double> WithoutRate(Func<int, double> schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return (epoch, _) => schedule(epoch);
    }
}
