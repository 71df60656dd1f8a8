using System;
using System.Collections.ObjectModel;

namespace Dsl.Training;

/// <summary>
/// <see cref="Trainer.Callbacks"/>: a list that refuses, when added, a callback that sets the learning rate while a
/// schedule drives it, instead of failing epochs later when the callback first acts.
/// </summary>
internal sealed class CallbackList : Collection<Callback>
{
    private readonly LearningRateSchedule? _schedule;

    public CallbackList(LearningRateSchedule? schedule) => _schedule = schedule;

    /// <inheritdoc />
    protected override void InsertItem(int index, Callback item)
    {
        Check(item);
        base.InsertItem(index, item);
    }

    /// <inheritdoc />
    protected override void SetItem(int index, Callback item)
    {
        Check(item);
        base.SetItem(index, item);
    }

    private void Check(Callback item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (_schedule is not null && item.SetsLearningRate)
        {
            throw new InvalidOperationException(
                $"{item.GetType().Name} sets the learning rate, but TrainerOptions.Optimizer.Schedule ({_schedule}) drives it at every step. " +
                $"Use the schedule or {item.GetType().Name}, not both: remove the Schedule (a constant LearningRate) to use the callback.");
        }
    }
}
