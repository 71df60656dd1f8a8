using System.Linq;

namespace Dsl.Generator.Model;

/// <summary>
/// One option's value as a front end read it, before any checking. Every kind of value fits one of three slots:
/// whole numbers (an integer, a list of them, a flag as 0/1 or an enum member's raw value), a real number, or text.
/// </summary>
internal sealed record OptionValue(EquatableArray<long> Integers, double Number, EquatableArray<string> Texts)
{
    public static OptionValue Of(long value) => new(EquatableArray.Of(value), 0, EquatableArray<string>.Empty);

    public static OptionValue Of(EquatableArray<long> values) => new(values, 0, EquatableArray<string>.Empty);

    public static OptionValue Of(double value) => new(EquatableArray<long>.Empty, value, EquatableArray<string>.Empty);

    public static OptionValue Of(bool value) => Of(value ? 1L : 0L);

    public static OptionValue Of(string value) => new(EquatableArray<long>.Empty, 0, EquatableArray.Of(value));

    public static OptionValue Of(EquatableArray<string> values) => new(EquatableArray<long>.Empty, 0, values);

    public override string ToString() =>
        Integers.Count > 0 ? string.Join(", ", Integers.Select(i => Invariant.ToText(i)))
        : Texts.Count > 0 ? string.Join(", ", Texts)
        : Invariant.Number(Number);
}

/// <summary>A layer option as declared: its canonical name (the attribute member, <c>KernelSize</c>) and value.</summary>
internal sealed record OptionEntry(string Name, OptionValue Value);
