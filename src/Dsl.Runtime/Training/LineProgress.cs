using System;
using System.IO;

namespace Dsl.Training;

/// <summary>
/// Writes one Keras-style line per finished epoch (Keras's <c>verbose=2</c>); for logs and redirected output, where a
/// live bar would only add noise.
/// </summary>
public sealed class LineProgress : ITrainingProgress
{
    private readonly TextWriter _writer;

    /// <summary>Writes to <paramref name="writer"/>, e.g. <see cref="Console.Out"/>.</summary>
    public LineProgress(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
    }

    /// <inheritdoc />
    public void EpochStarted(EpochPlan plan)
    {
    }

    /// <inheritdoc />
    public void BatchCompleted(BatchProgress progress)
    {
    }

    /// <inheritdoc />
    public void EpochCompleted(EpochPlan plan, EpochRecord record)
    {
        _writer.WriteLine(KerasFormat.EpochLine(plan, record));
        _writer.Flush();
    }

    /// <inheritdoc />
    public void EpochAborted(EpochPlan plan, Exception reason)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _writer.WriteLine($"Epoch {plan.Epoch}/{plan.Epochs} stopped: {reason?.GetType().Name}");
        _writer.Flush();
    }
}
