using System;
using System.IO;

namespace Dsl.Training;

/// <summary>
/// Keeps a resumable backup of the run and continues from it when Fit starts again: Keras's
/// <c>keras.callbacks.BackupAndRestore</c>, with its arguments. The backup is a trainer checkpoint
/// (<see cref="Trainer.SaveCheckpoint(string)"/>: weights, optimizer state, history, callbacks' state, where the epoch
/// stood and the random generators), <c>backup.ckpt</c> in <see cref="BackupDir"/>.
/// </summary>
/// <remarks>
/// <para>
/// With <see cref="SaveFreq"/> null (Keras's <c>"epoch"</c>) it saves after every epoch; with a number N, after every N
/// optimizer steps (counted over the whole run, so the same steps in a resumed one), in the middle of epochs too. Either
/// way it also saves when Fit is cancelled (Ctrl-C through the <c>CancellationToken</c>), at the last completed step.
/// The restarted Fit skips the finished batches of the same epoch's permutation and continues with identical results:
/// the history, weights and optimizer state equal the uninterrupted run's.
/// </para>
/// <para>
/// When Fit ends normally and <see cref="DeleteCheckpoint"/> is true, the backup is deleted, so the next run starts
/// afresh. Unlike Keras 3, which restarts an interrupted epoch from its first batch, a backup saved mid-epoch resumes at
/// its next step (as TensorFlow's Keras 2 did). Keras's <c>double_checkpoint</c> has no counterpart: every save commits by
/// an atomic rename, so a save cut short leaves the previous backup whole.
/// </para>
/// </remarks>
/// <example><code>
/// trainer.Callbacks.Add(new BackupAndRestore("runs/backup", saveFreq: 100));
/// trainer.Fit(train, validation, progress, cancellation.Token);   // run it again after a Ctrl-C: it continues
/// </code></example>
public sealed class BackupAndRestore : Callback
{
    /// <summary>The backup's file name inside <see cref="BackupDir"/>.</summary>
    public const string FileName = "backup.ckpt";

    /// <summary>Creates the callback; the arguments are Keras's.</summary>
    /// <param name="backupDir">The folder for the backup (created when first saved); use one per run.</param>
    /// <param name="saveFreq">Null to save after every epoch, or a number of optimizer steps between saves.</param>
    /// <param name="deleteCheckpoint">Delete the backup when Fit ends normally.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="saveFreq"/> is below 1.</exception>
    public BackupAndRestore(string backupDir, int? saveFreq = null, bool deleteCheckpoint = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(backupDir);
        if (saveFreq is < 1)
            throw new ArgumentOutOfRangeException(nameof(saveFreq), saveFreq, "saveFreq must be at least 1 step, or null to save after every epoch.");
        BackupDir = backupDir;
        SaveFreq = saveFreq;
        DeleteCheckpoint = deleteCheckpoint;
    }

    /// <summary>The folder of the backup.</summary>
    public string BackupDir { get; }

    /// <summary>Optimizer steps between saves, or null for after every epoch.</summary>
    public int? SaveFreq { get; }

    /// <summary>Whether the backup is deleted when Fit ends normally.</summary>
    public bool DeleteCheckpoint { get; }

    /// <summary>The backup's path.</summary>
    public string CheckpointPath => Path.Combine(BackupDir, FileName);

    /// <summary>Whether the run was restored from the backup by the last Fit.</summary>
    public bool Restored { get; private set; }

    /// <inheritdoc />
    internal override void OnFitStarting(Trainer trainer)
    {
        Restored = trainer.TryLoadCheckpoint(CheckpointPath);
    }

    /// <inheritdoc />
    public override void OnTrainBatchEnd(CallbackContext context, int epoch, int step)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (SaveFreq is int every && context.OptimizerIterations % every == 0)
            context.SaveCheckpoint(CheckpointPath);
    }

    /// <inheritdoc />
    internal override void OnEpochRecorded(CallbackContext context, int epoch)
    {
        if (SaveFreq is null)
            context.SaveCheckpoint(CheckpointPath);
    }

    /// <inheritdoc />
    public override void OnTrainInterrupted(CallbackContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SaveCheckpoint(CheckpointPath);
    }

    /// <inheritdoc />
    public override void OnTrainEnd(CallbackContext context)
    {
        if (DeleteCheckpoint)
            CheckpointFiles.Delete(CheckpointPath);
    }
}
