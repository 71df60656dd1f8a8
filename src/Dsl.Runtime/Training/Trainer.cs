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
/// Trains a classifier the way Keras's <c>model.fit</c> does: categorical cross-entropy on integer labels, mini-batches
/// shuffled every epoch, Adam or SGD, optional validation data after each epoch, a <see cref="Training.History"/>. A model
/// with several inputs (an image and its metadata, two views of one sample) takes one tensor per input, in the order of
/// <see cref="ModelInfo.Inputs"/>; integer inputs (token ids, raw pixels) are passed as they are.
/// </summary>
/// <remarks>
/// <para>
/// The loss is always computed stably. A generated model ending with softmax is trained through its
/// <see cref="IGeneratedModel.RunLogits"/> with <c>cross_entropy</c> (log-softmax + NLL), one ending with log-softmax
/// with <c>nll_loss</c>; generated models without a final activation and all other modules are taken to output logits.
/// See <see cref="Output"/>.
/// </para>
/// <para>
/// Reproducibility: initial weights are drawn when the model is constructed, so call <see cref="Seed"/> before
/// constructing it. During <c>Fit</c>, each epoch's shuffling comes from a private generator and TorchSharp's global
/// generator (which dropout uses) is reseeded at the start of each epoch, both from <see cref="TrainerOptions.Seed"/> and
/// the epoch number; so the same seed gives the same history, and a run resumed from a checkpoint continues exactly as an
/// uninterrupted run would have.
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
    private readonly ClassificationHead _head;
    private readonly KerasOptimizer _optimizer;
    private readonly Device _device;
    private readonly CallbackList _callbacks;
    private readonly Dictionary<string, CallbackState> _pendingStates = new(StringComparer.Ordinal);
    private History _history = History.Empty;

    // The training data of the epochs in _history (from the last Fit, or from the checkpoint they were loaded from).
    private DataFingerprint? _data;
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
        _head = ClassificationHead.For(model);
        var parameters = model.parameters().ToArray();
        if (parameters.Length == 0)
            throw new ArgumentException($"{ClassificationHead.ModelName(model)} has no parameters to train.", nameof(model));

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

    /// <summary>How the model's output is read for the loss, decided from its last layer's activation.</summary>
    public ClassifierOutput Output => _head.Output;

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
    /// <param name="progress">Receives progress; <see langword="null"/> reports nothing. See <see cref="ConsoleProgress.Create"/>.</param>
    /// <param name="cancellationToken">Checked before every batch; cancelling throws <see cref="OperationCanceledException"/>
    /// and keeps the epochs completed so far in <see cref="History"/>.</param>
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
        progress ??= SilentProgress.Instance;

        using var train = CheckData(x, y, nameof(x), nameof(y));
        using var validation = validationX is null ? null : CheckData(validationX, validationY!, nameof(validationX), nameof(validationY));
        return FitCore(train, validation, progress, cancellationToken);
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
        using var train = CheckData(trainX, trainY, nameof(x), nameof(y));
        using var validation = CheckData(validationX, validationY, nameof(x), nameof(y));
        return FitCore(train, validation, progress ?? SilentProgress.Instance, cancellationToken);
    }

    private History FitCore(LabeledBatchSource train, LabeledBatchSource? validation, ITrainingProgress progress, CancellationToken cancellationToken)
    {
        var data = DataFingerprint.Of(train.Y);
        if (_history.Count > 0 && _data is { } trained && trained != data)
        {
            throw new InvalidOperationException(
                $"The {_history.Count} epochs this trainer continues were trained on other data ({trained.Samples} samples, label checksum {trained.LabelChecksum}) "
                + $"than this Fit gives ({data.Samples} samples, label checksum {data.LabelChecksum}); resume with the same training data, or train a new trainer from the start.");
        }
        _data = data;
        ApplyThreads();
        bool wasTraining = Model.training;
        _fitting = true;
        try
        {
            var context = new CallbackContext(Model, () => LearningRate, rate => LearningRate = rate, Options.Epochs, _history, validation is not null, Log);
            ApplyPendingStates();
            foreach (var callback in _callbacks)
                callback.OnTrainBegin(context);

            for (int epoch = _history.Count + 1; epoch <= Options.Epochs && _history.Stop is null; epoch++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var callback in _callbacks)
                    callback.OnEpochBegin(context, epoch);
                int steps = checked((int)((train.Count + Options.BatchSize - 1) / Options.BatchSize));
                var plan = new EpochPlan(epoch, Options.Epochs, train.Count, steps);
                double learningRate = LearningRate;
                progress.EpochStarted(plan);
                EpochRecord record;
                try
                {
                    record = RunEpoch(plan, train, validation, progress, cancellationToken) with { LearningRate = learningRate };
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
                EpochCompleted?.Invoke(this, new EpochCompletedEventArgs(record, _history));
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
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (batchSize is < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batchSize must be at least 1 (or null for TrainerOptions.EvaluationBatchSize).");
        using var data = CheckData(x, y, nameof(x), nameof(y));
        ApplyThreads();
        bool wasTraining = Model.training;
        try
        {
            return EvaluateCore(data, batchSize ?? Options.EffectiveEvaluationBatchSize);
        }
        finally
        {
            Model.train(wasTraining);
        }
    }

    /// <summary>
    /// The predicted class and its probability for every sample of <paramref name="x"/>, in evaluation mode (dropout
    /// off) without gradients; the model's mode is restored afterwards. Probabilities are the softmax of the class
    /// scores, whatever the model's last activation.
    /// </summary>
    /// <param name="x">Inputs, (N, …) floating point.</param>
    /// <param name="batchSize">Samples per forward pass; <see langword="null"/> for <see cref="TrainerOptions.EvaluationBatchSize"/>'s effective value.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is below 1.</exception>
    /// <exception cref="ArgumentException">The inputs do not fit the model.</exception>
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
    public Predictions Predict(IReadOnlyList<Tensor> x, int? batchSize = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(x);
        if (batchSize is < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batchSize must be at least 1 (or null for TrainerOptions.EvaluationBatchSize).");
        CheckInputs(x, nameof(x));
        ApplyThreads();
        bool wasTraining = Model.training;
        try
        {
            Model.eval();
            using var noGrad = WithoutGradients();
            int size = batchSize ?? Options.EffectiveEvaluationBatchSize;
            long count = x[0].shape[0];
            var classes = new int[count];
            var confidence = new float[count];
            for (long start = 0; start < count; start += size)
            {
                using var batchScope = torch.NewDisposeScope();
                long n = Math.Min(size, count - start);
                var scores = _head.Scores(x.Select(t => ToEvaluationLayout(ToModelDevice(t.narrow(0, start, n)))).ToArray());
                var probabilities = Output == ClassifierOutput.LogProbabilities ? scores.exp() : scores.softmax(1);
                var (best, index) = probabilities.max(1);
                var bestCpu = best.to_type(ScalarType.Float32).cpu();
                var indexCpu = index.to_type(ScalarType.Int32).cpu();
                bestCpu.data<float>().CopyTo(confidence, (int)start);
                indexCpu.data<int>().CopyTo(classes, (int)start);
            }
            return new Predictions(classes, confidence);
        }
        finally
        {
            Model.train(wasTraining);
        }
    }

    /// <summary>
    /// Saves weights, optimizer state and history at <paramref name="path"/> (a JSON manifest, plus
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
            Model = ClassificationHead.ModelName(Model),
            Optimizer = Options.Optimizer,
            Seed = Options.Seed,
            BatchSize = Options.BatchSize,
            History = _history,
            LearningRate = LearningRate,
            Data = _data,
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
    /// epoch, bit for bit as the uninterrupted run would have (a learning-rate schedule continues from the restored step).
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
        var manifest = CheckpointFiles.Load(path, Model, ClassificationHead.ModelName(Model), _optimizer, Options.Optimizer, out var tensors, CheckSettings);
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

    private EpochRecord RunEpoch(EpochPlan plan, LabeledBatchSource train, LabeledBatchSource? validation, ITrainingProgress progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        int batchSize = Options.BatchSize;
        Model.train();
        // Dropout draws from the global generator: reseed it per epoch so that masks depend on (seed, epoch) only.
        torch.manual_seed(TrainingSeeds.Dropout(Options.Seed, plan.Epoch));
        // A sink that ignores per-batch metrics gets the running accuracy as NaN, and the hits are summed on the
        // device and read once, at the end of the epoch: one host read per batch (the loss) instead of two.
        bool readAccuracy = !(Options.DeferAccuracyReads && IgnoresBatchMetrics(progress));

        double lossSum = 0;
        long correct = 0;
        long seen = 0;
        using (var epochScope = torch.NewDisposeScope())
        {
            Tensor order;
            using (var generator = new Generator(TrainingSeeds.Shuffle(Options.Seed, plan.Epoch)))
                order = torch.randperm(plan.Samples, generator: generator);
            if (train.X[0].device_type != DeviceType.CPU)
                order = order.to(train.X[0].device);
            // The epoch's labels in shuffled order, gathered once; each batch takes a contiguous slice of them.
            var shuffledLabels = ToModelDevice(train.Y.index_select(0, order));
            var hitsOnDevice = readAccuracy ? null : torch.zeros(1, ScalarType.Int64, device: _device);

            for (int step = 1; step <= plan.Steps; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var batchScope = torch.NewDisposeScope();
                long start = (step - 1L) * batchSize;
                long count = Math.Min(batchSize, plan.Samples - start);
                var indices = order.narrow(0, start, count);
                var inputs = train.X.Select(t => ToTrainingLayout(ToModelDevice(t.index_select(0, indices)))).ToArray();
                var labels = shuffledLabels.narrow(0, start, count);

                _optimizer.ZeroGrad();
                var scores = _head.Scores(inputs);
                var loss = _head.Loss(scores, labels);
                loss.backward();
                // Read after the backward pass has been issued (on a GPU it need not wait for it to be queued) and
                // checked before the update, so a diverged batch never reaches the weights.
                double lossValue = ScalarOf(loss);
                if (!double.IsFinite(lossValue))
                    throw Diverged(plan, step, lossValue, inputs);
                _optimizer.Step();

                if (hitsOnDevice is null)
                    correct += ClassificationHead.CountCorrect(scores, labels);
                else
                    ClassificationHead.AddCorrect(scores, labels, hitsOnDevice);
                lossSum += lossValue * count;
                seen += count;
                double accuracy = hitsOnDevice is null ? (double)correct / seen : double.NaN;
                progress.BatchCompleted(new BatchProgress(plan, step, seen, lossSum / seen, accuracy, clock.Elapsed));
            }
            if (hitsOnDevice is not null)
                correct = hitsOnDevice.item<long>();
        }

        var validated = validation is null ? null : EvaluateCore(validation, Options.EffectiveEvaluationBatchSize);
        clock.Stop();
        return new EpochRecord(plan.Epoch, lossSum / seen, (double)correct / seen, validated?.Loss, validated?.Accuracy, clock.Elapsed.TotalSeconds);
    }

    private Evaluation EvaluateCore(LabeledBatchSource data, int batchSize)
    {
        Model.eval();
        using var noGrad = WithoutGradients();
        using var sums = torch.NewDisposeScope();
        // Summed on the device (the loss in float64, as the host sum was) and read once at the end.
        var lossTotal = torch.zeros(1, ScalarType.Float64, device: _device);
        var hits = torch.zeros(1, ScalarType.Int64, device: _device);
        for (long start = 0; start < data.Count; start += batchSize)
        {
            using var batchScope = torch.NewDisposeScope();
            long count = Math.Min(batchSize, data.Count - start);
            var inputs = data.X.Select(t => ToEvaluationLayout(ToModelDevice(t.narrow(0, start, count)))).ToArray();
            var labels = ToModelDevice(data.Y.narrow(0, start, count));
            var scores = _head.Scores(inputs);
            lossTotal.add_(_head.Loss(scores, labels, nn.Reduction.Sum).to_type(ScalarType.Float64));
            ClassificationHead.AddCorrect(scores, labels, hits);
        }
        double lossSum = lossTotal.item<double>();
        long correct = hits.item<long>();
        return new Evaluation(lossSum / data.Count, (double)correct / data.Count, data.Count);
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
        int expected = _head.InputCount;
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

    /// <summary>Checks a data set against the model and converts its labels to int64 if needed.</summary>
    private LabeledBatchSource CheckData(IReadOnlyList<Tensor> x, Tensor y, string xName, string yName)
    {
        CheckInputs(x, xName);
        ArgumentNullException.ThrowIfNull(y, yName);

        if (y.Dimensions != 1)
        {
            string hint = y.Dimensions == 2 ? " If they are one-hot rows, pass y.argmax(1)." : "";
            throw new ArgumentException($"{yName} must hold one class index per sample, shape (N), but has shape ({string.Join(", ", y.shape)}).{hint}", yName);
        }
        if (y.shape[0] != x[0].shape[0])
            throw new ArgumentException($"{xName} has {x[0].shape[0]} samples but {yName} has {y.shape[0]} labels.", yName);
        if (y.dtype == ScalarType.Bool || !y.is_integral())
            throw new ArgumentException($"{yName} must hold integer class indices (int64), but is {y.dtype}.", yName);

        var labels = y.dtype == ScalarType.Int64 ? y : y.to_type(ScalarType.Int64).DetachFromDisposeScope();
        try
        {
            long min, max;
            using (var minimum = labels.min())
            using (var maximum = labels.max())
            {
                min = minimum.item<long>();
                max = maximum.item<long>();
            }
            if (min < 0 || (_head.Classes is int classes && max >= classes))
            {
                string range = _head.Classes is int n ? $"[0, {n})" : "[0, classes)";
                throw new ArgumentException($"{yName} must hold class indices in {range}, but holds values from {min} to {max}.", yName);
            }
        }
        catch
        {
            if (!ReferenceEquals(labels, y))
                labels.Dispose();
            throw;
        }
        return new LabeledBatchSource(x.ToArray(), labels, ownsLabels: !ReferenceEquals(labels, y));
    }

    /// <summary>Inputs and int64 labels of one data set, owning the labels when they were converted.</summary>
    private sealed class LabeledBatchSource : IDisposable
    {
        private readonly bool _ownsLabels;

        public LabeledBatchSource(Tensor[] x, Tensor y, bool ownsLabels)
        {
            X = x;
            Y = y;
            _ownsLabels = ownsLabels;
        }

        /// <summary>One tensor per input of the model.</summary>
        public Tensor[] X { get; }

        public Tensor Y { get; }

        public long Count => X[0].shape[0];

        public void Dispose()
        {
            if (_ownsLabels)
                Y.Dispose();
        }
    }
}
