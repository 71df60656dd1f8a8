using System;
using System.Collections.Generic;

namespace Dsl.Training;

/// <summary>
/// How a <see cref="Trainer"/> trains. The defaults are the seed notebook's: Adam with Keras's defaults,
/// batches of 128, 12 epochs.
/// </summary>
public sealed record TrainerOptions
{
    /// <summary>The optimizer and its hyper-parameters. Default: <see cref="OptimizerSettings.Adam"/> with Keras's defaults.</summary>
    public OptimizerSettings Optimizer { get; init; } = OptimizerSettings.Adam();

    /// <summary>
    /// The loss of every output (Keras's <c>compile(loss=…)</c>), unless <see cref="OutputLosses"/> names one for it.
    /// <see langword="null"/> (the default) trains a classifier: sparse categorical cross-entropy on class indices, for a
    /// model with one output of class scores (ending with softmax, log-softmax or no activation); any other model needs a loss.
    /// </summary>
    public Loss? Loss { get; init; }

    /// <summary>Losses by output name, for models with several outputs (Keras's <c>loss={"digits": …}</c>); they win over <see cref="Loss"/>.</summary>
    public IReadOnlyDictionary<string, Loss>? OutputLosses { get; init; }

    /// <summary>
    /// Weights of the outputs' losses in the total that is minimised (Keras's <c>loss_weights</c>), by output name; an
    /// output not named weighs 1.
    /// </summary>
    public IReadOnlyDictionary<string, double>? LossWeights { get; init; }

    /// <summary>
    /// Metrics computed for every output (Keras's <c>compile(metrics=[…])</c>), streamed over each epoch, logged under
    /// their names (<c>digits_accuracy</c> for output <c>digits</c> of a model with several). <see langword="null"/>
    /// (the default) measures accuracy when <see cref="Loss"/> is left to the default, and nothing otherwise.
    /// </summary>
    public IReadOnlyList<Metric>? Metrics { get; init; }

    /// <summary>Metrics by output name, in addition to <see cref="Metrics"/> (Keras's <c>metrics={"digits": […]}</c>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Metric>>? OutputMetrics { get; init; }

    /// <summary>
    /// Keras's <c>class_weight</c>: a weight per class index multiplying the loss of the samples of that class (classes not
    /// listed weigh 1), for a model with one output; combined with the data's sample weights by multiplication.
    /// </summary>
    public IReadOnlyDictionary<int, double>? ClassWeight { get; init; }

    /// <summary>Samples per gradient step (the last batch of an epoch may be smaller).</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>
    /// Samples per forward pass when evaluating: the validation after each epoch, <c>Evaluate</c> and <c>Predict</c>.
    /// <see langword="null"/> (the default) uses <see cref="BatchSize"/>: on the 2-core CPUs measured, batches of 512 made
    /// the seed models' evaluation slower, not faster (bench/README.md). The results do not depend on it (up to float
    /// rounding in the last digit).
    /// </summary>
    public int? EvaluationBatchSize { get; init; }

    /// <summary>
    /// The number of the last epoch to train, like Keras's <c>epochs</c>: a trainer resumed from a checkpoint
    /// after epoch 5 trains epochs 6 to <see cref="Epochs"/>.
    /// </summary>
    public int Epochs { get; init; } = 12;

    /// <summary>
    /// Decides each epoch's shuffling and dropout masks (both are derived from this seed and the epoch number, so a
    /// resumed run repeats an uninterrupted one). Initial weights are drawn when the model is constructed, before the
    /// trainer exists: seed them with <see cref="Trainer.Seed"/> before constructing the model.
    /// Bit-identical histories also need the same <see cref="Threads"/>: the thread count changes the order of
    /// floating-point sums in libtorch's kernels.
    /// </summary>
    public int Seed { get; init; }

    /// <summary>Threads for TorchSharp's CPU kernels (<c>torch.set_num_threads</c>); <see langword="null"/> uses every core.</summary>
    public int? Threads { get; init; }

    /// <summary>
    /// Threads libtorch may use to run independent operations side by side (<c>torch.set_num_interop_threads</c>);
    /// <see langword="null"/> (the default) leaves libtorch's choice. Eager training runs one operation at a time, so this
    /// mostly decides how many idle threads exist. libtorch accepts it once per process, before its first parallel work:
    /// a later, different value is ignored (the trainer does not fail over it).
    /// </summary>
    public int? InteropThreads { get; init; }

    /// <summary>
    /// Lays image batches (N, C, H, W) out channels-last in memory (NHWC strides, same shape and values) before the model
    /// sees them: for evaluation only, or for training too (<see cref="ChannelsLastMode"/>). libtorch's convolutions (oneDNN)
    /// then run in NHWC and keep that layout through ReLU, pooling and dropout until Flatten, instead of converting to and
    /// from their blocked layout at every layer. Evaluation results equal the default layout's up to float rounding; in
    /// training, dropout draws its masks in memory order, so a seeded run is just as repeatable but draws other masks.
    /// <see cref="ChannelsLastMode.TrainingAndEvaluation"/> by default: measured faster for training and evaluation on CPU
    /// (bench/README.md); other inputs (sequences, flat vectors) pass unchanged.
    /// </summary>
    public ChannelsLastMode ChannelsLast { get; init; } = ChannelsLastMode.TrainingAndEvaluation;

