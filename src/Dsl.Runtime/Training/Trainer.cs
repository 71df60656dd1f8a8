using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Dsl.Support;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>
/// Trains a model the way Keras's <c>compile</c> + <c>fit</c> do: a loss per output (<see cref="TrainerOptions.Loss"/>,
/// by default categorical cross-entropy on class indices for a classifier), streamed metrics, mini-batches shuffled every
/// epoch, Keras's optimizers, optional validation data after each epoch, a <see cref="Training.History"/>. Data comes as
/// tensors in memory, a TorchSharp dataset or a stream of batches (<see cref="TrainingData"/>); a model with several
/// inputs takes one tensor per input, in the order of <see cref="ModelInfo.Inputs"/>, and one target per output.
/// </summary>
/// <remarks>
/// <para>
/// Losses are computed stably: a generated model's output ending with softmax or sigmoid is run through
/// <see cref="IGeneratedModel.RunLogits"/>, and the cross-entropies read the logits; see <see cref="Loss"/>.
/// </para>
/// <para>
/// Reproducibility: initial weights are drawn when the model is constructed, so call <see cref="Seed"/> before
/// constructing it. During <c>Fit</c>, each epoch's shuffling comes from a private generator and TorchSharp's global
/// generator (which dropout uses) is reseeded at the start of each epoch, both from <see cref="TrainerOptions.Seed"/> and
/// the epoch number; so the same seed gives the same history, and a run resumed from a checkpoint continues exactly as an
/// uninterrupted run would have, from an epoch's end or from any step inside one (the checkpoint then holds the step, the
/// epoch's running totals and the generator's state; see <see cref="PartialEpoch"/> and <see cref="BackupAndRestore"/>).
/// </para>
/// <para>
/// Memory: every batch, training and evaluation, runs in its own <c>torch.NewDisposeScope()</c>, so the number of live
/// tensors stays flat from epoch to epoch. The trainer does not own the model: dispose the model yourself; disposing the
/// trainer frees the optimizer's state.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// Trainer.Seed(42);                       // before constructing the model: initial weights
/// using var model = new Model1();
/// using var trainer = new Trainer(model, new TrainerOptions { Seed = 42 });
/// trainer.TryLoadCheckpoint("model1.ckpt");   // resume if a checkpoint exists
/// trainer.EpochCompleted += (_, e) => trainer.SaveCheckpoint("model1.ckpt");
/// var history = trainer.Fit(train.Images, train.Labels, test.Images, test.Labels, ConsoleProgress.Create());
/// </code>
/// </example>
public sealed class Trainer : IDisposable
{
    private readonly ModelRunner _runner;
    private readonly TrainingObjective _objective;
    private readonly KerasOptimizer _optimizer;
    private readonly Device _device;
    private readonly CallbackList _callbacks;
    private readonly Dictionary<string, CallbackState> _pendingStates = new(StringComparer.Ordinal);
    private History _history = History.Empty;

    // The training data of the epochs in _history (from the last Fit, or from the checkpoint they were loaded from).
    private DataFingerprint? _data;

    // Where the next Fit continues inside an epoch (after a cancelled Fit or a checkpoint saved mid-epoch), else null.
    private EpochPosition? _position;

    // The epoch being trained, while Fit runs one: what a checkpoint saved from a batch callback records.
    private RunningEpoch? _running;
    private bool _fitting;
    private bool _disposed;

    /// <summary>Creates a trainer for <paramref name="model"/> and builds its optimizer.</summary>
    /// <param name="model">The model to train: a generated model (any number of inputs), or any <c>Module&lt;Tensor, Tensor&gt;</c>.</param>
    /// <param name="options">How to train; <see langword="null"/> for the defaults (the seed notebook's).</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (batch size, epochs, learning rate…).</exception>
    /// <exception cref="ArgumentException">
    /// The model's output cannot feed categorical cross-entropy (e.g. a generated model ending with Sigmoid or ReLU), the
    /// model has no parameters, or an option combination is invalid.
    /// </exception>
    public Trainer(nn.Module model, TrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new TrainerOptions();
        options.Validate();
        _runner = ModelRunner.For(model);
        _objective = TrainingObjective.For(_runner, options, _runner.Info?.Name ?? ModelRunner.ModelName(model));
        var parameters = model.parameters().ToArray();
        if (parameters.Length == 0)
            throw new ArgumentException($"{ModelRunner.ModelName(model)} has no parameters to train.", nameof(model));

        Model = model;
        Options = options;
        _device = parameters[0].device;
        _optimizer = options.Optimizer.Create(parameters);
        _callbacks = new CallbackList(options.Optimizer.Schedule);
    }

    /// <summary>The model being trained (not owned by the trainer).</summary>
    public nn.Module Model { get; }

    /// <summary>The options the trainer was created with.</summary>
    public TrainerOptions Options { get; }

    /// <summary>Each output's loss, by output name: <see cref="TrainerOptions.Loss"/>, <see cref="TrainerOptions.OutputLosses"/> or the default.</summary>
    public IReadOnlyDictionary<string, Loss> Losses => _objective.Heads.ToDictionary(h => h.Name, h => h.Loss, StringComparer.Ordinal);

    /// <summary>The names this trainer's epoch logs hold without validation data (Keras's <c>model.metrics_names</c>).</summary>
    public IReadOnlyList<string> MetricNames => _objective.LogNames(validation: false);

    /// <summary>Every epoch trained so far, including epochs restored from a checkpoint.</summary>
    public History History => _history;

    /// <summary>
    /// The callbacks run by <see cref="Fit(Tensor, Tensor, Tensor?, Tensor?, ITrainingProgress?, CancellationToken)"/>, in
    /// order (Keras's <c>callbacks=[…]</c>): <see cref="EarlyStopping"/>, <see cref="ModelCheckpoint"/>,
    /// <see cref="ReduceLROnPlateau"/>, <see cref="LearningRateScheduler"/>, <see cref="CSVLogger"/>,
    /// <see cref="TensorBoard"/> or your own. Their state is saved in checkpoints and restored on load.
    /// </summary>
    public IList<Callback> Callbacks => _callbacks;

    /// <summary>
    /// The learning rate of the next optimizer step. With <see cref="OptimizerSettings.Schedule"/> set, the schedule's value
    /// at the current step count (Keras's <c>optimizer.learning_rate</c>), which cannot be set; otherwise
    /// <see cref="TrainerOptions.Optimizer"/>'s rate at first, then as set (by callbacks such as <see cref="ReduceLROnPlateau"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, NaN or infinite.</exception>
    /// <exception cref="InvalidOperationException">Set while a schedule drives the rate.</exception>
    public double LearningRate
    {
        get => _optimizer.LearningRate;
        set
        {
            if (!(value >= 0) || double.IsInfinity(value))
                throw new ArgumentOutOfRangeException(nameof(value), value, "A learning rate must be a finite number of at least 0.");
            _optimizer.LearningRate = value;
        }
    }

