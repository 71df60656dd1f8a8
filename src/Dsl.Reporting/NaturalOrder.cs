using System;
using System.Collections.Generic;

namespace Dsl.Reporting;

/// <summary>Orders names with numbers by value, so <c>Model2</c> comes before <c>Model10</c>; otherwise ordinal.</summary>
internal sealed class NaturalOrder : IComparer<string>
{
    /// <summary>The shared instance.</summary>
    public static NaturalOrder Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                int si = i, sj = j;
                while (i < x.Length && char.IsAsciiDigit(x[i])) i++;
                while (j < y.Length && char.IsAsciiDigit(y[j])) j++;
                // Compare digit runs by value without parsing (runs can be longer than a long): strip leading
                // zeros, then the longer run is larger, then compare digit by digit.
                var a = x.AsSpan(si, i - si).TrimStart('0');
                var b = y.AsSpan(sj, j - sj).TrimStart('0');
                int byValue = a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.SequenceCompareTo(b);
                if (byValue != 0) return byValue;
            }
            else
            {
                int byChar = x[i].CompareTo(y[j]);
                if (byChar != 0) return byChar;
                i++;
                j++;
            }
        }
        int byRest = (x.Length - i).CompareTo(y.Length - j);
        // Equal by value ("Model01" vs "Model1"): fall back to ordinal so the order is total and stable.
        return byRest != 0 ? byRest : string.CompareOrdinal(x, y);
    }
}
