using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>
/// Stops training when a monitored quantity has stopped improving: Keras's <c>keras.callbacks.EarlyStopping</c>, with its
/// arguments and their meaning.
/// </summary>
/// <remarks>
/// <para>
/// After each epoch (from <see cref="StartFromEpoch"/> on) the monitored value counts as an improvement if it beats
/// the best so far by more than <see cref="MinDelta"/>. <see cref="Wait"/> counts epochs since the last improvement
/// that also beat <see cref="Baseline"/>; once it reaches <see cref="Patience"/> on an epoch without improvement,
/// training stops and the stop is recorded in the history. With <see cref="RestoreBestWeights"/>, the weights of
/// the best epoch are put back when training ends, whether it stopped early or not (Keras 3).
/// </para>
/// <para>The counters, the best value and the best weights are kept in the trainer's checkpoints.</para>
/// </remarks>
/// <example><code>
/// trainer.Callbacks.Add(new EarlyStopping(monitor: "val_loss", patience: 3, restoreBestWeights: true));
/// </code></example>
public sealed class EarlyStopping : Callback, IDisposable
{
    private readonly Monitor _monitor;
    private Dictionary<string, Tensor>? _bestWeights;

    /// <summary>Creates the callback; the arguments are Keras's.</summary>
    /// <param name="monitor">The quantity to watch: <c>val_loss</c> (default), <c>val_accuracy</c>, <c>loss</c>, <c>accuracy</c>.</param>
    /// <param name="minDelta">The smallest change that counts as an improvement (its sign is ignored).</param>
    /// <param name="patience">Epochs without improvement after which training stops.</param>
    /// <param name="verbose">1 prints a line when training stops and when weights are restored.</param>
    /// <param name="mode">Whether lower (<c>Min</c>) or higher (<c>Max</c>) is better; <c>Auto</c> infers it from the name.</param>
    /// <param name="baseline">A value to beat: until an epoch improves on it, improvements do not reset the patience count.</param>
    /// <param name="restoreBestWeights">Put back the weights of the best epoch when training ends.</param>
    /// <param name="startFromEpoch">Epochs of warm-up, not monitored at all.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or minDelta is not finite.</exception>
    /// <exception cref="ArgumentException"><c>Auto</c> cannot tell the direction of <paramref name="monitor"/>.</exception>
    public EarlyStopping(
        string monitor = EpochLogs.ValidationLoss,
        double minDelta = 0,
        int patience = 0,
        int verbose = 0,
        MonitorMode mode = MonitorMode.Auto,
        double? baseline = null,
        bool restoreBestWeights = false,
        int startFromEpoch = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        ArgumentOutOfRangeException.ThrowIfNegative(startFromEpoch);
        if (baseline is { } b && double.IsNaN(b))
            throw new ArgumentOutOfRangeException(nameof(baseline), b, "EarlyStopping's baseline must be a number (or null).");
        _monitor = new Monitor(nameof(EarlyStopping), monitor, mode, minDelta);
        Patience = patience;
        Verbose = verbose;
        Baseline = baseline;
        RestoreBestWeights = restoreBestWeights;
        StartFromEpoch = startFromEpoch;
    }

    /// <summary>The quantity watched.</summary>
    public string Monitor => _monitor.Name;

    /// <summary>The smallest change that counts as an improvement (absolute value).</summary>
    public double MinDelta => _monitor.AbsoluteMinDelta;

    /// <summary>Epochs without improvement after which training stops.</summary>
    public int Patience { get; }

    /// <summary>1 prints messages.</summary>
    public int Verbose { get; }

    /// <summary>The mode as given.</summary>
    public MonitorMode Mode => _monitor.Mode;

    /// <summary>The value to beat, or <see langword="null"/>.</summary>
    public double? Baseline { get; }

    /// <summary>Whether the best epoch's weights are put back at the end.</summary>
    public bool RestoreBestWeights { get; }

    /// <summary>Warm-up epochs that are not monitored (Keras: epochs with index below this, i.e. the first N).</summary>
    public int StartFromEpoch { get; }

    /// <summary>Epochs counted towards <see cref="Patience"/> (Keras's <c>wait</c>).</summary>
    public int Wait { get; private set; }

    /// <summary>The best value seen, or <see langword="null"/> before the first monitored epoch.</summary>
    public double? Best { get; private set; }

    /// <summary>The epoch (from 1) of <see cref="Best"/>, 0 before the first monitored epoch.</summary>
    public int BestEpoch { get; private set; }

    /// <summary>The epoch (from 1) after which training was stopped, 0 if it was not.</summary>
    public int StoppedEpoch { get; private set; }

