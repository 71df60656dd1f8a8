using System;
using System.Collections.Generic;
using System.Globalization;

namespace Dsl.Generator;

/// <summary>Culture-independent formatting, so generated code and messages never depend on the build machine's locale.</summary>
internal static class Invariant
{
    public static string ToText(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        double d => Number(d),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>
    /// Text as a diagnostic message may show it: control and invisible format characters written as <c>\u200B</c>
    /// (a name with a newline cannot forge a second error line, one with a zero-width space is visibly not another
    /// name), and text longer than <see cref="MessageTextLength"/> cut, saying how long it was.
    /// </summary>
    public static string ForMessage(string text)
    {
        bool clean = text.Length <= MessageTextLength;
        foreach (char c in text)
            clean &= !NeedsEscape(c);
        if (clean)
            return text;
        var result = new System.Text.StringBuilder();
        foreach (char c in text.Length > MessageTextLength ? text.Substring(0, MessageTextLength) : text)
        {
            if (NeedsEscape(c))
                result.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else
                result.Append(c);
        }
        if (text.Length > MessageTextLength)
            result.Append("… (").Append(Grouped(text.Length)).Append(" characters)");
        return result.ToString();
    }

    /// <summary>How much of one value a message quotes.</summary>
    public const int MessageTextLength = 1000;

    /// <summary>Control characters (newlines, tabs, NUL) and format characters (zero-width, bidirectional overrides, BOM).</summary>
    public static bool NeedsEscape(char c) => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;

    /// <summary>Round-trippable, e.g. 0.35 → "0.35".</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Thousands separators, e.g. 43362 → "43,362".</summary>
    public static string Grouped(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Fixed(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>How many values were given, for "... but {n} given": <c>1 was</c>, <c>3 were</c>.</summary>
    public static string ValueCount(int count) => count == 1 ? "1 was" : ToText(count) + " were";

    /// <summary>A shape as Keras prints it with the batch placeholder: (None, 64, 28, 28).</summary>
    public static string Shape(IReadOnlyList<int> shape) => "(None, " + string.Join(", ", shape) + ")";

    /// <summary>A per-sample shape without batch: (64, 28, 28).</summary>
    public static string SampleShape(IReadOnlyList<int> shape) => "(" + string.Join(", ", shape) + ")";
}
