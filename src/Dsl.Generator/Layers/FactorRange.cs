using System;
using System.Collections.Generic;

namespace Dsl.Generator.Layers;

/// <summary>
/// How Keras's augmentation layers read a factor (<c>BaseImagePreprocessingLayer._set_factor</c> and the layers' own
/// <c>_set_factor</c>): a pair is (lower, upper) in either order; a single value f is (max(−|f|, lowest), |f|), so
/// [−f, f] where the bounds are (−1, 1) and [0, f] where they are (0, 1) (RandomContrast).
/// </summary>
internal static class FactorRange
{
    /// <param name="values">One or two values, as given.</param>
    /// <param name="lowest">The lowest bound Keras allows (−1, or 0 for RandomContrast).</param>
    // 0 − |f| rather than −|f|, so that a factor of 0 gives 0 and not −0.
    public static (double Lower, double Upper) Of(IReadOnlyList<double> values, double lowest) =>
        values.Count == 1
            ? (Math.Max(0 - Math.Abs(values[0]), lowest), Math.Abs(values[0]))
            : (Math.Min(values[0], values[1]), Math.Max(values[0], values[1]));
}
