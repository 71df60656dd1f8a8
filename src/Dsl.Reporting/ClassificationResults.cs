using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Reporting;

/// <summary>
/// Where a classifier succeeds and fails on one data set (the test set, after training): the confusion matrix, each
/// class's precision and recall, and the wrong predictions made with the highest confidence, with their images.
/// </summary>
public sealed record ClassificationResults
{
    /// <summary>How many misclassified samples <see cref="From"/> keeps by default (a 4 x 4 grid).</summary>
    public const int DefaultMisclassified = 16;

    /// <summary>The data evaluated, e.g. <c>test</c>.</summary>
    public string Data { get; init; } = "test";

    /// <summary>The confusion matrix.</summary>
    public required ConfusionMatrix ConfusionMatrix { get; init; }

    /// <summary>Precision, recall and support per class, from <see cref="ConfusionMatrix"/> (written for readers of the JSON).</summary>
    public IReadOnlyList<ClassMetrics> PerClass => ConfusionMatrix.PerClass();

    /// <summary>The wrong predictions with the highest confidence, most confident first.</summary>
    public IReadOnlyList<MisclassifiedSample> Misclassified { get; init; } = Array.Empty<MisclassifiedSample>();

    /// <summary>
    /// The results of <paramref name="predictions"/> for <paramref name="images"/> and <paramref name="labels"/>.
    /// </summary>
    /// <param name="images">The inputs, (N, C, H, W) in [0, 1] (or (N, features), drawn as one row).</param>
    /// <param name="labels">The true classes, (N).</param>
    /// <param name="predictions">The trainer's predictions for the same samples (<see cref="Trainer.Predict(TorchSharp.torch.Tensor, int?)"/>).</param>
    /// <param name="classes">The number of classes.</param>
    /// <param name="misclassified">How many wrong predictions to keep.</param>
    /// <param name="data">What was evaluated.</param>
    /// <exception cref="ArgumentException">The sizes disagree or a class is out of range.</exception>
    public static ClassificationResults From(Tensor images, Tensor labels, Predictions predictions, int classes, int misclassified = DefaultMisclassified, string data = "test")
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(predictions);
        if (labels.Dimensions != 1 || labels.shape[0] != predictions.Count || images.shape[0] != predictions.Count)
        {
            throw new ArgumentException(
                $"images ({images.shape[0]}), labels ({(labels.Dimensions == 1 ? labels.shape[0] : -1)}) and predictions ({predictions.Count}) must describe the same samples.", nameof(labels));
        }
        int[] truth;
        using (var cpu = labels.to_type(ScalarType.Int32).cpu())
            truth = cpu.data<int>().ToArray();
        var matrix = ConfusionMatrix.From(truth, predictions.Classes, classes);
        var chosen = MisclassifiedSample.Select(truth, predictions.Classes, predictions.Confidence, misclassified);
        var samples = new List<MisclassifiedSample>(chosen.Count);
        foreach (int index in chosen)
        {
            using var scope = torch.NewDisposeScope();
            var image = images[index];
            if (image.Dimensions == 1)
                image = image.unsqueeze(0).unsqueeze(0);
            else if (image.Dimensions == 2)
                image = image.unsqueeze(0);
            var bytes = image.to_type(ScalarType.Float32).mul(255).round().clamp(0, 255).to_type(ScalarType.Byte).cpu().contiguous();
            samples.Add(new MisclassifiedSample
            {
                Index = index,
                Label = truth[index],
                Predicted = predictions.Classes[index],
                Confidence = predictions.Confidence[index],
                Channels = (int)bytes.shape[0],
                Height = (int)bytes.shape[1],
                Width = (int)bytes.shape[2],
                Pixels = bytes.data<byte>().ToArray(),
            });
        }
        return new ClassificationResults { Data = data, ConfusionMatrix = matrix, Misclassified = samples };
    }

    /// <inheritdoc />
    public bool Equals(ClassificationResults? other) =>
        other is not null && Data == other.Data && ConfusionMatrix == other.ConfusionMatrix && Misclassified.SequenceEqual(other.Misclassified);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Data, ConfusionMatrix, Misclassified.Count);
}
