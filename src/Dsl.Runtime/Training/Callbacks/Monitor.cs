using System;

namespace Dsl.Training;

/// <summary>
/// Keras's <c>MonitorCallback</c> logic: which way a monitored quantity should move, and whether a value improves on a
/// reference by more than <c>min_delta</c>.
/// </summary>
internal sealed class Monitor
{
    private readonly string _callback;
    private readonly double _minDelta;
    private bool? _minimize;

    public Monitor(string callback, string name, MonitorMode mode, double minDelta)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (double.IsNaN(minDelta) || double.IsInfinity(minDelta))
            throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, $"{callback}'s minDelta must be a finite number.");
        if (!Enum.IsDefined(mode))
            throw new ArgumentOutOfRangeException(nameof(mode), mode, $"{callback}'s mode must be Auto, Min or Max.");
        _callback = callback;
        _minDelta = minDelta;
        Name = name;
        Mode = mode;
        _minimize = mode switch
        {
            MonitorMode.Min => true,
            MonitorMode.Max => false,
            _ => InferMinimize(name),
        };
    }

    /// <summary>The log name, e.g. <c>val_loss</c>.</summary>
    public string Name { get; }

    /// <summary>The mode as given.</summary>
    public MonitorMode Mode { get; }

    /// <summary>Whether lower values are better.</summary>
    /// <exception cref="InvalidOperationException">The direction of a user's metric is asked before training began.</exception>
    public bool Minimize => _minimize ?? throw new InvalidOperationException($"{_callback} learns whether '{Name}' should rise or fall when training begins.");

    /// <summary>min_delta as a magnitude.</summary>
    public double AbsoluteMinDelta => Math.Abs(_minDelta);

    /// <summary>The signed min_delta, as Keras keeps it: negative when lower is better.</summary>
    public double MinDelta => Minimize ? -Math.Abs(_minDelta) : Math.Abs(_minDelta);

    /// <summary>
    /// Settles the direction of a metric the name alone does not tell (a user's metric) from the run's metrics, as Keras 3
    /// asks the compiled metric for its direction; throws when the run cannot tell either.
    /// </summary>
    public void Resolve(CallbackContext context)
    {
        if (_minimize is not null)
            return;
        string metric = Name.StartsWith("val_", StringComparison.Ordinal) ? Name["val_".Length..] : Name;
        _minimize = context.HigherIsBetter(metric) is bool higher
            ? !higher
            : throw new ArgumentException(
                $"{_callback} received monitor '{Name}', but cannot tell whether it should be maximised or minimised. " +
                "Pass mode: MonitorMode.Max to keep the highest value, or mode: MonitorMode.Min for the lowest.", "monitor");
    }

    /// <summary>
    /// Keras's <c>_is_improvement</c>: true without a reference, else <c>(value - min_delta)</c> below (min) or above
    /// (max) the reference.
    /// </summary>
    public bool IsImprovement(double value, double? reference)
    {
        if (reference is not { } r)
            return true;
        return Minimize ? value - MinDelta < r : value - MinDelta > r;
    }

    // Keras 3 strips "val_" and calls anything named like a loss lower-is-better; a built-in metric's direction comes
    // from the metric (also behind an output's prefix: digits_accuracy); other names wait for the run's metrics.
    private static bool? InferMinimize(string name)
    {
        string metric = name.StartsWith("val_", StringComparison.Ordinal) ? name["val_".Length..] : name;
        if (metric == EpochLogs.Loss || metric.EndsWith("_loss", StringComparison.Ordinal))
            return true;
        // "digits_accuracy", then "accuracy": each suffix after an underscore, longest first.
        for (string candidate = metric; ; candidate = candidate[(candidate.IndexOf('_', StringComparison.Ordinal) + 1)..])
        {
            if (Metric.BuiltInDirection(candidate) is bool higher)
                return !higher;
            if (!candidate.Contains('_', StringComparison.Ordinal))
                break;
        }
        return null;
    }
}
