using System;
using System.Linq;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Dsl.Training;

/// <summary>
/// Keras's sparse categorical cross-entropy: class indices against class scores, per sample, per step of a sequence or
/// per pixel of an image; from logits (or log-probabilities) whenever they are known.
/// </summary>
internal sealed class SparseCategoricalCrossentropyLoss : Loss
{
    private readonly bool _fromLogits;

    public SparseCategoricalCrossentropyLoss(bool fromLogits)
        : base("sparse_categorical_crossentropy")
    {
        _fromLogits = fromLogits;
    }

    public override Tensor Compute(Tensor target, ModelOutput output)
    {
        var scores = CategoricalScores.Of(output, _fromLogits, out bool logits);
        long axis = ClassAxis(scores);
        if (logits)
        {
            // cross_entropy wants the classes in dimension 1: a sequence's (N, steps, classes) becomes (N, classes, steps).
            var input = axis == 1 ? scores : scores.transpose(1, axis);
            return F.cross_entropy(input, target, reduction: nn.Reduction.None);
        }
        var logp = CategoricalScores.LogProbabilities(scores, axis);
        return -logp.gather(axis, target.unsqueeze(axis)).squeeze(axis);
    }

    public override Tensor PrepareTargets(Tensor targets, OutputInfo? output, string argument)
    {
        if (targets.dtype == ScalarType.Bool || !targets.is_integral())
        {
            string hint = targets.is_floating_point() && output is not null && targets.Dimensions == output.Shape.Count + 1
                ? " If they are one-hot rows, use Loss.CategoricalCrossentropy() or pass y.argmax(1)."
                : "";
            throw new ArgumentException($"{argument} must hold integer class indices (int64), but is {targets.dtype}.{hint}", argument);
        }
        if (output is not null)
            CheckShape(targets, output, argument);
        else if (targets.Dimensions != 1)
            throw new ArgumentException($"{argument} must hold one class index per sample, shape (N), but has shape ({string.Join(", ", targets.shape)}).", argument);

        var labels = targets.dtype == ScalarType.Int64 ? targets : targets.to_type(ScalarType.Int64);
        // A column of indices, (N, 1), is read as (N), as Keras squeezes it.
        if (labels.Dimensions == 2 && labels.shape[1] == 1 && output is { Shape.Count: 1 })
            labels = labels.reshape(labels.shape[0]);
        int? classes = output is null ? null : Classes(output.Shape);
        using var minimum = labels.min();
        using var maximum = labels.max();
        long min = minimum.item<long>(), max = maximum.item<long>();
        if (min < 0 || (classes is int n && max >= n))
        {
            string range = classes is int c ? $"[0, {c})" : "[0, classes)";
            throw new ArgumentException($"{argument} must hold class indices in {range}, but holds values from {min} to {max}.", argument);
        }
        return labels;
    }

    /// <summary>The number of classes of an output: its features, a sequence's last axis, an image's channels.</summary>
    private static int Classes(System.Collections.Generic.IReadOnlyList<int> shape) => shape.Count == 2 ? shape[1] : shape[0];

    private static void CheckShape(Tensor targets, OutputInfo output, string argument)
    {
        var shape = output.Shape;
        var actual = targets.shape.Skip(1).Select(d => (int)d).ToArray();
        // The output's shape without its class axis: () for (classes), (steps) for (steps, classes), (H, W) for (C, H, W).
        var expected = shape.Count == 2 ? new[] { shape[0] } : shape.Skip(1).ToArray();
        bool columnOfIndices = shape.Count == 1 && actual.Length == 1 && actual[0] == 1;
        if (actual.SequenceEqual(expected) || columnOfIndices)
            return;
        string wanted = expected.Length == 0 ? "(N)" : "(N, " + string.Join(", ", expected) + ")";
        string hint = actual.SequenceEqual(shape) ? " If they are one-hot rows, use Loss.CategoricalCrossentropy() or pass y.argmax(1)." : "";
        throw new ArgumentException(
            $"{argument} must hold one class index per {(expected.Length == 0 ? "sample" : shape.Count == 2 ? "step" : "pixel")}, shape {wanted}, " +
            $"for output '{output.Name}' shaped (N, {string.Join(", ", shape)}), but has shape ({string.Join(", ", targets.shape)}).{hint}", argument);
    }
}
