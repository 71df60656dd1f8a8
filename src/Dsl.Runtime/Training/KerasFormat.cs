using System;
using System.Globalization;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Dsl.Training;

/// <summary>Formats progress the way Keras's <c>verbose=1</c> does.</summary>
public static class KerasFormat
{
    /// <summary>
    /// The end-of-epoch line, e.g.
    /// <c>Epoch 3/12 - 60000/60000 - 41s 5ms/step - loss: 0.0344 - accuracy: 0.9890 - val_loss: 0.0241 - val_accuracy: 0.9920</c>.
    /// </summary>
    public static string EpochLine(EpochPlan plan, EpochRecord record)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(record);
        var line = new StringBuilder();
        line.Append(Invariant($"Epoch {record.Epoch}/{plan.Epochs} - {plan.Samples}/{plan.Samples} - "));
        line.Append(Seconds(record.Seconds)).Append(' ').Append(PerStep(record.Seconds, plan.Steps));
        line.Append(" - ").Append(Metrics(record.Logs));
        return line.ToString();
    }

    /// <summary>The live part shown while an epoch runs: <c>ETA: 12s - loss: 0.1234 - accuracy: 0.9612</c>.</summary>
    public static string Running(BatchProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        string eta = progress.Plan.Samples > 0 ? "ETA: " + Eta(progress.Remaining) : Invariant($"{progress.SamplesDone} samples");
        return eta + " - " + (progress.Metrics is { } logs ? Metrics(logs) : Invariant($"loss: {progress.Loss:F4}"));
    }

    /// <summary>Logs as Keras prints them, in order: <c>loss: 0.0344 - accuracy: 0.9890</c>.</summary>
    public static string Metrics(IEnumerable<KeyValuePair<string, double>> logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        return string.Join(" - ", logs.Select(l => Invariant($"{l.Key}: {l.Value:F4}")));
    }

    /// <summary>Whole seconds, as Keras prints an epoch's time: <c>41s</c> (also <c>0s</c>).</summary>
    public static string Seconds(double seconds) => Invariant($"{Math.Round(seconds):F0}s");

    /// <summary>Time per step in the largest unit that is at least one: <c>2s/step</c>, <c>5ms/step</c>, <c>750us/step</c>.</summary>
    public static string PerStep(double seconds, int steps)
    {
        double perStep = steps > 0 ? seconds / steps : 0;
        return perStep >= 1 ? Invariant($"{perStep:F0}s/step")
            : perStep >= 1e-3 ? Invariant($"{perStep * 1e3:F0}ms/step")
            : Invariant($"{perStep * 1e6:F0}us/step");
    }

    /// <summary>Keras's ETA: <c>12s</c>, <c>3:05</c>, <c>1:02:03</c>.</summary>
    public static string Eta(TimeSpan remaining)
    {
        var total = (long)Math.Round(Math.Max(0, remaining.TotalSeconds));
        return total >= 3600 ? Invariant($"{total / 3600}:{total % 3600 / 60:D2}:{total % 60:D2}")
            : total >= 60 ? Invariant($"{total / 60}:{total % 60:D2}")
            : Invariant($"{total}s");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
