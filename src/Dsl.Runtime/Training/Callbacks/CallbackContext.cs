using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>
/// What a <see cref="Callback"/> sees of the training run (Keras gives callbacks <c>self.model</c>): the model, the
/// optimizer's learning rate, the history so far, the names in the epoch logs, and a way to stop training.
/// </summary>
public sealed class CallbackContext
{
    private readonly Func<double> _getLearningRate;
    private readonly Action<double> _setLearningRate;
    private readonly Func<string, bool?> _higherIsBetter;
    private readonly bool _midEpoch;
    private readonly Func<long> _iterations;
    private readonly Action<string>? _saveCheckpoint;

    internal CallbackContext(
        nn.Module model,
        Func<double> getLearningRate,
        Action<double> setLearningRate,
        int epochs,
        History history,
        IReadOnlyList<string> metrics,
        Func<string, bool?> higherIsBetter,
        Action<string> log,
        bool midEpoch = false,
        Func<long>? iterations = null,
        Action<string>? saveCheckpoint = null)
    {
        _midEpoch = midEpoch;
        _iterations = iterations ?? (() => 0);
        _saveCheckpoint = saveCheckpoint;
        Model = model;
        _getLearningRate = getLearningRate;
        _setLearningRate = setLearningRate;
        Epochs = epochs;
        History = history;
        InitialEpoch = history.Count;
        Metrics = metrics.Append(EpochLogs.LearningRate).ToArray();
        _higherIsBetter = higherIsBetter;
        Log = log;
    }

    /// <summary>The model being trained.</summary>
    public nn.Module Model { get; }

    /// <summary>The number of the last epoch Fit will train (<see cref="TrainerOptions.Epochs"/>).</summary>
    public int Epochs { get; }

    /// <summary>Epochs already trained when Fit started (restored from a checkpoint or trained by an earlier Fit).</summary>
    public int InitialEpoch { get; }

    /// <summary>
    /// Whether Fit continues a run (<see cref="InitialEpoch"/> above 0, or an epoch left part-way, see
    /// <see cref="Trainer.PartialEpoch"/>): callbacks keep their state then, restored from the checkpoint, instead of
    /// resetting it as Keras's <c>on_train_begin</c> does for a new run.
    /// </summary>
    public bool IsResuming => InitialEpoch > 0 || _midEpoch;

    /// <summary>Optimizer steps taken so far, over all epochs and resumed runs (Keras's <c>optimizer.iterations</c>).</summary>
    public long OptimizerIterations => _iterations();

    /// <summary>
    /// Saves a resumable checkpoint of the run at <paramref name="path"/>, as <see cref="Trainer.SaveCheckpoint(string)"/>:
    /// from <see cref="Callback.OnTrainBatchEnd"/> or <see cref="Callback.OnTrainInterrupted"/> it records the step the
    /// epoch reached, so the resumed run continues with the next one.
    /// </summary>
    /// <exception cref="InvalidOperationException">The context does not belong to a trainer's Fit.</exception>
    public void SaveCheckpoint(string path)
    {
        if (_saveCheckpoint is null)
            throw new InvalidOperationException("This callback context belongs to no trainer, so it cannot save a checkpoint.");
        _saveCheckpoint(path);
    }

    /// <summary>Every epoch trained so far; after <see cref="Callback.OnEpochEnd"/>'s epoch, that epoch included.</summary>
    public History History { get; internal set; }

    /// <summary>The names the epoch logs of this run hold (<c>val_</c> ones only with validation data).</summary>
    public IReadOnlyList<string> Metrics { get; }

    /// <summary>Where callbacks with <c>verbose</c> above 0 write their messages (the console by default).</summary>
    public Action<string> Log { get; }

    /// <summary>
    /// The learning rate of the optimizer's next step (with <see cref="OptimizerSettings.Schedule"/>, the schedule's value
    /// at the current step count); setting it changes the rate of the steps that follow.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value set is negative, NaN or infinite.</exception>
    /// <exception cref="InvalidOperationException">Set while a schedule drives the rate.</exception>
    public double LearningRate
    {
        get => _getLearningRate();
        set
        {
            if (!(value >= 0) || double.IsInfinity(value))
                throw new ArgumentOutOfRangeException(nameof(value), value, "A learning rate must be a finite number of at least 0.");
            _setLearningRate(value);
        }
    }

    /// <summary>The stop requested during the current epoch, if any.</summary>
    public TrainingStop? StopRequest { get; private set; }

    /// <summary>The epoch whose weights a callback put back into the model (e.g. EarlyStopping's restore_best_weights).</summary>
    public int? RestoredEpoch { get; private set; }

    /// <summary>Ends training after the current epoch (Keras's <c>model.stop_training = True</c>); the stop is recorded in the history.</summary>
    public void StopTraining(TrainingStop stop)
    {
        ArgumentNullException.ThrowIfNull(stop);
        StopRequest ??= stop;
    }

    /// <summary>Records that the model now holds the weights of <paramref name="epoch"/>; the history says so.</summary>
    public void ReportRestoredWeights(int epoch)
    {
        if (epoch < 1)
            throw new ArgumentOutOfRangeException(nameof(epoch), epoch, "Epochs are numbered from 1.");
        RestoredEpoch = epoch;
    }

    /// <summary>Whether larger values of the log <paramref name="name"/> are better, from the run's metrics; <see langword="null"/> if unknown.</summary>
    internal bool? HigherIsBetter(string name) => _higherIsBetter(name);

    /// <summary>
    /// Throws unless the logs of this run hold <paramref name="monitor"/>. Keras only warns (every epoch) and then
    /// never acts; here a callback that could never act is an error before the first epoch.
    /// </summary>
    internal void RequireMetric(string callback, string monitor)
    {
        if (Metrics.Contains(monitor, StringComparer.Ordinal))
            return;
        string hint = monitor.StartsWith("val_", StringComparison.Ordinal) && !Metrics.Contains(EpochLogs.ValidationLoss)
            ? " This run has no validation data: pass validation data (or a validation split) to Fit, or monitor a training metric."
            : "";
        throw new InvalidOperationException(
            $"{callback} monitors '{monitor}', which this run's logs do not have. Available: {string.Join(", ", Metrics)}.{hint}");
    }
}
