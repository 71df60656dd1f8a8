using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Dsl.Generator.Layers.Options;

/// <summary>
/// How the members of one of the DSL's enums are spelt in YAML: a canonical name per member (<c>same</c>,
/// <c>leaky_relu</c>) and other accepted spellings (<c>swish</c> for SiLU). Matching ignores case, underscores and
/// hyphens, so the C# member name (<c>LeakyReLU</c>) reads as well.
/// </summary>
internal sealed class Choices
{
    private readonly IReadOnlyList<(int Value, string Name, string[] Others)> _members;

    private Choices(Type enumType, IEnumerable<(int Value, string Name, string[] Others)> members, int? nullMeans, string? extra)
    {
        EnumType = enumType;
        _members = members.ToList();
        NullMeans = nullMeans;
        ExtraSpelling = extra;
    }

    /// <summary>The enum the choice is a member of (<c>Dsl.Padding</c>).</summary>
    public Type EnumType { get; }

    /// <summary>The member an empty value (or <c>null</c>, <c>~</c>) stands for, if any (Activation: None).</summary>
    public int? NullMeans { get; }

    /// <summary>A further spelling shown in messages: <c>(or linear)</c>.</summary>
    public string? ExtraSpelling { get; }

    /// <summary>Canonical names in the enum's order.</summary>
    public IReadOnlyList<string> Names => _members.Select(m => m.Name).ToList();

    /// <summary>The members as their lowercase enum names: <c>valid</c>, <c>same</c>.</summary>
    public static Choices Of<TEnum>()
        where TEnum : struct, Enum =>
        new(typeof(TEnum), Enum.GetValues(typeof(TEnum)).Cast<TEnum>().Select(v => (Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture), v.ToString().ToLowerInvariant(), Array.Empty<string>())), null, null);

    /// <summary>Members with names of their own.</summary>
    public static Choices Of<TEnum>(IEnumerable<(TEnum Value, string Name, string[] Others)> members, TEnum? nullMeans, string? extra)
        where TEnum : struct, Enum =>
        new(typeof(TEnum), members.Select(m => (Convert.ToInt32(m.Value, System.Globalization.CultureInfo.InvariantCulture), m.Name, m.Others)),
            nullMeans is { } n ? Convert.ToInt32(n, System.Globalization.CultureInfo.InvariantCulture) : null, extra);

    /// <summary>The member a spelling names, or null.</summary>
    public int? Find(string spelling)
    {
        string wanted = Squash(spelling);
        foreach (var (value, name, others) in _members)
        {
            if (Squash(name) == wanted || others.Any(o => Squash(o) == wanted))
                return value;
        }
        return null;
    }

    /// <summary>The canonical name of a member (<c>same</c>), or its number when the enum does not define it.</summary>
    public string NameOf(int value) =>
        _members.FirstOrDefault(m => m.Value == value).Name ?? Invariant.ToText(value);

    /// <summary>Whether the enum defines <paramref name="value"/> (a cast can smuggle in anything).</summary>
    public bool IsDefined(int value) => _members.Any(m => m.Value == value);

    private static string Squash(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            if (c is not ('_' or '-'))
                text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}
