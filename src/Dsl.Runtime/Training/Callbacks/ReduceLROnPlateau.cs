using System;
using System.Globalization;
using System.Text.Json.Serialization;

namespace Dsl.Training;

/// <summary>
/// Lowers the learning rate when a monitored quantity has stopped improving: Keras's
/// <c>keras.callbacks.ReduceLROnPlateau</c>, with its arguments and their meaning.
/// </summary>
/// <remarks>
/// After each epoch: while in cooldown, the cooldown counter drops by one and the wait count is cleared. An
/// improvement (by more than <see cref="MinDelta"/> on the best so far) clears the wait count; otherwise, outside
/// cooldown, the wait count grows, and when it reaches <see cref="Patience"/> the learning rate becomes
/// <c>max(lr * factor, min_lr)</c> (if it is still above <see cref="MinLr"/>), followed by <see cref="Cooldown"/> epochs
/// of cooldown. The counters and best value are kept in the trainer's checkpoints, and the trainer's checkpoint keeps
/// the lowered learning rate. It cannot be combined with <see cref="OptimizerSettings.Schedule"/>, which sets every
/// step's rate: adding it to such a trainer throws <see cref="InvalidOperationException"/>.
/// </remarks>
/// <example><code>
/// trainer.Callbacks.Add(new ReduceLROnPlateau(monitor: "val_loss", factor: 0.2, patience: 5, minLr: 1e-5));
/// </code></example>
public sealed class ReduceLROnPlateau : Callback
{
    private readonly Monitor _monitor;

    /// <summary>Creates the callback; the arguments and defaults are Keras's.</summary>
    /// <param name="monitor">The quantity to watch.</param>
    /// <param name="factor">The learning rate is multiplied by this, in (0, 1).</param>
    /// <param name="patience">Epochs without improvement before the rate is lowered.</param>
    /// <param name="verbose">1 prints a line whenever the rate is lowered.</param>
    /// <param name="mode">Whether lower (<c>Min</c>) or higher (<c>Max</c>) is better; <c>Auto</c> infers it from the name.</param>
    /// <param name="minDelta">The smallest change that counts as an improvement.</param>
    /// <param name="cooldown">Epochs after a reduction during which the wait count stays at 0.</param>
    /// <param name="minLr">The learning rate never goes below this.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range (factor must be in (0, 1)).</exception>
    /// <exception cref="ArgumentException"><c>Auto</c> cannot tell the direction of <paramref name="monitor"/>.</exception>
    public ReduceLROnPlateau(
        string monitor = EpochLogs.ValidationLoss,
        double factor = 0.1,
        int patience = 10,
        int verbose = 0,
        MonitorMode mode = MonitorMode.Auto,
        double minDelta = 1e-4,
        int cooldown = 0,
        double minLr = 0)
    {
        // Keras rejects factor >= 1 ("does not support a factor >= 1.0"); 0 or less would zero or flip the rate.
        if (!(factor > 0 && factor < 1))
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "ReduceLROnPlateau's factor must be in (0, 1): new_lr = lr * factor.");
        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        ArgumentOutOfRangeException.ThrowIfNegative(cooldown);
        if (!(minLr >= 0) || double.IsInfinity(minLr))
            throw new ArgumentOutOfRangeException(nameof(minLr), minLr, "ReduceLROnPlateau's minLr must be a finite number of at least 0.");
        _monitor = new Monitor(nameof(ReduceLROnPlateau), monitor, mode, minDelta);
        Factor = factor;
        Patience = patience;
        Verbose = verbose;
        Cooldown = cooldown;
        MinLr = minLr;
    }

    /// <summary>The quantity watched.</summary>
    public string Monitor => _monitor.Name;

    /// <summary>The multiplier applied to the learning rate.</summary>
    public double Factor { get; }

    /// <summary>Epochs without improvement before a reduction.</summary>
    public int Patience { get; }

    /// <summary>1 prints messages.</summary>
    public int Verbose { get; }

    /// <summary>The mode as given.</summary>
    public MonitorMode Mode => _monitor.Mode;

    /// <summary>The smallest change that counts as an improvement (absolute value).</summary>
    public double MinDelta => _monitor.AbsoluteMinDelta;

    /// <summary>Epochs of cooldown after a reduction.</summary>
    public int Cooldown { get; }

    /// <summary>The lower bound on the learning rate.</summary>
    public double MinLr { get; }

    /// <summary>Epochs without improvement so far (Keras's <c>wait</c>).</summary>
    public int Wait { get; private set; }

    /// <summary>Cooldown epochs left (Keras's <c>cooldown_counter</c>).</summary>
    public int CooldownCounter { get; private set; }

    /// <summary>The best value seen, or <see langword="null"/> before the first epoch.</summary>
    public double? Best { get; private set; }

    /// <summary>Whether a reduction's cooldown is still running.</summary>
    public bool InCooldown => CooldownCounter > 0;

    /// <inheritdoc />
    internal override bool SetsLearningRate => true;

    /// <inheritdoc />
    public override void OnTrainBegin(CallbackContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.RequireMetric(nameof(ReduceLROnPlateau), Monitor);
        _monitor.Resolve(context);
        if (context.IsResuming)
            return;
        Best = null;
        CooldownCounter = 0;
        Wait = 0;
    }

    /// <inheritdoc />
    public override void OnEpochEnd(CallbackContext context, int epoch, EpochLogs logs)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(logs);
        if (!logs.TryGetValue(Monitor, out double current))
            return;
        if (InCooldown)
        {
            CooldownCounter--;
            Wait = 0;
        }

        if (_monitor.IsImprovement(current, Best))
        {
            Best = current;
            Wait = 0;
        }
        else if (!InCooldown)
        {
            Wait++;
            if (Wait >= Patience)
            {
                double oldLr = context.LearningRate;
                // Keras reads the rate from a float32 variable and compares it with float32(min_lr): once the rate has
                // reached min_lr (to float32 precision) it is left alone.
                if ((float)oldLr > (float)MinLr)
                {
                    double newLr = Math.Max(oldLr * Factor, MinLr);
                    context.LearningRate = newLr;
                    if (Verbose > 0)
                        context.Log(string.Create(CultureInfo.InvariantCulture, $"Epoch {epoch}: ReduceLROnPlateau reducing learning rate to {newLr:R}."));
                    CooldownCounter = Cooldown;
                    Wait = 0;
                }
            }
        }
    }

    /// <inheritdoc />
    public override CallbackState GetState() => CallbackState.From(new State(Wait, CooldownCounter, Best));

    /// <inheritdoc />
    public override void SetState(CallbackState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var saved = state.Read<State>();
        (Wait, CooldownCounter, Best) = (saved.Wait, saved.CooldownCounter, saved.Best);
    }

    private sealed record State(
        [property: JsonPropertyName("wait")] int Wait,
        [property: JsonPropertyName("cooldown_counter")] int CooldownCounter,
        [property: JsonPropertyName("best")] double? Best);
}
