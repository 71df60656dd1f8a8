using System;
using System.Collections.Generic;

namespace Dsl.Generator.Analysis;

/// <summary>
/// How large a count may get. Every figure the analysis states (a layer's or a graph's parameters, mult-adds, values
/// per sample) stays at or below <see cref="MaxCount"/>, 2^60 − 1: its bytes (eight per value at the most) and the sum
/// of a few figures then still fit in 64 bits, so nothing downstream (totals, summaries, sizes in MB) can wrap.
/// The generator compiles with checked arithmetic, so a figure that would pass 64 bits on the way throws instead
/// of wrapping, and is reported the same way.
/// </summary>
internal static class Limits
{
    public const long MaxCount = (1L << 60) - 1;

    /// <summary>The first of the named figures that passes <see cref="MaxCount"/>, or null when all fit.</summary>
    public static (string Figure, long Value)? FirstTooLarge(IEnumerable<(string Figure, long Value)> figures)
    {
        foreach (var figure in figures)
        {
            if (figure.Value > MaxCount || figure.Value < 0)
                return figure;
        }
        return null;
    }

    /// <summary>The number of values in a shape, or null when it passes <see cref="MaxCount"/>.</summary>
    public static long? Elements(IEnumerable<int> shape)
    {
        try
        {
            long product = 1;
            foreach (int dimension in shape)
                product = checked(product * dimension);
            return product <= MaxCount ? product : null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}