    /// <summary>
    /// Where the model's <see cref="Dsl.Modules.Dropout"/> layers draw their training masks, set on each when training
    /// starts; null (the default) leaves every layer as it is, which is the runtime's counter-based generator
    /// (<see cref="Dsl.Modules.DropoutMaskSource.Counter"/>) unless code set it. <see cref="Dsl.Modules.DropoutMaskSource.Libtorch"/>
    /// draws the masks libtorch's <c>dropout</c> draws for the same seed, as a hand-written TorchSharp or PyTorch model
    /// does, at libtorch's speed.
    /// </summary>
    public Dsl.Modules.DropoutMaskSource? DropoutMasks { get; init; }

    /// <summary>
    /// Whether LSTM layers run their loop in libtorch's LSTM kernel where it computes them
    /// (<see cref="Dsl.Modules.Lstm.UseLibtorchKernel"/>), set on each when training, evaluation or prediction starts;
    /// null (the default) leaves every layer as it is, which is on unless code switched it off. Internal: set by the
    /// benchmark's ablations.
    /// </summary>
    internal bool? LibtorchLstm { get; init; }

    /// <summary>
    /// Every this many training batches the trainer hands freed memory back to the system if the resident set has
    /// doubled since it last did (<see cref="FreedMemory"/>); 0 never. Internal: 16 by default, switchable for the benchmark's ablations.
    /// </summary>
    internal int TrimFreedMemoryEvery { get; init; } = 16;

    /// <summary>
    /// Evaluation runs under <c>torch.inference_mode()</c> (no version counters or autograd metadata) rather than
    /// <c>no_grad()</c>. Internal: on by default, switchable for the benchmark's ablations.
    /// </summary>
    internal bool InferenceMode { get; init; } = true;

    /// <summary>
    /// When the progress sink ignores per-batch metrics (<see cref="SilentProgress"/>, <see cref="LineProgress"/>), the running
    /// accuracy is summed on the device and read once per epoch instead of after every batch. Internal: on by default,
    /// switchable for the benchmark's ablations.
    /// </summary>
    internal bool DeferAccuracyReads { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> or <see cref="ArgumentException"/> naming the first invalid value.</summary>
    internal void Validate()
    {
        if (Optimizer is null)
            throw new ArgumentException("TrainerOptions.Optimizer must be set, e.g. OptimizerSettings.Adam().", "options");
        if (BatchSize < 1)
            throw new ArgumentOutOfRangeException("options", BatchSize, "TrainerOptions.BatchSize must be at least 1 (the seed notebook uses 128).");
        if (Epochs < 1)
            throw new ArgumentOutOfRangeException("options", Epochs, "TrainerOptions.Epochs is the number of the last epoch to train and must be at least 1 (the seed notebook uses 12).");
        if (Threads is < 1)
            throw new ArgumentOutOfRangeException("options", Threads, "TrainerOptions.Threads must be at least 1, or null to use every core.");
        if (InteropThreads is < 1)
            throw new ArgumentOutOfRangeException("options", InteropThreads, "TrainerOptions.InteropThreads must be at least 1, or null for libtorch's default.");
        if (EvaluationBatchSize is < 1)
            throw new ArgumentOutOfRangeException("options", EvaluationBatchSize, "TrainerOptions.EvaluationBatchSize must be at least 1, or null for the default.");
        foreach (var (output, weight) in LossWeights ?? new Dictionary<string, double>())
        {
            if (!(weight >= 0) || double.IsInfinity(weight))
                throw new ArgumentOutOfRangeException("options", weight, $"TrainerOptions.LossWeights['{output}'] must be a finite number of at least 0.");
        }
        foreach (var (index, weight) in ClassWeight ?? new Dictionary<int, double>())
        {
            if (index < 0 || !(weight >= 0) || double.IsInfinity(weight))
                throw new ArgumentOutOfRangeException("options", weight, $"TrainerOptions.ClassWeight needs class indices of at least 0 and finite weights of at least 0; class {index} has {weight}.");
        }
        Optimizer.Validate();
    }

    /// <summary>The thread count to apply: <see cref="Threads"/> or every core.</summary>
    internal int EffectiveThreads => Threads ?? Environment.ProcessorCount;

    /// <summary>The evaluation batch size to apply: <see cref="EvaluationBatchSize"/>, or <see cref="BatchSize"/>.</summary>
    internal int EffectiveEvaluationBatchSize => EvaluationBatchSize ?? BatchSize;
}
