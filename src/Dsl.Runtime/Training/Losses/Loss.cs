using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>
/// A loss as Keras's <c>compile(loss=…)</c> takes it: Keras's names, definitions and defaults. Create one with a factory
/// (<see cref="BinaryCrossentropy"/>, <see cref="MeanSquaredError"/>…), by Keras's name (<see cref="FromName"/>), or from
/// your own function (<see cref="Custom"/>).
/// </summary>
/// <remarks>
/// A loss returns one value per sample (or per step of a sequence, per pixel of an image…), unreduced; the trainer
/// multiplies them by the sample weights and divides the sum by their number, Keras's <c>sum_over_batch_size</c>.
/// Losses that take probabilities (the cross-entropies with <c>fromLogits: false</c>) are computed from the logits when
/// the output ends with the matching activation (softmax, sigmoid), so they stay finite where the probability saturates;
/// otherwise they clip probabilities to [1e-7, 1 − 1e-7] as Keras does.
/// </remarks>
public abstract class Loss
{
    /// <summary>Keras's epsilon, which probability-based losses clip to.</summary>
    internal const double Epsilon = 1e-7;

    private static readonly IReadOnlyDictionary<string, Func<Loss>> Names = new Dictionary<string, Func<Loss>>(StringComparer.Ordinal)
    {
        ["sparse_categorical_crossentropy"] = () => SparseCategoricalCrossentropy(),
        ["categorical_crossentropy"] = () => CategoricalCrossentropy(),
        ["binary_crossentropy"] = () => BinaryCrossentropy(),
        ["mean_squared_error"] = () => MeanSquaredError(),
        ["mse"] = () => MeanSquaredError(),
        ["mean_absolute_error"] = () => MeanAbsoluteError(),
        ["mae"] = () => MeanAbsoluteError(),
        ["huber"] = () => Huber(),
        ["huber_loss"] = () => Huber(),
        ["kl_divergence"] = () => KLDivergence(),
        ["kld"] = () => KLDivergence(),
        ["cosine_similarity"] = () => CosineSimilarity(),
        ["contrastive_loss"] = () => Contrastive(),
    };

    /// <summary>Creates a loss named <paramref name="name"/>.</summary>
    protected Loss(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>Keras's name for the loss, e.g. <c>binary_crossentropy</c>.</summary>
    public string Name { get; }

    /// <summary>
    /// The unreduced loss of a batch: one value per sample, shape (N) (or (N, steps) and so on for outputs with more
    /// axes than the loss reduces).
    /// </summary>
    /// <param name="target">The batch's targets, as <see cref="PrepareTargets"/> returned them.</param>
    /// <param name="output">The model's output for the batch.</param>
    public abstract Tensor Compute(Tensor target, ModelOutput output);

    /// <summary>
    /// Checks a data set's targets against the output they train (<paramref name="output"/> is <see langword="null"/>
    /// for modules that are not generated) and returns them in the element type <see cref="Compute"/> takes; called once
    /// per data set for tensors in memory, and on each batch of a stream.
    /// </summary>
    /// <exception cref="ArgumentException">The targets do not fit the loss or the output; the message says what to pass.</exception>
    public virtual Tensor PrepareTargets(Tensor targets, OutputInfo? output, string argument) => ToFloat(targets);

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>
    /// Keras's <c>SparseCategoricalCrossentropy</c>: integer class indices against class scores, (N) against (N, classes),
    /// (N, steps) against (N, steps, classes) per step, (N, H, W) against (N, classes, H, W) per pixel.
    /// </summary>
    /// <param name="fromLogits">The output holds logits rather than probabilities.</param>
    public static Loss SparseCategoricalCrossentropy(bool fromLogits = false) => new SparseCategoricalCrossentropyLoss(fromLogits);

    /// <summary>Keras's <c>CategoricalCrossentropy</c>: one-hot (or soft) targets against class scores, both (N, classes).</summary>
    /// <param name="fromLogits">The output holds logits rather than probabilities.</param>
    /// <param name="labelSmoothing">In [0, 1]: targets become <c>y·(1 − s) + s / classes</c>.</param>
    public static Loss CategoricalCrossentropy(bool fromLogits = false, double labelSmoothing = 0) => new CategoricalCrossentropyLoss(fromLogits, labelSmoothing);

    /// <summary>Keras's <c>BinaryCrossentropy</c>: targets in [0, 1] against one probability per value, averaged over the last axis.</summary>
    /// <param name="fromLogits">The output holds logits rather than probabilities.</param>
    /// <param name="labelSmoothing">In [0, 1]: targets become <c>y·(1 − s) + s / 2</c>.</param>
    public static Loss BinaryCrossentropy(bool fromLogits = false, double labelSmoothing = 0) => new BinaryCrossentropyLoss(fromLogits, labelSmoothing);

    /// <summary>Keras's <c>MeanSquaredError</c>: mean of (y − ŷ)² over the last axis.</summary>
    public static Loss MeanSquaredError() => new ElementwiseLoss("mean_squared_error", (y, p) => (y - p).square());

    /// <summary>Keras's <c>MeanAbsoluteError</c>: mean of |y − ŷ| over the last axis.</summary>
    public static Loss MeanAbsoluteError() => new ElementwiseLoss("mean_absolute_error", (y, p) => (y - p).abs());

    /// <summary>Keras's <c>Huber</c>: ½e² where |e| ≤ δ, else δ·|e| − ½δ², averaged over the last axis.</summary>
    /// <param name="delta">Where the loss turns from quadratic to linear; positive.</param>
    public static Loss Huber(double delta = 1.0)
    {
        if (!(delta > 0) || double.IsInfinity(delta))
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "Huber's delta must be a positive, finite number (Keras's default is 1.0).");
        return new ElementwiseLoss("huber_loss", (y, p) =>
        {
            var error = (p - y).abs();
            return where(error <= delta, 0.5 * error.square(), delta * error - 0.5 * delta * delta);
        });
    }

