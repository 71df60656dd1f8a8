using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Tool;

/// <summary>
/// Holds the data to the model before any training: each sample's shape and element type against the model's input,
/// the labels against what the loss compares the output with (class indices within the output's classes, 0/1, or
/// numbers shaped like the output). A mismatch is a message that says what to change, in the data or in the spec.
/// </summary>
internal static class DataCheck
{
    /// <summary>Converts the data in place to the model's input type and the loss's targets; returns the loss to train with.</summary>
    /// <exception cref="UsageException">The data does not fit the model or the loss.</exception>
    public static LossChoice Conform(LoadedData data, ModelInfo model, LossChoice loss)
    {
        // The checks' temporaries go with the scope; the converted data outlives it.
        using (var scope = torch.NewDisposeScope())
        {
            var features = Inputs(data.Features, model, data.Description).MoveToOuterDisposeScope();
            // Labels that come one-hot (N, classes) train with categorical cross-entropy, as Keras users pair them.
            if (loss.Targets == TargetKind.ClassIndices && loss.Reason != "--loss" && IsOneHot(data.Labels, model.Outputs[0].Shape))
                loss = loss.WithOneHotLabels(model);
            var labels = Targets(data.Labels, model, loss, data.Description).MoveToOuterDisposeScope();
            data.Replace(features, labels);
        }
        if (data.Test is { } test)
            Conform(test, model, loss);
        return loss;
    }

    private static Tensor Inputs(Tensor features, ModelInfo model, string what)
    {
        var input = model.Inputs[0];
        var expected = input.Shape.Select(d => (long)d).ToArray();
        var actual = features.shape.Skip(1).ToArray();
        if (!actual.SequenceEqual(expected))
            throw new UsageException(ShapeMismatch(what, model, actual, expected));
        if (features.dtype == ScalarType.Bool || features.is_complex())
            throw new UsageException($"{what} holds {features.dtype} values; {model.Name}'s input '{input.Name}' takes {Name(input.DType)} numbers. Save the inputs as numbers.");
        if (input.DType == DType.Float32)
            return features.to_type(ScalarType.Float32);
        if (features.is_floating_point() && !features.eq(features.round()).all().item<bool>())
        {
            throw new UsageException($"{what} holds fractional values, but {model.Name}'s input '{input.Name}' takes {Name(input.DType)} (token ids or raw pixels): " +
                "save whole numbers, or declare the input as float32 in the spec.");
        }
        return features.to_type(input.DType switch { DType.Int64 => ScalarType.Int64, DType.Int32 => ScalarType.Int32, _ => ScalarType.Byte });
    }

    private static string ShapeMismatch(string what, ModelInfo model, long[] actual, long[] expected)
    {
        string have = Shape(actual);
        string want = Shape(expected);
        string start = $"{what}: each sample is ({have}), but {model.Name}'s input '{model.Inputs[0].Name}' takes ({want}). ";
        long haveCount = actual.Aggregate(1L, (a, b) => a * b);
        long wantCount = expected.Aggregate(1L, (a, b) => a * b);
        if (actual.Length == 3 && expected.Length == 3 && actual[2] == expected[0] && actual[0] == expected[1] && actual[1] == expected[2])
        {
            return start + "The data is channels-last (height, width, channels); the DSL's images are channels-first: save np.transpose(x, (0, 3, 1, 2)), " +
                $"or declare the spec's input as [{string.Join(", ", actual)}] with layers that read it.";
        }
        if (haveCount == wantCount)
            return start + $"Both hold {haveCount} values: save x.reshape(-1, {string.Join(", ", expected)}), or declare the spec's input as [{string.Join(", ", actual)}].";
        return start + $"Give data of that shape, or change the spec's input to [{string.Join(", ", actual)}] (dsl check shows what that does to the layers).";
    }

    private static bool IsOneHot(Tensor labels, IReadOnlyList<int> output) =>
        labels.Dimensions == 2 && output.Count == 1 && labels.shape[1] == output[0] && output[0] >= 2;

    private static Tensor Targets(Tensor labels, ModelInfo model, LossChoice loss, string what)
    {
        var output = model.Outputs[0];
        int classes = output.Shape.Count == 1 ? output.Shape[0] : 0;
        switch (loss.Targets)
        {
            case TargetKind.ClassIndices:
            case TargetKind.OneHot when labels.Dimensions == 1 || (labels.Dimensions == 2 && labels.shape[1] == 1):
            {
                var indices = ClassIndices(labels, what, loss.Name);
                var (low, high) = (indices.min().item<long>(), indices.max().item<long>());
                if (low < 0 || high >= classes)
                {
                    throw new UsageException($"{what}: the labels run from {low} to {high}, but {model.Name}'s output has {classes} classes (0 to {classes - 1}). " +
                        $"Give its last layer {Math.Max(high + 1, 2)} units, or relabel the data.");
                }
                return loss.Targets == TargetKind.OneHot ? torch.nn.functional.one_hot(indices, classes).to_type(ScalarType.Float32) : indices;
            }
            case TargetKind.OneHot:
                if (!IsOneHot(labels, output.Shape))
                    throw new UsageException($"{what}: categorical_crossentropy takes one-hot rows (N, {classes}) or class indices (N), but the labels are ({Shape(labels.shape)}).");
                return labels.to_type(ScalarType.Float32);
            default:
            {
                var values = labels.to_type(ScalarType.Float32);
                var expected = output.Shape.Select(d => (long)d).ToArray();
                var actual = values.shape.Skip(1).ToArray();
                if (actual.Length == 0 && expected.SequenceEqual(new[] { 1L }))
                    values = values.unsqueeze(1);
                else if (!actual.SequenceEqual(expected))
                {
                    throw new UsageException($"{what}: {loss.Name} compares each label with {model.Name}'s output element by element, so each label must be ({Shape(expected)}), " +
                        $"but is ({Shape(actual)}). Give labels of that shape, change the output layer, or choose another --loss (sparse_categorical_crossentropy for class indices).");
                }
                if (loss.Targets == TargetKind.Binary && (values.min().item<float>() < 0 || values.max().item<float>() > 1))
                    throw new UsageException($"{what}: binary_crossentropy takes labels of 0 or 1 (or probabilities), but the labels run from {values.min().item<float>()} to {values.max().item<float>()}.");
                return values;
            }
        }
    }

    private static Tensor ClassIndices(Tensor labels, string what, string loss)
    {
        if (labels.Dimensions == 2 && labels.shape[1] == 1)
            labels = labels.squeeze(1);
        if (labels.Dimensions != 1)
            throw new UsageException($"{what}: {loss} takes one class index per sample (N), but the labels are ({Shape(labels.shape)}).");
        if (labels.is_floating_point() && !labels.eq(labels.round()).all().item<bool>())
            throw new UsageException($"{what}: {loss} takes whole class indices, but the labels hold fractions; for numbers to predict choose --loss mse.");
        return labels.to_type(ScalarType.Int64);
    }

    private static string Name(DType type) => type.ToString().ToLowerInvariant();

    private static string Shape(IEnumerable<long> shape) => string.Join(", ", shape);
}
