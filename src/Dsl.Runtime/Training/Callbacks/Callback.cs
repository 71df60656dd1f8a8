namespace Dsl.Training;

/// <summary>
/// Hooks into <see cref="Trainer.Fit(TorchSharp.torch.Tensor, TorchSharp.torch.Tensor, TorchSharp.torch.Tensor?, TorchSharp.torch.Tensor?, ITrainingProgress?, System.Threading.CancellationToken)"/>,
/// like Keras's <c>keras.callbacks.Callback</c>. Add callbacks to <see cref="Trainer.Callbacks"/>; they run in the order
/// added. Built in: <see cref="EarlyStopping"/>, <see cref="ModelCheckpoint"/>, <see cref="ReduceLROnPlateau"/>,
/// <see cref="LearningRateScheduler"/>, <see cref="CSVLogger"/>, <see cref="TensorBoard"/> and <see cref="BackupAndRestore"/>.
/// </summary>
/// <remarks>
/// <para>
/// Epochs are numbered from 1 here, as everywhere in this runtime (<see cref="EpochRecord.Epoch"/>, the progress bar);
/// Keras numbers them from 0 inside callbacks. Where a Keras argument or output uses the 0-based index
/// (<see cref="EarlyStopping.StartFromEpoch"/>'s count, <see cref="LearningRateScheduler"/>'s schedule, the
/// <c>epoch</c> column of <see cref="CSVLogger"/>), the built-in callbacks keep Keras's meaning.
/// </para>
/// <para>
/// A callback with state (patience counters, best values) returns it from <see cref="GetState"/>; the trainer stores it
/// in its checkpoints and hands it back through <see cref="SetState"/> on resume, so a resumed run behaves as an
/// uninterrupted one. State is matched by <see cref="StateKey"/> plus the callback's position among callbacks of the
/// same key.
/// </para>
/// </remarks>
public abstract class Callback
{
    /// <summary>Identifies this callback's state in a checkpoint; the type's name by default.</summary>
    public virtual string StateKey => GetType().Name;

    /// <summary>
    /// Whether the callback sets <see cref="CallbackContext.LearningRate"/> (ReduceLROnPlateau, LearningRateScheduler): such
    /// a callback cannot be added to a trainer whose optimizer has a learning-rate schedule.
    /// </summary>
    internal virtual bool SetsLearningRate => false;

    /// <summary>
    /// Fit is starting (Keras's <c>on_train_begin</c>). <see cref="CallbackContext.IsResuming"/> tells a fresh run
    /// (reset your state) from a continued one (keep it: it was restored from a checkpoint or is still in memory).
    /// Throw here to reject a configuration before any epoch runs.
    /// </summary>
    public virtual void OnTrainBegin(CallbackContext context)
    {
    }

    /// <summary>Epoch <paramref name="epoch"/> (from 1) is about to start (Keras's <c>on_epoch_begin</c>).</summary>
    public virtual void OnEpochBegin(CallbackContext context, int epoch)
    {
    }

    /// <summary>
    /// Epoch <paramref name="epoch"/> (from 1) finished, validation included (Keras's <c>on_epoch_end</c>).
    /// Call <see cref="CallbackContext.StopTraining"/> to end training after this epoch.
    /// </summary>
    public virtual void OnEpochEnd(CallbackContext context, int epoch, EpochLogs logs)
    {
    }

    /// <summary>
    /// Step <paramref name="step"/> (from 1) of epoch <paramref name="epoch"/> is done: the weights are updated (Keras's
    /// <c>on_train_batch_end</c>, whose batch index counts from 0). A checkpoint saved here
    /// (<see cref="CallbackContext.SaveCheckpoint"/>) resumes at the next step.
    /// </summary>
    public virtual void OnTrainBatchEnd(CallbackContext context, int epoch, int step)
    {
    }

    /// <summary>
    /// Fit was cancelled (its <c>CancellationToken</c>, e.g. Ctrl-C) between two steps or two epochs, and throws
    /// <see cref="System.OperationCanceledException"/> after this call. The model, the optimizer and
    /// <see cref="Trainer.PartialEpoch"/> stand at the last completed step: a checkpoint saved here resumes from it.
    /// </summary>
    public virtual void OnTrainInterrupted(CallbackContext context)
    {
    }

    /// <summary>Fit ended normally, after its last epoch or a stop (Keras's <c>on_train_end</c>); not called when Fit throws.</summary>
    public virtual void OnTrainEnd(CallbackContext context)
    {
    }

    /// <summary>Fit is about to start, before its data are checked: <see cref="BackupAndRestore"/> loads its backup here.</summary>
    internal virtual void OnFitStarting(Trainer trainer)
    {
    }

    /// <summary>
    /// Epoch <paramref name="epoch"/> is in the history, with every callback's <see cref="OnEpochEnd"/> done and a stop
    /// recorded: what a checkpoint at the epoch's end must hold.
    /// </summary>
    internal virtual void OnEpochRecorded(CallbackContext context, int epoch)
    {
    }

    /// <summary>The state to keep in a checkpoint, or <see langword="null"/> for a stateless callback.</summary>
    public virtual CallbackState? GetState() => null;

    /// <summary>
    /// Restores state saved by <see cref="GetState"/>. Tensors in <paramref name="state"/> belong to the caller and are
    /// disposed after this call: copy what you keep.
    /// </summary>
    public virtual void SetState(CallbackState state)
    {
    }
}
