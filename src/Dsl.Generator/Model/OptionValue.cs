using System.Linq;

namespace Dsl.Generator.Model;

/// <summary>
/// One option's value as a front end read it, before any checking. A constant fits one of four slots: whole numbers (an
/// integer, a list of them, a flag as 0/1 or an enum member's raw value), a real number, a list of real numbers, or
/// text. In a block, a value that reads a parameter is kept as its <see cref="Expression"/> instead, and becomes a
/// constant at each use.
/// </summary>
internal sealed record OptionValue(EquatableArray<long> Integers, double Number, EquatableArray<string> Texts)
{
    /// <summary>The value's text when it reads a block parameter (<c>$filters * 4</c>); null for a constant.</summary>
    public ExpressionValue? Expression { get; init; }

    /// <summary>A list of real numbers (a factor given as one value or as lower and upper bounds); empty for the other kinds of value.</summary>
    public EquatableArray<double> Numbers { get; init; } = EquatableArray<double>.Empty;

    /// <summary>A wrapped layer (<c>Bidirectional</c>'s and <c>TimeDistributed</c>'s <c>layer</c>), as declared; null for the other kinds of value.</summary>
    public LayerSpec? Layer { get; init; }

    /// <summary>False for <see cref="Missing"/>: the slot of an option that was left out.</summary>
    public bool IsGiven { get; init; } = true;

    /// <summary>What a <see cref="LayerSpec"/> holds in the slot of an option that was not given.</summary>
    public static readonly OptionValue Missing = new(EquatableArray<long>.Empty, 0, EquatableArray<string>.Empty) { IsGiven = false };

    public static OptionValue Of(long value) => new(EquatableArray.Of(value), 0, EquatableArray<string>.Empty);

    public static OptionValue Of(EquatableArray<long> values) => new(values, 0, EquatableArray<string>.Empty);

    public static OptionValue Of(double value) => new(EquatableArray<long>.Empty, value, EquatableArray<string>.Empty);

    public static OptionValue Of(EquatableArray<double> values) => new(EquatableArray<long>.Empty, 0, EquatableArray<string>.Empty) { Numbers = values };

    public static OptionValue Of(bool value) => Of(value ? 1L : 0L);

    public static OptionValue Of(string value) => new(EquatableArray<long>.Empty, 0, EquatableArray.Of(value));

    public static OptionValue Of(EquatableArray<string> values) => new(EquatableArray<long>.Empty, 0, values);

    public static OptionValue Of(LayerSpec layer) => new(EquatableArray<long>.Empty, 0, EquatableArray<string>.Empty) { Layer = layer };

    public static OptionValue Of(ExpressionValue expression) =>
        new(EquatableArray<long>.Empty, 0, EquatableArray<string>.Empty) { Expression = expression };

    public override string ToString() =>
        Expression is { } expression ? expression.ToString()
        : Layer is { } layer ? layer.Definition.KerasName
        : Integers.Count > 0 ? string.Join(", ", Integers.Select(i => Invariant.ToText(i)))
        : Texts.Count > 0 ? string.Join(", ", Texts)
        : Numbers.Count > 0 ? string.Join(", ", Numbers.Select(Invariant.Number))
        : Invariant.Number(Number);
}

/// <summary>
/// A value written as expressions, evaluated where it is used: one (<c>$filters * 4</c>), or a list (<c>[$rows, 3]</c>).
/// Each item is the expression's source text; constants are expressions too.
/// </summary>
internal sealed record ExpressionValue(EquatableArray<string> Items, bool IsList)
{
    public static ExpressionValue Single(string text) => new(EquatableArray.Of(text), false);

    public override string ToString() => IsList ? "[" + string.Join(", ", Items) + "]" : Items.Count > 0 ? Items[0] : string.Empty;
}