    /// <summary>Keras's <c>KLDivergence</c>: Σ y·log(y / ŷ) over the last axis, both clipped to [1e-7, 1].</summary>
    public static Loss KLDivergence() => new KLDivergenceLoss();

    /// <summary>
    /// Keras's <c>CosineSimilarity</c>: minus the cosine similarity of target and output along <paramref name="axis"/>
    /// (so that minimising it makes them point the same way); −1 is the best value.
    /// </summary>
    /// <param name="axis">The axis of the vectors compared; −1 is the last.</param>
    public static Loss CosineSimilarity(int axis = -1) => new CosineSimilarityLoss(axis);

    /// <summary>
    /// The contrastive loss of Keras's example "Image similarity estimation using a Siamese Network with a contrastive
    /// loss": <c>(1 − y)·ŷ² + y·max(margin − ŷ, 0)²</c> averaged over the last axis, where ŷ is the pair's distance (or
    /// score) and y is 0 for a pair of the same kind, 1 for a pair of different kinds.
    /// </summary>
    /// <param name="margin">How far apart different pairs must be before they stop contributing; positive.</param>
    public static Loss Contrastive(double margin = 1.0)
    {
        if (!(margin > 0) || double.IsInfinity(margin))
            throw new ArgumentOutOfRangeException(nameof(margin), margin, "The contrastive loss's margin must be a positive, finite number (Keras's example uses 1).");
        return new ElementwiseLoss("contrastive_loss", (y, p) => (1 - y) * p.square() + y * (margin - p).clamp_min(0).square());
    }

    /// <summary>
    /// A loss from your own function of (targets, output values), returning one value per sample (or per element, which
    /// the trainer averages); it must be built from differentiable tensor operations.
    /// </summary>
    /// <param name="name">The name the loss is recorded under.</param>
    /// <param name="compute">(y_true, y_pred) → loss per sample, as a Keras loss function.</param>
    public static Loss Custom(string name, Func<Tensor, Tensor, Tensor> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        return new CustomLoss(name, compute);
    }

    /// <summary>The loss Keras's <c>compile(loss="…")</c> names, e.g. <c>binary_crossentropy</c>, <c>mse</c>, <c>huber</c>.</summary>
    /// <exception cref="ArgumentException">The name is not one of Keras's losses; the message lists them.</exception>
    public static Loss FromName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (Names.TryGetValue(name.Trim().ToLowerInvariant(), out var create))
            return create();
        throw new ArgumentException($"'{name}' is not a loss. Known losses: {string.Join(", ", Names.Keys)}.", nameof(name));
    }

    /// <summary>The loss names <see cref="FromName"/> accepts.</summary>
    public static IReadOnlyCollection<string> KnownNames => Names.Keys.ToArray();

    /// <summary>Targets as float32 (float64 kept), for losses on real values.</summary>
    private protected static Tensor ToFloat(Tensor targets) =>
        targets.dtype is ScalarType.Float32 or ScalarType.Float64 ? targets : targets.to_type(ScalarType.Float32);

    /// <summary>
    /// The axis holding the classes of an output: the last of a sequence (N, steps, classes), else dimension 1 (the
    /// classes of (N, classes), the channels of an image (N, C, H, W)), as the generated softmax takes them.
    /// </summary>
    internal static long ClassAxis(Tensor scores) => scores.Dimensions == 3 ? 2 : 1;

    /// <summary>Targets compared element by element with the output: checked to have its shape, as float32 (float64 kept).</summary>
    private protected Tensor ElementwiseTargets(Tensor targets, OutputInfo? output, string argument)
    {
        RequireSameShape(targets, output, argument);
        return ToFloat(targets);
    }

    /// <summary>Throws unless the targets have the output's shape (batch first), naming both.</summary>
    private protected void RequireSameShape(Tensor targets, OutputInfo? output, string argument)
    {
        if (output is null || targets.Dimensions < 1)
            return;
        var expected = output.Shape;
        var actual = targets.shape.Skip(1).Select(d => (int)d).ToArray();
        // Keras accepts (N) targets for (N, 1) outputs.
        if (actual.SequenceEqual(expected) || (expected.Count == 1 && expected[0] == 1 && actual.Length == 0))
            return;
        throw new ArgumentException(
            $"{Name} compares targets with output '{output.Name}' element by element, so {argument} must be shaped (N, {string.Join(", ", expected)}), " +
            $"but is ({string.Join(", ", targets.shape)}).", argument);
    }
}
