using System;
using System.Collections.Generic;
using System.Linq;

namespace Dsl.Reporting;

/// <summary>
/// A sample the model got wrong, with its picture: <see cref="Pixels"/> holds the image as bytes (0–255, channel by
/// channel, row by row), so reports can draw it again without the data set.
/// </summary>
public sealed record MisclassifiedSample
{
    /// <summary>The sample's position in the evaluated data.</summary>
    public long Index { get; init; }

    /// <summary>The true class.</summary>
    public int Label { get; init; }

    /// <summary>The predicted class.</summary>
    public int Predicted { get; init; }

    /// <summary>The probability the model gave <see cref="Predicted"/>.</summary>
    public double Confidence { get; init; }

    /// <summary>Image channels (1 for grey).</summary>
    public int Channels { get; init; }

    /// <summary>Image height.</summary>
    public int Height { get; init; }

    /// <summary>Image width.</summary>
    public int Width { get; init; }

    /// <summary>Channels x Height x Width bytes, 0 black to 255 white.</summary>
    public byte[] Pixels { get; init; } = [];

    /// <summary>
    /// The positions of the wrong predictions, most confident first (ties: lower position first), at most
    /// <paramref name="count"/>.
    /// </summary>
    /// <param name="labels">The true classes.</param>
    /// <param name="predicted">The predicted classes.</param>
    /// <param name="confidence">The probability of each prediction.</param>
    /// <param name="count">How many to keep.</param>
    public static IReadOnlyList<int> Select(IReadOnlyList<int> labels, IReadOnlyList<int> predicted, IReadOnlyList<float> confidence, int count)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(confidence);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (labels.Count != predicted.Count || labels.Count != confidence.Count)
            throw new ArgumentException($"Labels ({labels.Count}), predictions ({predicted.Count}) and confidences ({confidence.Count}) must be as many.", nameof(predicted));
        return Enumerable.Range(0, labels.Count)
            .Where(i => labels[i] != predicted[i])
            .OrderByDescending(i => confidence[i])
            .ThenBy(i => i)
            .Take(count)
            .ToArray();
    }

    /// <inheritdoc />
    public bool Equals(MisclassifiedSample? other) =>
        other is not null && Index == other.Index && Label == other.Label && Predicted == other.Predicted && Confidence.Equals(other.Confidence)
        && Channels == other.Channels && Height == other.Height && Width == other.Width && Pixels.AsSpan().SequenceEqual(other.Pixels);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Index, Label, Predicted);
}
