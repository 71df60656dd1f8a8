using System;
using System.Globalization;

namespace Dsl.Reporting;

/// <summary>How reports print numbers: always the invariant culture, "—" for a value that was not measured.</summary>
public static class ReportFormat
{
    /// <summary>Shown where a value is missing (no validation data, not evaluated).</summary>
    public const string Missing = "—";

    /// <summary>Four decimals, as Keras prints accuracies and losses: <c>0.9925</c>.</summary>
    public static string Metric(double value) => Finite(value) ? value.ToString("F4", CultureInfo.InvariantCulture) : Missing;

    /// <summary><see cref="Metric(double)"/> for an optional value.</summary>
    public static string Metric(double? value) => value is { } v ? Metric(v) : Missing;

    /// <summary>Thousands separated by commas: <c>121,016</c>.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A plain integer.</summary>
    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Seconds with one decimal: <c>41.3 s</c>.</summary>
    public static string Seconds(double value) => Finite(value) ? value.ToString("F1", CultureInfo.InvariantCulture) + " s" : Missing;

    /// <summary>A number in its shortest round-trip form (learning rates: <c>0.001</c>).</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>ISO-like UTC time to the second: <c>2025-01-31 14:05:09 UTC</c>.</summary>
    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>Neither NaN nor infinite.</summary>
    public static bool Finite(double value) => double.IsFinite(value);

    /// <summary>Formats with the invariant culture.</summary>
    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
