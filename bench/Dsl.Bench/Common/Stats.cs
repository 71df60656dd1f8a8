using System;
using System.Collections.Generic;
using System.Linq;

namespace Dsl.Bench.Common;

/// <summary>The median of repeated measurements and their spread (smallest and largest).</summary>
internal sealed record Spread(double Median, double Min, double Max, int Count)
{
    public static Spread? Of(IEnumerable<double> values)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0)
            return null;
        int mid = sorted.Length / 2;
        double median = sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new Spread(median, sorted[0], sorted[^1], sorted.Length);
    }

    /// <summary>"1.23 (1.10–1.40)", or the median alone for a single value.</summary>
    public string Format(string format) =>
        Count == 1 ? Median.ToString(format, System.Globalization.CultureInfo.InvariantCulture)
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Median.ToString(format, System.Globalization.CultureInfo.InvariantCulture)} ({Min.ToString(format, System.Globalization.CultureInfo.InvariantCulture)}–{Max.ToString(format, System.Globalization.CultureInfo.InvariantCulture)})");

    public static double Relative(double value, double reference) => reference > 0 ? value / reference : double.NaN;

    public static string Percent(double fraction) => double.IsFinite(fraction) ? Math.Round(fraction * 100).ToString(System.Globalization.CultureInfo.InvariantCulture) + "%" : "n/a";
}
