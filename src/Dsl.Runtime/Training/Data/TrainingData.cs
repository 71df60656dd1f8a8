using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>
/// What <see cref="Trainer.Fit(TrainingData, TrainingData?, ITrainingProgress?, CancellationToken)"/> trains on and
/// <c>Evaluate</c> measures: tensors in memory (<see cref="FromTensors(IReadOnlyList{Tensor}, IReadOnlyList{Tensor}, Tensor?)"/>),
/// a map-style TorchSharp dataset read batch by batch (<see cref="FromDataset"/>), or your own stream of batches
/// (<see cref="FromBatches"/>). Keras's <c>x, y, sample_weight</c> or a <c>tf.data.Dataset</c>.
/// </summary>
/// <remarks>
/// In-memory data and datasets are shuffled every epoch from <see cref="TrainerOptions.Seed"/> and the epoch number, the
/// same permutation for both, so a dataset over the same samples trains exactly as the tensors do and a resumed run
/// repeats an uninterrupted one. Datasets and streams are read on a background thread, a batch ahead of the step.
/// </remarks>
public abstract class TrainingData
{
    private protected TrainingData()
    {
    }

    /// <summary>The number of samples, when known (streams may not know it).</summary>
    public abstract long? Count { get; }

    /// <summary>How many model inputs each batch holds.</summary>
    internal abstract int InputCount { get; }

    /// <summary>How many targets each batch holds (0 for inputs only).</summary>
    internal abstract int TargetCount { get; }

    /// <summary>Whether this data shuffles itself (tensors and datasets, from the trainer's seed) rather than coming in a fixed order.</summary>
    internal abstract bool IsShuffledByTrainer { get; }

    /// <summary>
    /// The batches of one pass, shuffled with <paramref name="shuffleSeed"/> when given, from batch
    /// <paramref name="skipBatches"/> on (a run resumed mid-epoch skips the batches it already trained on, in the same
    /// order); each batch is the caller's to dispose.
    /// </summary>
    internal abstract IEnumerable<DataBatch> Batches(int epoch, int batchSize, ulong? shuffleSeed, int skipBatches, CancellationToken cancellationToken);

    /// <summary>Tensors in memory: one per input and one per output, samples first (Keras's <c>fit(x, y)</c>).</summary>
    /// <param name="x">One tensor per model input, in <see cref="ModelInfo.Inputs"/>' order.</param>
    /// <param name="y">One target per model output, in <see cref="ModelInfo.Outputs"/>' order; empty for inputs only.</param>
    /// <param name="sampleWeight">A weight per sample, (N), multiplying its loss (Keras's <c>sample_weight</c>), or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">No inputs, or the tensors disagree on the number of samples.</exception>
    public static TrainingData FromTensors(IReadOnlyList<Tensor> x, IReadOnlyList<Tensor> y, Tensor? sampleWeight = null) =>
        new TensorData(x, y, sampleWeight);

    /// <summary>One input tensor and one target tensor in memory.</summary>
    /// <exception cref="ArgumentException">The tensors disagree on the number of samples.</exception>
    public static TrainingData FromTensors(Tensor x, Tensor y, Tensor? sampleWeight = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return new TensorData(new[] { x }, new[] { y }, sampleWeight);
    }

    /// <summary>
    /// A map-style TorchSharp dataset (<c>torch.utils.data.Dataset</c>: <c>Count</c> and <c>GetTensor(index)</c>), read
    /// sample by sample and stacked into batches on a background thread. Each sample is a dictionary; the keys say which
    /// tensors are the inputs, the targets and the sample weight.
    /// </summary>
    /// <param name="dataset">The samples; not owned (dispose it yourself).</param>
    /// <param name="inputs">The keys of the model's inputs, in its order, e.g. <c>["image"]</c>.</param>
    /// <param name="targets">The keys of the targets, one per model output, e.g. <c>["label"]</c>.</param>
    /// <param name="sampleWeight">The key of a per-sample weight (a scalar per sample), or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">No input keys, or the dataset is empty.</exception>
    public static TrainingData FromDataset(utils.data.Dataset dataset, IReadOnlyList<string> inputs, IReadOnlyList<string> targets, string? sampleWeight = null) =>
        new DatasetData(dataset, inputs, targets, sampleWeight);

    /// <summary>
    /// Your own stream of batches: <paramref name="epochBatches"/> is called at the start of every pass with the epoch
    /// number (0 for evaluation) and returns that pass's batches, read on a background thread one batch ahead. Shuffle
    /// inside it if you want shuffling (from the epoch number, so that resumed runs repeat). A run resumed in the middle
    /// of an epoch calls it for that epoch again and drops the batches already trained on, so the stream must yield
    /// the same batches for the same epoch number.
    /// </summary>
    /// <param name="epochBatches">(epoch, cancellation) → the pass's batches; the trainer disposes each after its step.</param>
    /// <param name="inputs">How many inputs each batch has.</param>
    /// <param name="targets">How many targets each batch has.</param>
    /// <param name="samples">The number of samples in a pass, when known (for the progress bar's total), else <see langword="null"/>.</param>
    public static TrainingData FromBatches(Func<int, CancellationToken, IAsyncEnumerable<DataBatch>> epochBatches, int inputs = 1, int targets = 1, long? samples = null) =>
        new StreamData(epochBatches, inputs, targets, samples);
}