    /// <summary>
    /// The epoch the next <c>Fit</c> finishes before going on, when training stopped in the middle of one: Fit was
    /// cancelled between two steps, or <see cref="LoadCheckpoint"/> read a checkpoint saved mid-epoch. Null at an epoch
    /// boundary.
    /// </summary>
    public PartialEpoch? PartialEpoch => _position is { } p ? new PartialEpoch(p.Epoch, p.Steps, p.Samples) : null;

    /// <summary>Optimizer steps taken so far, including those restored from a checkpoint (Keras's <c>optimizer.iterations</c>).</summary>
    public long OptimizerIterations => _optimizer.Iterations;

    /// <summary>Where callbacks with <c>verbose</c> above 0 write (default: the console).</summary>
    public Action<string> Log { get; set; } = Console.WriteLine;

    /// <summary>
    /// Raised on the training thread after each epoch, once <see cref="History"/> includes it: record the history or
    /// save a checkpoint here. An exception thrown by a handler stops <c>Fit</c>.
    /// </summary>
    public event EventHandler<EpochCompletedEventArgs>? EpochCompleted;

    /// <summary>
    /// Seeds TorchSharp's global random generator (<c>torch.manual_seed</c>), from which layers draw their initial weights.
    /// Call it <b>before</b> constructing the model; the trainer cannot do it for you, since it receives a model
    /// that already exists.
    /// </summary>
    public static void Seed(int seed) => torch.manual_seed(seed);

