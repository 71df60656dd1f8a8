using System;

namespace Dsl.Training;

/// <summary>Data for <see cref="Trainer.EpochCompleted"/>.</summary>
public sealed class EpochCompletedEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    public EpochCompletedEventArgs(EpochRecord record, History history)
    {
        Record = record;
        History = history;
    }

    /// <summary>The epoch just finished.</summary>
    public EpochRecord Record { get; }

    /// <summary>The whole history, <see cref="Record"/> included.</summary>
    public History History { get; }
}
