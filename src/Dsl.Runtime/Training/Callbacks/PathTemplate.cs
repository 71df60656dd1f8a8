using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Dsl.Training;

/// <summary>
/// Fills a Keras checkpoint file name template such as <c>model-{epoch:02d}-{val_loss:.4f}.weights</c>: Python's
/// <c>str.format</c> fields named after <c>epoch</c> (from 1, as Keras fills it) and the epoch logs. A field is
/// <c>{name}</c> or <c>{name:spec}</c> with spec <c>[0][width][.precision][d|f|e|%]</c>; <c>{{</c> and <c>}}</c> are literal braces.
/// </summary>
internal static partial class PathTemplate
{
    /// <summary>The names a template uses.</summary>
    /// <exception cref="FormatException">The template is malformed.</exception>
    public static IReadOnlyList<string> Names(string template) => Parse(template).OfType<Field>().Select(f => f.Name).Distinct().ToList();

    /// <summary>The template filled with <paramref name="epoch"/> and <paramref name="logs"/>.</summary>
    /// <exception cref="FormatException">The template is malformed, uses a name the logs lack, or a spec that does not fit its value.</exception>
    public static string Format(string template, int epoch, IReadOnlyDictionary<string, double> logs)
    {
        var text = new StringBuilder();
        foreach (var part in Parse(template))
        {
            if (part is Literal literal)
            {
                text.Append(literal.Text);
                continue;
            }
            var field = (Field)part;
            if (field.Name == "epoch")
            {
                text.Append(FormatInteger(epoch, field, template));
            }
            else if (logs.TryGetValue(field.Name, out double value))
            {
                text.Append(FormatNumber(value, field, template));
            }
            else
            {
                throw new FormatException(
                    $"The file name template '{template}' uses {{{field.Name}}}, which the epoch logs do not have. Available: epoch, {string.Join(", ", logs.Keys)}.");
            }
        }
        return text.ToString();
    }

    private static string FormatInteger(long value, Field field, string template)
    {
        string digits = field.Type switch
        {
            null or 'd' when field.Precision is null => value.ToString(CultureInfo.InvariantCulture),
            'f' or 'e' or '%' => FormatNumber(value, field, template),
            _ => throw new FormatException($"The file name template '{template}' formats {{{field.Name}}} with '{field.Spec}', which does not fit an integer."),
        };
        return Pad(digits, field);
    }

    private static string FormatNumber(double value, Field field, string template)
    {
        if (field.Type == 'd')
            throw new FormatException($"The file name template '{template}' formats {{{field.Name}}} with 'd', but it is not an integer; use for example '.4f'.");
        int precision = field.Precision ?? 6;
        string text = field.Type switch
        {
            'f' => value.ToString("F" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            '%' => (value * 100).ToString("F" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + "%",
            'e' => Scientific(value, precision),
            _ when field.Precision is not null => value.ToString("G" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            _ => PythonRepr(value),
        };
        return Pad(text, field);
    }

    // Python's 'e': at least two exponent digits (1.234500e-05).
    private static string Scientific(double value, int precision)
    {
        if (!double.IsFinite(value))
            return PythonRepr(value);
        string text = value.ToString("E" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture); // 1.234500E-005
        int e = text.IndexOf('E', StringComparison.Ordinal);
        string mantissa = text[..e];
        int exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>Python's <c>str(float)</c>: shortest round trip, <c>1.0</c> for whole numbers, <c>1e-05</c>, <c>nan</c>, <c>inf</c>.</summary>
    public static string PythonRepr(double value)
    {
        if (double.IsNaN(value))
            return "nan";
        if (double.IsInfinity(value))
            return value > 0 ? "inf" : "-inf";
        string text = value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('e', StringComparison.Ordinal) ? text : text + ".0";
    }

    private static string Pad(string text, Field field) => field.Width is not { } width || text.Length >= width
        ? text
        : field.ZeroPad
            ? (text.StartsWith('-') ? "-" + text[1..].PadLeft(width - 1, '0') : text.PadLeft(width, '0'))
            : text.PadLeft(width);

    private static List<object> Parse(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var parts = new List<object>();
        var literal = new StringBuilder();
        for (int i = 0; i < template.Length; i++)
        {
            char c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{')
            {
                literal.Append('{');
                i++;
            }
            else if (c == '}' && i + 1 < template.Length && template[i + 1] == '}')
            {
                literal.Append('}');
                i++;
            }
            else if (c == '{')
            {
                int end = template.IndexOf('}', i + 1);
                if (end < 0)
                    throw new FormatException($"The file name template '{template}' has a '{{' without its '}}'.");
                string body = template[(i + 1)..end];
                var match = FieldPattern().Match(body);
                if (!match.Success)
                {
                    throw new FormatException(
                        $"The file name template '{template}' has the field '{{{body}}}'; fields are {{name}} or {{name:spec}} with spec like 02d, .4f or .2e.");
                }
                if (literal.Length > 0)
                {
                    parts.Add(new Literal(literal.ToString()));
                    literal.Clear();
                }
                parts.Add(new Field(
                    match.Groups["name"].Value,
                    match.Groups["spec"].Value,
                    match.Groups["zero"].Success,
                    match.Groups["width"].Success ? int.Parse(match.Groups["width"].Value, CultureInfo.InvariantCulture) : null,
                    match.Groups["precision"].Success ? int.Parse(match.Groups["precision"].Value, CultureInfo.InvariantCulture) : null,
                    match.Groups["type"].Success ? match.Groups["type"].Value[0] : null));
                i = end;
            }
            else if (c == '}')
            {
                throw new FormatException($"The file name template '{template}' has a single '}}'; write '}}}}' for a literal brace.");
            }
            else
            {
                literal.Append(c);
            }
        }
        if (literal.Length > 0)
            parts.Add(new Literal(literal.ToString()));
        return parts;
    }

    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_]*)(:(?<spec>(?<zero>0)?(?<width>[1-9][0-9]?)?(\.(?<precision>[0-9]{1,2}))?(?<type>[dfe%])?))?$", RegexOptions.CultureInvariant)]
    private static partial Regex FieldPattern();

    private sealed record Literal(string Text);

    private sealed record Field(string Name, string Spec, bool ZeroPad, int? Width, int? Precision, char? Type);
}
