using System;

namespace Dsl.Training;

/// <summary>
/// Keras's <c>MonitorCallback</c> logic: which way a monitored quantity should move, and whether a value improves on a
/// reference by more than <c>min_delta</c>.
/// </summary>
internal sealed class Monitor
{
    public Monitor(string callback, string name, MonitorMode mode, double minDelta)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (double.IsNaN(minDelta) || double.IsInfinity(minDelta))
            throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, $"{callback}'s minDelta must be a finite number.");
        if (!Enum.IsDefined(mode))
            throw new ArgumentOutOfRangeException(nameof(mode), mode, $"{callback}'s mode must be Auto, Min or Max.");
        Name = name;
        Mode = mode;
        Minimize = mode switch
        {
            MonitorMode.Min => true,
            MonitorMode.Max => false,
            _ => InferMinimize(callback, name),
        };
        // Keras: min_delta = abs(min_delta), negated when lower is better; a value improves if (value - min_delta) beats the reference.
        MinDelta = Minimize ? -Math.Abs(minDelta) : Math.Abs(minDelta);
    }

    /// <summary>The log name, e.g. <c>val_loss</c>.</summary>
    public string Name { get; }

    /// <summary>The mode as given.</summary>
    public MonitorMode Mode { get; }

    /// <summary>Whether lower values are better.</summary>
    public bool Minimize { get; }

    /// <summary>The signed min_delta, as Keras keeps it: negative when lower is better.</summary>
    public double MinDelta { get; }

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

    // Keras 3 strips "val_", calls "loss" lower-is-better and asks the compiled metric for its direction; the only
    // metric here is accuracy, whose direction is up.
    private static bool InferMinimize(string callback, string name)
    {
        string metric = name.StartsWith("val_", StringComparison.Ordinal) ? name["val_".Length..] : name;
        return metric switch
        {
            EpochLogs.Loss => true,
            EpochLogs.Accuracy => false,
            _ => throw new ArgumentException(
                $"{callback} received monitor '{name}', but cannot tell whether it should be maximised or minimised. " +
                "Pass mode: MonitorMode.Max to keep the highest value, or mode: MonitorMode.Min for the lowest.", "monitor"),
        };
    }
}