    /// <inheritdoc />
    public override void OnTrainBegin(CallbackContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.RequireMetric(nameof(EarlyStopping), Monitor);
        _monitor.Resolve(context);
        if (context.IsResuming)
            return;
        // Keras resets in on_train_begin so that an instance can be reused; a resumed run keeps its restored state.
        Wait = 0;
        StoppedEpoch = 0;
        Best = null;
        BestEpoch = 0;
        ReplaceBestWeights(null);
    }

    /// <inheritdoc />
    public override void OnEpochEnd(CallbackContext context, int epoch, EpochLogs logs)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(logs);
        // Keras: `epoch < start_from_epoch` with 0-based epochs skips the first start_from_epoch epochs.
        if (!logs.TryGetValue(Monitor, out double current) || epoch - 1 < StartFromEpoch)
            return;
        if (RestoreBestWeights && _bestWeights is null)
        {
            // Never set: the current weights are the best.
            ReplaceBestWeights(Snapshot(context.Model));
            BestEpoch = epoch;
        }

        Wait++;
        if (_monitor.IsImprovement(current, Best))
        {
            Best = current;
            BestEpoch = epoch;
            if (RestoreBestWeights)
                ReplaceBestWeights(Snapshot(context.Model));
            // Only restart the count when the value beats both the previous best and the baseline.
            if (Baseline is null || _monitor.IsImprovement(current, Baseline))
                Wait = 0;
            return;
        }

        if (Wait >= Patience && epoch > 1)
        {
            StoppedEpoch = epoch;
            string best = Best is { } value ? Format(value) : "none";
            string reason = Baseline is { } baseline && (Best is null || !_monitor.IsImprovement(Best.Value, baseline))
                ? $"{Monitor} did not improve on the baseline {Format(baseline)} within {Epochs(Wait)} (best {best} at epoch {BestEpoch})"
                : $"{Monitor} did not improve by more than {Format(MinDelta)} for {Epochs(Wait)} (best {best} at epoch {BestEpoch})";
            context.StopTraining(new TrainingStop(epoch, nameof(EarlyStopping), reason) { Monitor = Monitor, Best = Best, BestEpoch = BestEpoch });
        }
    }

    /// <inheritdoc />
    public override void OnTrainEnd(CallbackContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (StoppedEpoch > 0 && Verbose > 0)
            context.Log(Invariant($"Epoch {StoppedEpoch}: early stopping"));
        if (RestoreBestWeights && _bestWeights is not null)
        {
            if (Verbose > 0)
                context.Log(Invariant($"Restoring model weights from the end of the best epoch: {BestEpoch}."));
            Load(context.Model, _bestWeights);
            context.ReportRestoredWeights(BestEpoch);
        }
    }

    /// <inheritdoc />
    public override CallbackState GetState() =>
        CallbackState.From(new State(Wait, Best, BestEpoch, StoppedEpoch), _bestWeights);

    /// <inheritdoc />
    public override void SetState(CallbackState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var saved = state.Read<State>();
        (Wait, Best, BestEpoch, StoppedEpoch) = (saved.Wait, saved.Best, saved.BestEpoch, saved.StoppedEpoch);
        ReplaceBestWeights(state.Tensors.Count == 0 ? null : state.Tensors.ToDictionary(kv => kv.Key, kv => Keep(kv.Value.clone())));
    }

    /// <summary>Frees the copy of the best weights.</summary>
    public void Dispose() => ReplaceBestWeights(null);

    private void ReplaceBestWeights(Dictionary<string, Tensor>? weights)
    {
        if (_bestWeights is not null)
        {
            foreach (var tensor in _bestWeights.Values)
                tensor.Dispose();
        }
        _bestWeights = weights;
    }

    /// <summary>A detached copy of every parameter and buffer (Keras's <c>get_weights</c>), outside any dispose scope.</summary>
    private static Dictionary<string, Tensor> Snapshot(nn.Module model)
    {
        using var noGrad = torch.no_grad();
        return model.state_dict().ToDictionary(kv => kv.Key, kv => Keep(kv.Value.clone()));
    }

    private static void Load(nn.Module model, Dictionary<string, Tensor> weights)
    {
        using var noGrad = torch.no_grad();
        foreach (var (name, target) in model.state_dict())
        {
            if (!weights.TryGetValue(name, out var source))
                throw new InvalidOperationException($"EarlyStopping's best weights lack '{name}'; were they taken from another model?");
            target.copy_(source);
        }
    }

    private static string Epochs(int count) => count == 1 ? "1 epoch" : Invariant($"{count} epochs");

    private static Tensor Keep(Tensor tensor) => tensor.DetachFromDisposeScope();

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record State(
        [property: JsonPropertyName("wait")] int Wait,
        [property: JsonPropertyName("best")] double? Best,
        [property: JsonPropertyName("best_epoch")] int BestEpoch,
        [property: JsonPropertyName("stopped_epoch")] int StoppedEpoch);
}