    /// <summary>
    /// Trains from the epoch after <see cref="History"/>'s last one up to <see cref="TrainerOptions.Epochs"/>, like
    /// Keras's <c>fit</c>. The model is in training mode for the batches (dropout active) and in evaluation mode, without
    /// gradients, for validation; its original mode is restored afterwards.
    /// </summary>
    /// <param name="x">Inputs, (N, …) floating point; for generated models, (N, <c>InputShape</c>).</param>
    /// <param name="y">Class indices, (N), integers in [0, classes).</param>
    /// <param name="validationX">Validation inputs evaluated after every epoch, or <see langword="null"/>.</param>
    /// <param name="validationY">Validation labels; given exactly when <paramref name="validationX"/> is.</param>
    /// <param name="progress">Receives progress; <see langword="null"/> reports nothing. See <c>ConsoleProgress.Create</c> in the Dsl.Console package.</param>
    /// <param name="cancellationToken">Checked before every batch; cancelling throws <see cref="OperationCanceledException"/>
    /// and keeps the epochs completed so far in <see cref="History"/> and the steps of the current one in
    /// <see cref="PartialEpoch"/>: <see cref="SaveCheckpoint(string)"/> or the next Fit continues with the next step.</param>
    /// <returns>The whole history (also <see cref="History"/>).</returns>
    /// <exception cref="ArgumentException">The data's shapes or types do not fit the model or each other.</exception>
    /// <exception cref="TrainingDivergedException">A batch's loss was NaN or infinite.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <remarks>
    /// Each epoch runs <see cref="Callbacks"/>' hooks around it. Training ends after <see cref="TrainerOptions.Epochs"/>,
    /// or earlier when a callback stops it (the stop is recorded in <see cref="History"/>); a history that already ends
    /// with a stop trains nothing more.
    /// </remarks>
    public History Fit(
        Tensor x,
        Tensor y,
        Tensor? validationX = null,
        Tensor? validationY = null,
        ITrainingProgress? progress = null,
        CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_fitting)
            throw new InvalidOperationException("Fit is already running on this trainer (called again from an event handler or another thread?).");
        if ((validationX is null) != (validationY is null))
            throw new ArgumentException("Pass both validationX and validationY, or neither.", validationX is null ? nameof(validationX) : nameof(validationY));
        return Fit(new[] { x }, y, validationX is null ? null : new[] { validationX }, validationY, progress, cancellationToken);
    }

    /// <summary>
    /// Trains a model with several inputs like <see cref="Fit(Tensor, Tensor, Tensor?, Tensor?, ITrainingProgress?, CancellationToken)"/>:
    /// <paramref name="x"/> holds one tensor per input of the model, in the order of <see cref="ModelInfo.Inputs"/>, all with
    /// the same number of samples, as Keras's <c>fit([images, metadata], y)</c>.
    /// </summary>
    /// <param name="x">One batch of samples per input, (N, …) each.</param>
    /// <param name="y">Class indices, (N), integers in [0, classes).</param>
    /// <param name="validationX">Validation inputs, one tensor per input, or <see langword="null"/>.</param>
    /// <param name="validationY">Validation labels; given exactly when <paramref name="validationX"/> is.</param>
    /// <param name="progress">Receives progress; <see langword="null"/> reports nothing.</param>
    /// <param name="cancellationToken">Checked before every batch.</param>
    /// <exception cref="ArgumentException">The data's number of inputs, shapes or types do not fit the model or each other.</exception>
    public History Fit(
        IReadOnlyList<Tensor> x,
        Tensor y,
        IReadOnlyList<Tensor>? validationX = null,
        Tensor? validationY = null,
        ITrainingProgress? progress = null,
        CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_fitting)
            throw new InvalidOperationException("Fit is already running on this trainer (called again from an event handler or another thread?).");
        if ((validationX is null) != (validationY is null))
            throw new ArgumentException("Pass both validationX and validationY, or neither.", validationX is null ? nameof(validationX) : nameof(validationY));
        ArgumentNullException.ThrowIfNull(y);
        var train = TrainingData.FromTensors(x, new[] { y });
        var validation = validationX is null ? null : TrainingData.FromTensors(validationX, new[] { validationY! });
        return Fit(train, validation, progress, cancellationToken, nameof(x), nameof(y), nameof(validationX), nameof(validationY));
    }

    /// <summary>
    /// Trains on any data (Keras's <c>fit</c>): tensors in memory with a target per output and optional sample weights,
    /// a TorchSharp dataset, or a stream of batches (see <see cref="TrainingData"/>); <paramref name="validation"/> is
    /// evaluated after every epoch and logged with <c>val_</c> names.
    /// </summary>
    /// <param name="train">The training data: an input per model input, a target per output.</param>
    /// <param name="validation">Validation data of the same form, or <see langword="null"/>.</param>
    /// <param name="progress">Receives progress; <see langword="null"/> reports nothing.</param>
    /// <param name="cancellationToken">Checked before every batch.</param>
    /// <exception cref="ArgumentException">The data's inputs, targets, shapes or types do not fit the model or its losses.</exception>
    /// <exception cref="TrainingDivergedException">A batch's loss was NaN or infinite.</exception>
    public History Fit(TrainingData train, TrainingData? validation = null, ITrainingProgress? progress = null, CancellationToken cancellationToken = default) =>
        Fit(train, validation, progress, cancellationToken, "x", "y", "validationX", "validationY");

    private History Fit(TrainingData train, TrainingData? validation, ITrainingProgress? progress, CancellationToken cancellationToken,
        string xName, string yName, string validationXName, string validationYName)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(train);
        if (_fitting)
            throw new InvalidOperationException("Fit is already running on this trainer (called again from an event handler or another thread?).");
        using var prepared = Prepare(train, xName, yName, requireTargets: true);
        using var validated = validation is null ? null : Prepare(validation, validationXName, validationYName, requireTargets: true);
        return FitCore(prepared, validated, progress ?? SilentProgress.Instance, cancellationToken);
    }

    /// <summary>
    /// Trains like <see cref="Fit(Tensor, Tensor, Tensor?, Tensor?, ITrainingProgress?, CancellationToken)"/>, holding out
    /// the <b>last</b> <paramref name="validationSplit"/> of <paramref name="x"/> and <paramref name="y"/> as validation
    /// data, taken before any shuffling: Keras's <c>fit(validation_split=…)</c>. Only the rest is trained on (and
    /// shuffled). See <see cref="ValidationSplit"/>.
    /// </summary>
    /// <param name="x">Inputs, (N, …).</param>
    /// <param name="y">Class indices, (N).</param>
    /// <param name="validationSplit">The fraction held out, in (0, 1); both parts must keep at least one sample.</param>
    /// <param name="progress">Receives progress; <see langword="null"/> reports nothing.</param>
    /// <param name="cancellationToken">Checked before every batch.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="validationSplit"/> is not in (0, 1).</exception>
    /// <exception cref="ArgumentException">The split leaves a part empty, or the data do not fit the model.</exception>
    public History Fit(Tensor x, Tensor y, double validationSplit, ITrainingProgress? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Fit(new[] { x }, y, validationSplit, progress, cancellationToken);
    }

    /// <summary>
    /// <see cref="Fit(Tensor, Tensor, double, ITrainingProgress?, CancellationToken)"/> for a model with several inputs: the
    /// last <paramref name="validationSplit"/> of every input and of the labels is held out.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="validationSplit"/> is not in (0, 1).</exception>
    /// <exception cref="ArgumentException">The split leaves a part empty, or the data do not fit the model.</exception>
    public History Fit(IReadOnlyList<Tensor> x, Tensor y, double validationSplit, ITrainingProgress? progress = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_fitting)
            throw new InvalidOperationException("Fit is already running on this trainer (called again from an event handler or another thread?).");
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count == 0 || x.Any(t => t is null))
            throw new ArgumentException("x must hold one tensor per input of the model.", nameof(x));
        if (y.Dimensions < 1 || x[0].Dimensions < 1 || x[0].shape[0] != y.shape[0])
            throw new ArgumentException($"x has {(x[0].Dimensions < 1 ? 0 : x[0].shape[0])} samples but y has {(y.Dimensions < 1 ? 0 : y.shape[0])} labels.", nameof(y));
        var split = ValidationSplit.Of(x[0].shape[0], validationSplit);
        using var scope = torch.NewDisposeScope();
        var trainX = x.Select(t => t.narrow(0, 0, split.TrainCount)).ToArray();
        var trainY = y.narrow(0, 0, split.TrainCount);
        var validationX = x.Select(t => t.narrow(0, split.TrainCount, split.ValidationCount)).ToArray();
        var validationY = y.narrow(0, split.TrainCount, split.ValidationCount);
        return Fit(TrainingData.FromTensors(trainX, new[] { trainY }), TrainingData.FromTensors(validationX, new[] { validationY }),
            progress, cancellationToken, nameof(x), nameof(y), nameof(x), nameof(y));
    }

    private History FitCore(PreparedData train, PreparedData? validation, ITrainingProgress progress, CancellationToken cancellationToken)
    {
        // A BackupAndRestore callback's backup first: the run continues from it, mid-epoch if it was saved there.
        foreach (var callback in _callbacks.ToList())
            callback.OnFitStarting(this);
        var data = train.Fingerprint();
        if (_history.Count > 0 && _data is { } trained && data is not null && trained != data)
        {
            throw new InvalidOperationException(
                $"The {_history.Count} epochs this trainer continues were trained on other data ({trained.Samples} samples, label checksum {trained.LabelChecksum}) "
                + $"than this Fit gives ({data.Samples} samples, label checksum {data.LabelChecksum}); resume with the same training data, or train a new trainer from the start.");
        }
        _data = data;
        ApplyThreads();
        ConfigureLayers();
        bool wasTraining = Model.training;
        _fitting = true;
        try
        {
            var context = new CallbackContext(Model, () => LearningRate, rate => LearningRate = rate, Options.Epochs, _history,
                _objective.LogNames(validation is not null), _objective.HigherIsBetter, Log,
                midEpoch: _position is not null, iterations: () => OptimizerIterations, saveCheckpoint: SaveCheckpoint);
            ApplyPendingStates();
            foreach (var callback in _callbacks)
                callback.OnTrainBegin(context);

            try
            {
                for (int epoch = _history.Count + 1; epoch <= Options.Epochs && _history.Stop is null; epoch++)
                    RunEpochWithCallbacks(epoch, context, train, validation, progress, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Between two steps or two epochs: the model, the optimizer and PartialEpoch agree, so a checkpoint now resumes exactly.
                foreach (var callback in _callbacks)
                    callback.OnTrainInterrupted(context);
                throw;
            }

            foreach (var callback in _callbacks)
                callback.OnTrainEnd(context);
            // Recorded only when the weights are not simply the last epoch's.
            if (context.RestoredEpoch is { } restored && restored != _history.Count)
                _history = _history.WithWeightsFrom(restored);
        }
        finally
        {
            Model.train(wasTraining);
            _fitting = false;
        }
        return _history;
    }

    /// <summary>One epoch with its callbacks and progress: from its first step, or from the step a partial epoch reached.</summary>
    private void RunEpochWithCallbacks(int epoch, CallbackContext context, PreparedData train, PreparedData? validation, ITrainingProgress progress, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var partial = _position is { } position && position.Epoch == epoch ? position : null;
        // A partial epoch has begun already: its OnEpochBegin ran (a schedule that decays the current rate must not run twice).
        if (partial is null)
        {
            foreach (var callback in _callbacks)
                callback.OnEpochBegin(context, epoch);
        }
        long samples = train.Data.Count ?? 0;
        int steps = checked((int)((samples + Options.BatchSize - 1) / Options.BatchSize));
        var plan = new EpochPlan(epoch, Options.Epochs, samples, steps);
        progress.EpochStarted(plan);
        EpochRecord record;
        try
        {
            (record, plan) = RunEpoch(plan, partial, context, train, validation, progress, cancellationToken);
        }
        catch (Exception error)
        {
            progress.EpochAborted(plan, error);
            throw;
        }
        _history = _history.Append(record);
        context.History = _history;
        progress.EpochCompleted(plan, record);

        // Callbacks first, so that a checkpoint saved by an EpochCompleted handler holds their updated state and the stop.
        var logs = EpochLogs.From(record);
        foreach (var callback in _callbacks)
            callback.OnEpochEnd(context, epoch, logs);
        if (context.StopRequest is { } stop)
        {
            _history = _history.WithStop(stop);
            context.History = _history;
        }
        foreach (var callback in _callbacks)
            callback.OnEpochRecorded(context, epoch);
        EpochCompleted?.Invoke(this, new EpochCompletedEventArgs(record, _history));
    }

    /// <summary>
    /// Loss and accuracy on <paramref name="x"/>, <paramref name="y"/> (Keras's <c>evaluate</c>), in evaluation mode
    /// (dropout off) without gradients; the model's mode is restored afterwards.
    /// </summary>
    /// <param name="x">Inputs, (N, …) floating point.</param>
    /// <param name="y">Class indices, (N).</param>
    /// <param name="batchSize">Samples per forward pass; <see langword="null"/> for <see cref="TrainerOptions.EvaluationBatchSize"/>'s effective value.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is below 1.</exception>
    /// <exception cref="ArgumentException">The data's shapes or types do not fit the model or each other.</exception>
    public Evaluation Evaluate(Tensor x, Tensor y, int? batchSize = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Evaluate(new[] { x }, y, batchSize);
    }

    /// <summary>
    /// <see cref="Evaluate(Tensor, Tensor, int?)"/> for a model with several inputs: one tensor per input, in the order of
    /// <see cref="ModelInfo.Inputs"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is below 1.</exception>
    /// <exception cref="ArgumentException">The data's inputs, shapes or types do not fit the model or each other.</exception>
    public Evaluation Evaluate(IReadOnlyList<Tensor> x, Tensor y, int? batchSize = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return Evaluate(TrainingData.FromTensors(x, new[] { y }), batchSize, nameof(x), nameof(y));
    }

    /// <summary>
    /// The loss and every metric on <paramref name="data"/> (Keras's <c>evaluate(return_dict=True)</c>), in evaluation
    /// mode without gradients; the model's mode is restored afterwards.
    /// </summary>
    /// <param name="data">Inputs and a target per output (see <see cref="TrainingData"/>).</param>
    /// <param name="batchSize">Samples per forward pass for tensors and datasets; <see langword="null"/> for <see cref="TrainerOptions.EvaluationBatchSize"/>'s effective value.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is below 1.</exception>
    /// <exception cref="ArgumentException">The data's inputs, targets, shapes or types do not fit the model or its losses.</exception>
    public Evaluation Evaluate(TrainingData data, int? batchSize = null) => Evaluate(data, batchSize, "x", "y");

    private Evaluation Evaluate(TrainingData data, int? batchSize, string xName, string yName)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(data);
        CheckBatchSize(batchSize);
        using var prepared = Prepare(data, xName, yName, requireTargets: true);
        ApplyThreads();
        ConfigureLayers();
        bool wasTraining = Model.training;
        try
        {
            return EvaluateCore(prepared, batchSize ?? Options.EffectiveEvaluationBatchSize);
        }
        finally
        {
            Model.train(wasTraining);
        }
    }

    /// <summary>
    /// The predicted class and its probability for every sample of <paramref name="x"/>, for a classifier, in evaluation
    /// mode (dropout off) without gradients; the model's mode is restored afterwards. Probabilities are the softmax of the
    /// class scores, whatever the model's last activation. For other models see <see cref="PredictOutputs(IReadOnlyList{Tensor}, int?)"/>.
    /// </summary>
    /// <param name="x">Inputs, (N, …) floating point.</param>
    /// <param name="batchSize">Samples per forward pass; <see langword="null"/> for <see cref="TrainerOptions.EvaluationBatchSize"/>'s effective value.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is below 1.</exception>
    /// <exception cref="ArgumentException">The inputs do not fit the model.</exception>
    /// <exception cref="InvalidOperationException">The model is not a classifier with one output of class scores.</exception>
    public Predictions Predict(Tensor x, int? batchSize = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Predict(new[] { x }, batchSize);
    }

    /// <summary>
    /// <see cref="Predict(Tensor, int?)"/> for a model with several inputs: one tensor per input, in the order of
    /// <see cref="ModelInfo.Inputs"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is below 1.</exception>
    /// <exception cref="ArgumentException">The inputs do not fit the model.</exception>
    /// <exception cref="InvalidOperationException">The model is not a classifier with one output of class scores.</exception>
    public Predictions Predict(IReadOnlyList<Tensor> x, int? batchSize = null)
    {
        if (_runner.OutputNames.Count != 1 || _runner.Outputs[0] is { Shape.Count: not 1 } || _runner.Outputs[0] is { Shape: [< 2] })
        {
            throw new InvalidOperationException(
                $"Predict gives the class and confidence of a classifier; {ModelRunner.ModelName(Model)} has outputs {string.Join(", ", _runner.OutputNames)} that are not one vector of class scores. Use PredictOutputs for its raw outputs.");
        }
        var classes = new List<int>();
        var confidence = new List<float>();
        Infer(x, batchSize, outputs =>
        {
            var output = outputs[0];
            var probabilities = output.Activation == Activation.LogSoftmax ? output.Values.exp() : output.Scores.softmax(1);
            var (best, index) = probabilities.max(1);
            confidence.AddRange(best.to_type(ScalarType.Float32).cpu().data<float>().ToArray());
            classes.AddRange(index.to_type(ScalarType.Int32).cpu().data<int>().ToArray());
        });
        return new Predictions(classes, confidence);
    }

    /// <summary>
    /// Every output of the model for every sample of <paramref name="x"/> (Keras's <c>predict</c>): what <c>forward</c>
    /// returns in evaluation mode, one tensor per output on the CPU, (N, …) each. The caller owns the tensors.
    /// </summary>
    /// <param name="x">One tensor per input, in the order of <see cref="ModelInfo.Inputs"/>.</param>
    /// <param name="batchSize">Samples per forward pass; <see langword="null"/> for <see cref="TrainerOptions.EvaluationBatchSize"/>'s effective value.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is below 1.</exception>
    /// <exception cref="ArgumentException">The inputs do not fit the model.</exception>
    public Tensor[] PredictOutputs(IReadOnlyList<Tensor> x, int? batchSize = null)
    {
        var parts = _runner.OutputNames.Select(_ => new List<Tensor>()).ToArray();
        try
        {
            Infer(x, batchSize, outputs =>
            {
                for (int i = 0; i < outputs.Length; i++)
                    parts[i].Add(outputs[i].Values.cpu().DetachFromDisposeScope());
            });
            return parts.Select(p => torch.cat(p, 0)).ToArray();
        }
        finally
        {
            foreach (var part in parts.SelectMany(p => p))
                part.Dispose();
        }
    }

    /// <summary><see cref="PredictOutputs(IReadOnlyList{Tensor}, int?)"/> for a model with one input.</summary>
    public Tensor[] PredictOutputs(Tensor x, int? batchSize = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        return PredictOutputs(new[] { x }, batchSize);
    }

    /// <summary>Runs the model over <paramref name="x"/> in batches in evaluation mode, handing each batch's outputs to <paramref name="read"/>.</summary>
    private void Infer(IReadOnlyList<Tensor> x, int? batchSize, Action<ModelOutput[]> read)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(x);
        CheckBatchSize(batchSize);
        CheckInputs(x, nameof(x));
        ApplyThreads();
        ConfigureLayers();
        bool wasTraining = Model.training;
        try
        {
            Model.eval();
            using var noGrad = WithoutGradients();
            int size = batchSize ?? Options.EffectiveEvaluationBatchSize;
            long count = x[0].shape[0];
            for (long start = 0; start < count; start += size)
            {
                using var batchScope = torch.NewDisposeScope();
                long n = Math.Min(size, count - start);
                read(_runner.Run(x.Select(t => ToEvaluationLayout(ToModelDevice(t.narrow(0, start, n)))).ToArray()));
            }
        }
        finally
        {
            Model.train(wasTraining);
        }
    }

    /// <summary>
    /// Saves weights, optimizer state, history, the callbacks' state and the random generators' at <paramref name="path"/>;
    /// saved during an epoch (from <see cref="Callback.OnTrainBatchEnd"/>) or after a cancelled Fit, also the step the
    /// epoch reached and its running totals, so a resumed run continues with the next step. The files: a JSON manifest, plus
    /// <c>&lt;path&gt;.eNNNN-xxxxxxxx.weights</c> in TorchSharp's <c>module.save</c> format and <c>….optimizer</c> beside it, the
    /// optimizer's whole state: every slot tensor, the step count and any further state such as Nadam's <c>u_product</c>).
    /// The save commits by atomically renaming the manifest, so an interrupted or failed save leaves the previous
    /// checkpoint intact; the previous data files are deleted only afterwards.
    /// </summary>
    /// <exception cref="IOException">The files could not be written; the previous checkpoint is unchanged.</exception>
    public void SaveCheckpoint(string path) => SaveCheckpoint(path, AtomicFile.CreateNew);

    /// <summary><see cref="SaveCheckpoint(string)"/> with the function that creates each temporary file (tests inject failures).</summary>
    internal void SaveCheckpoint(string path, Func<string, Stream> createFile)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var manifest = new CheckpointManifest
        {
            Model = ModelRunner.ModelName(Model),
            Optimizer = Options.Optimizer,
            Seed = Options.Seed,
            BatchSize = Options.BatchSize,
            History = _history,
            LearningRate = LearningRate,
            Data = _data,
            Position = _running is { Steps: > 0 } running ? running.Snapshot() : _position,
            Generators = GeneratorStates.OfLayers(Model),
        };
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (key, callback) in KeyedCallbacks())
        {
            if (callback.GetState() is not { } state)
                continue;
            manifest.Callbacks[key] = state.Values;
            foreach (var (name, tensor) in state.Tensors)
                tensors[key + "/" + name] = tensor;
        }
        CheckpointFiles.Save(path, Model, _optimizer, manifest, tensors, createFile);
    }

    /// <summary>
    /// Restores weights, optimizer state (slots such as Adam's moments, the step count), history and the callbacks' state
    /// from a checkpoint saved by <see cref="SaveCheckpoint(string)"/>; the next <c>Fit</c> continues with the following
    /// epoch, or for a checkpoint saved mid-epoch with the next step of that epoch (<see cref="PartialEpoch"/>), bit for bit
    /// as the uninterrupted run would have (a learning-rate schedule continues from the restored step; the random
    /// generators, global and of seeded augmentation layers, from their saved states).
    /// The optimizer's hyper-parameters are this trainer's <see cref="Options"/>, which must equal the saved run's except
    /// for the learning rate: when <see cref="TrainerOptions.Optimizer"/>'s learning rate equals the saved run's, the
    /// learning rate callbacks had reached (<see cref="ReduceLROnPlateau"/>…) is restored. Configure a different learning
    /// rate to resume with it instead. Callback state is matched by key (<see cref="Callback.StateKey"/>,
    /// numbered when a key repeats); callbacks added after loading receive theirs when Fit starts.
    /// </summary>
    /// <returns>The restored history.</returns>
    /// <exception cref="FileNotFoundException">There is no checkpoint at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The checkpoint is unreadable, incomplete or damaged; nothing was loaded.</exception>
    /// <exception cref="InvalidOperationException">The checkpoint belongs to another model or optimizer; nothing was loaded.</exception>
    public History LoadCheckpoint(string path)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (_fitting)
            throw new InvalidOperationException("A checkpoint cannot be loaded while Fit is running.");
        string fullPath = Path.GetFullPath(path);
        Action? restoreGenerators = null;
        string? Refuse(CheckpointManifest saved)
        {
            if (CheckSettings(saved) is { } why)
                return why;
            if (saved.Position is { } position && (position.Epoch != saved.History.Count + 1 || position.Steps < 1 || position.Samples < 1))
                throw new InvalidDataException($"Checkpoint '{fullPath}' is inconsistent: it was saved at step {position.Steps} of epoch {position.Epoch}, but its history holds {saved.History.Count} epochs.");
            // Decoded before the weights change, like the files' hashes are checked.
            restoreGenerators = GeneratorStates.PrepareRestore(Model, saved.Generators, fullPath);
            return null;
        }
        var manifest = CheckpointFiles.Load(path, Model, ModelRunner.ModelName(Model), _optimizer, Options.Optimizer, out var tensors, Refuse);
        restoreGenerators?.Invoke();
        _position = manifest.Position;
        // A schedule's rate follows the restored step count; a constant rate is the one callbacks had reached.
        if (!_optimizer.HasSchedule && manifest.LearningRate is { } rate && manifest.Optimizer!.LearningRate == Options.Optimizer.LearningRate)
            LearningRate = rate;
        _history = manifest.History;
        _data = manifest.Data;

        ClearPendingStates();
        foreach (var (key, values) in manifest.Callbacks)
        {
            var own = tensors.Where(kv => kv.Key.StartsWith(key + "/", StringComparison.Ordinal))
                .ToDictionary(kv => kv.Key[(key.Length + 1)..], kv => kv.Value, StringComparer.Ordinal);
            _pendingStates[key] = CallbackState.FromJson(values, own);
        }
        foreach (var tensor in tensors.Where(kv => !manifest.Callbacks.ContainsKey(kv.Key.Split('/')[0])))
            tensor.Value.Dispose();
        ApplyPendingStates();
        return _history;
    }

    /// <summary>
    /// Why this trainer must not resume a checkpoint saved with <paramref name="saved"/>'s settings, or null: another
    /// seed (other shuffles and dropout masks), batch size or optimizer setting would give a history that matches
    /// neither run. The learning rate may differ (resuming with another is a choice; see <see cref="LoadCheckpoint"/>).
    /// </summary>
    private string? CheckSettings(CheckpointManifest saved)
    {
        var differences = new List<string>();
        if (saved.Seed != Options.Seed)
            differences.Add($"seed {saved.Seed} in the checkpoint, {Options.Seed} now");
        if (saved.BatchSize != Options.BatchSize)
            differences.Add($"batch size {saved.BatchSize} in the checkpoint, {Options.BatchSize} now");
        if (saved.Optimizer is { } optimizer && optimizer with { LearningRate = 0 } != Options.Optimizer with { LearningRate = 0 })
            differences.Add($"optimizer {optimizer with { LearningRate = Options.Optimizer.LearningRate }} in the checkpoint (learning rate aside), {Options.Optimizer} now");
        return differences.Count == 0 ? null : string.Join("; ", differences);
    }

    /// <summary>Loads the checkpoint at <paramref name="path"/> if the file exists; returns whether it did.</summary>
    public bool TryLoadCheckpoint(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            return false;
        LoadCheckpoint(path);
        return true;
    }

    /// <summary>Frees the optimizer's state. The model is not disposed.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        ClearPendingStates();
        _optimizer.Dispose();
    }

    /// <summary>The callbacks with their state keys: the type name, then <c>#2</c>, <c>#3</c>… for repeats.</summary>
    private IEnumerable<(string Key, Callback Callback)> KeyedCallbacks()
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var callback in _callbacks)
        {
            string key = callback.StateKey;
            int count = seen.GetValueOrDefault(key) + 1;
            seen[key] = count;
            yield return (count == 1 ? key : key + "#" + count.ToString(System.Globalization.CultureInfo.InvariantCulture), callback);
        }
    }

    /// <summary>Hands states loaded from a checkpoint to the callbacks present now, then frees their tensors.</summary>
    private void ApplyPendingStates()
    {
        foreach (var (key, callback) in KeyedCallbacks().ToList())
        {
            if (!_pendingStates.Remove(key, out var state))
                continue;
            try
            {
                callback.SetState(state);
            }
            finally
            {
                foreach (var tensor in state.Tensors.Values)
                    tensor.Dispose();
            }
        }
    }

    private void ClearPendingStates()
    {
        foreach (var state in _pendingStates.Values)
        {
            foreach (var tensor in state.Tensors.Values)
                tensor.Dispose();
        }
        _pendingStates.Clear();
    }

    private (EpochRecord Record, EpochPlan Plan) RunEpoch(EpochPlan plan, EpochPosition? partial, CallbackContext context, PreparedData train, PreparedData? validation,
        ITrainingProgress progress, CancellationToken cancellationToken)
    {
        Model.train();
        // Dropout draws from the global generator: reseed it per epoch so that masks depend on (seed, epoch) only; a
        // partial epoch then puts the generator back where its last completed step left it.
        torch.manual_seed(TrainingSeeds.Dropout(Options.Seed, plan.Epoch));
        using var running = partial is null ? RunningEpoch.Start(plan.Epoch, LearningRate) : RunningEpoch.Resume(partial, _device, ModelRunner.ModelName(Model));
        _position = null;
        _running = running;
        // A sink that ignores per-batch metrics gets none, and the metrics' totals are summed on the device and read once,
        // at the end of the epoch: one host read per batch (the loss) instead of two.
        bool readMetrics = !(Options.DeferAccuracyReads && IgnoresBatchMetrics(progress));
        // A display that redraws a few times a second gets the metrics that often, not after every batch.
        var metricsInterval = readMetrics && Options.DeferAccuracyReads && progress is IThrottledProgress throttled ? throttled.MetricsInterval : TimeSpan.Zero;
        TimeSpan? lastRead = null;
        try
        {
            ulong? shuffle = train.Data.IsShuffledByTrainer ? TrainingSeeds.Shuffle(Options.Seed, plan.Epoch) : null;
            // The same permutation as the epoch's first part had; the batches trained on before are skipped.
            foreach (var batch in train.Data.Batches(plan.Epoch, Options.BatchSize, shuffle, running.Steps, cancellationToken))
            {
                using var owned = batch;
                using var batchScope = torch.NewDisposeScope();
                cancellationToken.ThrowIfCancellationRequested();
                int step = running.Steps + 1;
                var inputs = train.Inputs(batch, ToTrainingLayout);
                var targets = train.Targets(batch);
                var weight = batch.SampleWeight is null ? null : ToModelDevice(batch.SampleWeight);

                _optimizer.ZeroGrad();
                var outputs = _runner.Run(inputs);
                var (loss, perOutput) = _objective.Loss(outputs, targets, weight);
                loss.backward();
                // Read after the backward pass has been issued (on a GPU it need not wait for it to be queued) and
                // checked before the update, so a diverged batch never reaches the weights.
                double lossValue = ScalarOf(loss);
                if (!double.IsFinite(lossValue))
                    throw Diverged(plan, step, lossValue, inputs);
                _optimizer.Step();

                var sums = running.Sums;
                using (torch.no_grad())
                    _objective.Accumulate(ref sums, outputs, targets, perOutput, batch.Count);
                running.Completed(sums, lossValue, batch.Count);
                double meanLoss = running.LossSum / running.Samples;
                bool readNow = readMetrics && (lastRead is null || running.Elapsed - lastRead.Value >= metricsInterval || running.Samples == plan.Samples);
                var logs = readNow ? new EpochLogs(_objective.Logs(meanLoss, Read(running.Sums), running.Samples, "")) : null;
                if (readNow)
                    lastRead = running.Elapsed;
                progress.BatchCompleted(new BatchProgress(plan, running.Steps, running.Samples, meanLoss, logs, running.Elapsed));
                foreach (var callback in _callbacks)
                    callback.OnTrainBatchEnd(context, plan.Epoch, running.Steps);
                if (Options.TrimFreedMemoryEvery > 0 && running.Steps % Options.TrimFreedMemoryEvery == 0)
                    FreedMemory.TrimIfGrown();
            }
            if (running.Samples == 0)
                throw new InvalidOperationException($"Epoch {plan.Epoch}'s training data gave no batches; a stream must yield at least one batch per epoch.");
            _running = null;
            // Resumed after the epoch's last step (a backup saved then): no batch came to settle "accuracy" and the like.
            if (!_objective.IsResolved)
                ResolveMetrics(train, plan.Epoch);
            List<KeyValuePair<string, double>> epochLogs;
            using (var totals = running.TakeSums())
                epochLogs = _objective.Logs(running.LossSum / running.Samples, Read(totals), running.Samples, "");
            if (validation is not null)
                epochLogs.AddRange(EvaluateCore(validation, Options.EffectiveEvaluationBatchSize).Logs.Select(l => new KeyValuePair<string, double>("val_" + l.Key, l.Value)));
            var done = plan.Samples > 0 ? plan : plan with { Samples = running.Samples, Steps = running.Steps };
            return (new EpochRecord(plan.Epoch, epochLogs, running.Elapsed.TotalSeconds) { LearningRate = running.LearningRate }, done);
        }
        catch (OperationCanceledException) when (_running is not null && running.Steps > 0)
        {
            // Cancelled between two steps: keep where the epoch stands, for SaveCheckpoint and the next Fit.
            _position = running.Snapshot();
            throw;
        }
        finally
        {
            _running = null;
        }
    }

    /// <summary>
    /// Settles the metrics that depend on the data from the epoch's first batch, by a forward pass in evaluation mode
    /// without gradients, which draws no random numbers.
    /// </summary>
    private void ResolveMetrics(PreparedData train, int epoch)
    {
        Model.eval();
        try
        {
            using var noGrad = WithoutGradients();
            foreach (var batch in train.Data.Batches(epoch, Options.BatchSize, null, 0, CancellationToken.None))
            {
                using var owned = batch;
                using var batchScope = torch.NewDisposeScope();
                _objective.Resolve(_runner.Run(train.Inputs(batch, ToEvaluationLayout)), train.Targets(batch));
                break;
            }
        }
        finally
        {
            Model.train();
        }
    }

    private Evaluation EvaluateCore(PreparedData data, int batchSize)
    {
        Model.eval();
        using var noGrad = WithoutGradients();
        Tensor? sums = null;
        // The loss summed on the device in float64 and read once at the end.
        using var lossTotal = torch.zeros(1, ScalarType.Float64, device: _device);
        long seen = 0;
        try
        {
            foreach (var batch in data.Data.Batches(0, batchSize, null, 0, CancellationToken.None))
            {
                using var owned = batch;
                using var batchScope = torch.NewDisposeScope();
                var inputs = data.Inputs(batch, ToEvaluationLayout);
                var targets = data.Targets(batch);
                var weight = batch.SampleWeight is null ? null : ToModelDevice(batch.SampleWeight);
                var outputs = _runner.Run(inputs);
                var (loss, perOutput) = _objective.Loss(outputs, targets, weight);
                lossTotal.add_(loss.to_type(ScalarType.Float64) * batch.Count);
                _objective.Accumulate(ref sums, outputs, targets, perOutput, batch.Count);
                seen += batch.Count;
            }
            if (seen == 0)
                throw new InvalidOperationException("The evaluation data gave no batches.");
            return new Evaluation(new EpochLogs(_objective.Logs(lossTotal.item<double>() / seen, Read(sums), seen, "")), seen);
        }
        finally
        {
            sums?.Dispose();
        }
    }

    private static void CheckBatchSize(int? batchSize)
    {
        if (batchSize is < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batchSize must be at least 1 (or null for TrainerOptions.EvaluationBatchSize).");
    }

    /// <summary>The epoch's totals on the host (one read for all of them).</summary>
    private static double[] Read(Tensor? sums)
    {
        if (sums is null)
            return Array.Empty<double>();
        using var cpu = sums.cpu();
        return cpu.data<double>().ToArray();
    }

    /// <summary>Whether <paramref name="progress"/> is one of the runtime's sinks that never look at a batch's loss or accuracy.</summary>
    private static bool IgnoresBatchMetrics(ITrainingProgress progress) => progress is SilentProgress or LineProgress;

    /// <summary>Gradients off for evaluation: <c>inference_mode</c>, or <c>no_grad</c> when <see cref="TrainerOptions.InferenceMode"/> is off.</summary>
    private IDisposable WithoutGradients() => Options.InferenceMode ? torch.inference_mode() : torch.no_grad();

    /// <summary>A training batch as the model should see it: channels-last when <see cref="TrainerOptions.ChannelsLast"/> says so for training.</summary>
    private Tensor ToTrainingLayout(Tensor batch) =>
        Options.ChannelsLast == ChannelsLastMode.TrainingAndEvaluation && batch.is_floating_point() ? MemoryLayout.ChannelsLast(batch) : batch;

    /// <summary>An evaluation batch as the model should see it: channels-last unless <see cref="TrainerOptions.ChannelsLast"/> is off.</summary>
    private Tensor ToEvaluationLayout(Tensor batch) =>
        Options.ChannelsLast != ChannelsLastMode.Off && batch.is_floating_point() ? MemoryLayout.ChannelsLast(batch) : batch;

    private TrainingDivergedException Diverged(EpochPlan plan, int step, double loss, Tensor[] inputs)
    {
        bool inputsFinite = true;
        foreach (var input in inputs.Where(i => i.is_floating_point()))
        {
            using var finite = input.isfinite();
            using var all = finite.all();
            inputsFinite &= all.item<bool>();
        }
        return new TrainingDivergedException(plan.Epoch, step, plan.Steps, loss, LearningRate, inputsFinite);
    }

    private Tensor ToModelDevice(Tensor tensor) =>
        tensor.device_type == _device.type && tensor.device_index == _device.index ? tensor : tensor.to(_device);

    private static double ScalarOf(Tensor scalar)
    {
        if (scalar.dtype == ScalarType.Float32)
            return scalar.item<float>();
        if (scalar.dtype == ScalarType.Float64)
            return scalar.item<double>();
        using var wide = scalar.to_type(ScalarType.Float64);
        return wide.item<double>();
    }

    /// <summary>The options that live on the model's layers: dropout's mask source and the LSTM's kernel.</summary>
    private void ConfigureLayers()
    {
        foreach (var module in Model.modules())
        {
            if (module is Dsl.Modules.Dropout dropout && Options.DropoutMasks is { } source)
                dropout.MaskSource = source;
            else if (module is Dsl.Modules.Lstm lstm && Options.LibtorchLstm is { } libtorch)
                lstm.UseLibtorchKernel = libtorch;
        }
    }

    private void ApplyThreads()
    {
        int threads = Options.EffectiveThreads;
        if (torch.get_num_threads() != threads)
            torch.set_num_threads(threads);
        if (Options.InteropThreads is int interop && torch.get_num_interop_threads() != interop)
        {
            try
            {
                torch.set_num_interop_threads(interop);
            }
            catch (System.Runtime.InteropServices.ExternalException)
            {
                // libtorch takes the inter-op thread count once, before its first parallel work; later it refuses.
            }
        }
    }

    /// <summary>
    /// Checks inputs against the model: one tensor per input, each a batch of its shape and element type (any floating
    /// point for a float input), all with the same number of samples.
    /// </summary>
    private void CheckInputs(IReadOnlyList<Tensor> x, string xName)
    {
        ArgumentNullException.ThrowIfNull(x, xName);
        int expected = _runner.InputCount;
        if (x.Count != expected)
        {
            string names = Model is IGeneratedModel named ? " (" + string.Join(", ", named.Info.Inputs.Select(i => i.Name)) + ")" : string.Empty;
            throw new ArgumentException($"{xName} must hold one tensor per input of the model, {expected}{names}, but holds {x.Count}.", xName);
        }
        for (int i = 0; i < x.Count; i++)
        {
            var input = x[i];
            string which = x.Count == 1 ? xName : $"{xName}[{i}]";
            ArgumentNullException.ThrowIfNull(input, which);
            if (input.Dimensions < 2 || input.shape[0] == 0)
                throw new ArgumentException($"{which} must be a batch of samples, (N, …) with N ≥ 1, but has shape ({string.Join(", ", input.shape)}).", xName);
            if (input.shape[0] != x[0].shape[0])
                throw new ArgumentException($"{which} has {input.shape[0]} samples but {xName}[0] has {x[0].shape[0]}; every input needs one row per sample.", xName);
            if (Model is IGeneratedModel generated)
            {
                var info = generated.Info.Inputs[i];
                if (info.DType == DType.Float32 && !input.is_floating_point())
                    throw new ArgumentException($"{which} must be floating point, but is {input.dtype}; convert it with .to_type(ScalarType.Float32).", xName);
                InputGuard.Check(input, info, generated.Info.Name);
            }
            else if (!input.is_floating_point())
            {
                throw new ArgumentException($"{which} must be floating point, but is {input.dtype}; convert it with .to_type(ScalarType.Float32).", xName);
            }
        }
    }

    /// <summary>
    /// Checks data against the model and its losses: for tensors in memory, the inputs' shapes and types and the targets
    /// (converted once to what the losses take); for datasets and streams, the counts now and each batch as it comes.
    /// </summary>
    private PreparedData Prepare(TrainingData data, string xName, string yName, bool requireTargets)
    {
        if (data.InputCount != _runner.InputCount)
        {
            string names = _runner.Info is { } info ? " (" + string.Join(", ", info.Inputs.Select(i => i.Name)) + ")" : string.Empty;
            throw new ArgumentException($"{xName} must hold one tensor per input of the model, {_runner.InputCount}{names}, but holds {data.InputCount}.", xName);
        }
        if (requireTargets && data.TargetCount != _runner.OutputNames.Count)
        {
            throw new ArgumentException(
                $"{yName} must hold one target per output of the model, {_runner.OutputNames.Count} ({string.Join(", ", _runner.OutputNames)}), but holds {data.TargetCount}.", yName);
        }
        if (data is not TensorData tensors)
            return new PreparedData(this, data, prepared: false, owned: Array.Empty<Tensor>(), xName, yName);

        CheckInputs(tensors.X, xName);
        long count = tensors.X[0].shape[0];
        for (int i = 0; i < tensors.Y.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(tensors.Y[i], yName);
            if (tensors.Y[i].Dimensions < 1 || tensors.Y[i].shape[0] != count)
            {
                string which = tensors.Y.Length == 1 ? yName : $"{yName}[{i}]";
                string noun = tensors.Y.Length == 1 && _objective.Heads[0].Loss is SparseCategoricalCrossentropyLoss ? "labels" : "targets";
                throw new ArgumentException($"{xName} has {count} samples but {which} has {(tensors.Y[i].Dimensions < 1 ? 0 : tensors.Y[i].shape[0])} {noun}.", yName);
            }
        }
        if (tensors.SampleWeight is { } sampleWeight && (sampleWeight.Dimensions != 1 || sampleWeight.shape[0] != count || !sampleWeight.is_floating_point()))
            throw new ArgumentException($"The sample weights must be floating point, one per sample, shape ({count}), but are {sampleWeight.dtype} ({string.Join(", ", sampleWeight.shape)}).", "sampleWeight");
        var targets = _objective.PrepareTargets(tensors.Y, yName);
        var owned = targets.Where((t, i) => !ReferenceEquals(t, tensors.Y[i])).ToArray();
        foreach (var tensor in owned)
            tensor.DetachFromDisposeScope();
        return new PreparedData(this, tensors.With(targets, tensors.SampleWeight), prepared: true, owned, xName, yName);
    }

    /// <summary>Data checked against the model: batches come out on the model's device with targets as the losses take them.</summary>
    private sealed class PreparedData : IDisposable
    {
        private readonly Trainer _trainer;
        private readonly bool _prepared;
        private readonly Tensor[] _owned;
        private readonly string _xName;
        private readonly string _yName;

        public PreparedData(Trainer trainer, TrainingData data, bool prepared, Tensor[] owned, string xName, string yName)
        {
            _trainer = trainer;
            Data = data;
            _prepared = prepared;
            _owned = owned;
            _xName = xName;
            _yName = yName;
        }

        public TrainingData Data { get; }

        /// <summary>What a checkpoint remembers of the data: the first target's fingerprint, for tensors in memory.</summary>
        public DataFingerprint? Fingerprint() => Data is TensorData { Y.Length: > 0 } tensors ? DataFingerprint.Of(tensors.Y[0]) : null;

        public Tensor[] Inputs(DataBatch batch, Func<Tensor, Tensor> layout)
        {
            if (!_prepared)
                _trainer.CheckInputs(batch.Inputs, _xName);
            return batch.Inputs.Select(t => layout(_trainer.ToModelDevice(t))).ToArray();
        }

        public Tensor[] Targets(DataBatch batch)
        {
            var targets = _prepared ? batch.Targets.ToArray() : _trainer._objective.PrepareTargets(batch.Targets, _yName);
            return targets.Select(_trainer.ToModelDevice).ToArray();
        }

        public void Dispose()
        {
            foreach (var tensor in _owned)
                tensor.Dispose();
        }
    }
}
