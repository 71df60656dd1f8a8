using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Linq;
using System.Text.RegularExpressions;
using Dsl.Generator.Analysis;
using Dsl.Generator.Layers.Options;

namespace Dsl.Generator.Yaml;

/// <summary>
/// Reads typed values from YAML scalars under YAML 1.2's core schema (quoted scalars are always strings),
/// always with the invariant culture. Each reader returns null on success, or what the value should have been.
/// </summary>
internal static class YamlValues
{
    private const string IntTag = "tag:yaml.org,2002:int";
    private const string FloatTag = "tag:yaml.org,2002:float";
    private const string BoolTag = "tag:yaml.org,2002:bool";
    private const string NullTag = "tag:yaml.org,2002:null";

    // Digits may be grouped with underscores as in YAML 1.1 and C#: 43_362.
    private static readonly Regex IntegerSyntax = new(@"^[-+]?[0-9]+(_[0-9]+)*$", RegexOptions.CultureInvariant);
    private static readonly Regex NumberSyntax = new(@"^[-+]?([0-9]+(_[0-9]+)*(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant);
    private static readonly Regex NonFiniteSyntax = new(@"^[-+]?\.(inf|Inf|INF|nan|NaN|NAN)$", RegexOptions.CultureInvariant);

    /// <summary>Empty, <c>~</c> or <c>null</c> (any case YAML allows), or tagged <c>!!null</c>.</summary>
    public static bool IsNull(YamlTreeNode node) =>
        node is YamlScalarNode scalar
        && (scalar.Tag == NullTag || scalar.IsPlain && scalar.Value is "" or "~" or "null" or "Null" or "NULL");

    public static string? ReadInteger(YamlTreeNode node, out int value)
    {
        value = 0;
        var error = ReadLong(node, out long wide);
        if (error is not null)
            return "an integer";
        if (wide < int.MinValue || wide > int.MaxValue)
            return "an integer between " + Invariant.Grouped(int.MinValue) + " and " + Invariant.Grouped(int.MaxValue);
        value = (int)wide;
        return null;
    }

    public static string? ReadLong(YamlTreeNode node, out long value)
    {
        value = 0;
        if (node is not YamlScalarNode scalar || !(scalar.IsPlain || scalar.Tag == IntTag) || !IntegerSyntax.IsMatch(scalar.Value))
            return "an integer";
        if (!long.TryParse(scalar.Value.Replace("_", string.Empty), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
            return "an integer between " + Invariant.Grouped(long.MinValue) + " and " + Invariant.Grouped(long.MaxValue);
        return null;
    }

    public static string? ReadNumber(YamlTreeNode node, out double value)
    {
        value = 0;
        if (node is not YamlScalarNode scalar || !(scalar.IsPlain || scalar.Tag == FloatTag || scalar.Tag == IntTag))
            return "a number";
        if (NonFiniteSyntax.IsMatch(scalar.Value))
            return "a finite number";
        if (!NumberSyntax.IsMatch(scalar.Value))
            return "a number";
        // Overflow parses to infinity on .NET Core and fails on .NET Framework: either way it is out of range.
        if (!double.TryParse(scalar.Value.Replace("_", string.Empty), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value)
            || double.IsInfinity(value) || double.IsNaN(value))
        {
            value = 0;
            return "a finite number";
        }
        return null;
    }

    public static string? ReadBoolean(YamlTreeNode node, out bool value)
    {
        value = false;
        if (node is YamlScalarNode scalar && (scalar.IsPlain || scalar.Tag == BoolTag))
        {
            switch (scalar.Value)
            {
                case "true" or "True" or "TRUE":
                    value = true;
                    return null;
                case "false" or "False" or "FALSE":
                    return null;
            }
        }
        return "true or false";
    }

    /// <summary>
    /// A member of one of the DSL's enums by its YAML name (<c>same</c>, <c>leaky_relu</c>), in any case, with or
    /// without underscores (<c>LeakyReLU</c>); an empty value where the enum has a meaning for it (activation: none).
    /// </summary>
    public static string? ReadChoice(YamlTreeNode node, Choices choices, out int value, out string? suggestion)
    {
        value = 0;
        suggestion = null;
        if (IsNull(node))
        {
            if (choices.NullMeans is { } meaning)
            {
                value = meaning;
                return null;
            }
        }
        else if (node is YamlScalarNode scalar)
        {
            if (choices.Find(scalar.Value) is { } found)
            {
                value = found;
                return null;
            }
            suggestion = NearestName.Find(scalar.Value, choices.Names);
        }
        var names = choices.Names.ToList();
        string list = names.Count == 2 ? names[0] + " or " + names[1] : "one of " + string.Join(", ", names);
        return list + (choices.ExtraSpelling is { } extra ? " (or " + extra + ")" : string.Empty);
    }

    /// <summary>A name such as a layer's: any non-empty scalar (the graph checks whether it names something).</summary>
    public static string? ReadName(YamlTreeNode node, out string value)
    {
        value = string.Empty;
        if (node is not YamlScalarNode scalar || IsNull(node))
            return "a layer name";
        value = scalar.Value;
        return null;
    }

    /// <summary>How a node reads in a message: <c>'abc'</c>, <c>a list</c>, <c>a mapping</c> or <c>empty</c>.</summary>
    public static string Describe(YamlTreeNode node)
    {
        switch (node)
        {
            case YamlSequenceNode:
                return "a list";
            case YamlMappingNode:
                return "a mapping";
            case YamlScalarNode when IsNull(node):
                return "empty";
            case YamlScalarNode scalar:
            {
                const int Limit = 40;
                var text = new StringBuilder("'");
                foreach (char c in scalar.Value.Length > Limit ? scalar.Value.Substring(0, Limit) : scalar.Value)
                    text.Append(char.IsControl(c) ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : c.ToString());
                if (scalar.Value.Length > Limit)
                    text.Append("...");
                return text.Append('\'').ToString();
            }
            default:
                return "unknown";
        }
    }
}
