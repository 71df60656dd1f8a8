using System;
using System.Globalization;

namespace Dsl.Training;

/// <summary>
/// Keras's <c>validation_split</c>: the last fraction of the data, taken before shuffling, is held out for validation.
/// The training part is the first <c>floor(N * (1 - split))</c> samples.
/// </summary>
/// <param name="TrainCount">Samples trained on: the first ones.</param>
/// <param name="ValidationCount">Samples held out: the last ones.</param>
public sealed record ValidationSplit(long TrainCount, long ValidationCount)
{
    /// <summary>The split of <paramref name="samples"/> samples at <paramref name="fraction"/>, as Keras computes it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is not strictly between 0 and 1.</exception>
    /// <exception cref="ArgumentException">Either part would be empty.</exception>
    public static ValidationSplit Of(long samples, double fraction)
    {
        if (!(fraction > 0 && fraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction,
                "validation_split must be a fraction strictly between 0 and 1, e.g. 0.1 to hold out the last 10% of the training data.");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        long splitAt = (long)Math.Floor(samples * (1.0 - fraction));
        if (splitAt == 0 || splitAt == samples)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The training data holds {samples} samples, too few to split into training and validation sets with validation_split={fraction}. Provide more data or another fraction."),
                nameof(samples));
        }
        return new ValidationSplit(splitAt, samples - splitAt);
    }
}
