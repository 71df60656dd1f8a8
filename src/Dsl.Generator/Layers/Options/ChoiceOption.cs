using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Expressions;
using Dsl.Generator.Layers;
using Dsl.Generator.Model;
using Dsl.Generator.Yaml;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Layers.Options;

/// <summary>
/// A member of one of the DSL's enums (<c>Padding</c>, <c>Activation</c>), possibly limited to some members for a
/// kind; a member another kind accepts is named with those kinds in the message.
/// </summary>
internal sealed class ChoiceOption<TEnum> : LayerOption
    where TEnum : struct, Enum
{
    public ChoiceOption(string name, Choices choices, params string[] otherSpellings)
        : base(name, otherSpellings) => Choices = choices;

    public override Choices Choices { get; }

    public TEnum Default { get; init; }

    /// <summary>The members this kind accepts; empty means all.</summary>
    public IReadOnlyList<TEnum> Allowed { get; init; } = Array.Empty<TEnum>();

    public override string Expected =>
        "one of " + string.Join(", ", AllowedNames) + (Choices.ExtraSpelling is { } extra ? " (or " + extra + ")" : string.Empty);

    private IEnumerable<string> AllowedNames => Allowed.Count == 0
        ? Choices.Names
        : Allowed.Select(v => Choices.NameOf(ToInt(v)));

    /// <summary>The enum's parameter type (<c>padding</c>), so a block's parameter of that type can set it.</summary>
    public override ParameterType? ExpressionType => ParameterType.OfChoices(Choices);

    public override OptionValue? FromAttribute(TypedConstant constant) => OptionValue.Of(AttributeConstants.Integer(constant));

    public override OptionValue? FromYaml(YamlTreeNode node, YamlOptionReader reader, string key, string subject) =>
        YamlValues.ReadChoice(node, Choices, out int value, out string? suggestion) is { } error ? WrongYaml(reader, node, key, subject, error, suggestion) : OptionValue.Of(value);

    public TEnum Get(LayerSpec layer) =>
        layer.ValueOf(this) is { Integers.Count: > 0 } value ? (TEnum)Enum.ToObject(typeof(TEnum), (int)value.Integers[0]) : Default;

    public override bool Check(OptionValue value, string layer, SourceLocation location, ICollection<DiagnosticInfo> diagnostics)
    {
        int raw = (int)value.Integers[0];
        if (!Choices.IsDefined(raw))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownEnumValue, location, Name, layer, raw));
            return false;
        }
        if (!Accepts(raw))
        {
            string constraint = string.Join(" or ", AllowedNames) + KindsAccepting(raw);
            return Invalid(constraint, Choices.NameOf(raw), layer, location, diagnostics);
        }
        return true;
    }

    /// <summary><c> (causal padding is for Conv1D only)</c>: the kinds whose option of this name accepts the member, if any.</summary>
    private string KindsAccepting(int raw)
    {
        var kinds = LayerRegistry.All
            .Where(kind => kind.Options.OfType<ChoiceOption<TEnum>>().Any(o => o.Name == Name && o.Accepts(raw)))
            .Select(kind => kind.KerasClass)
            .ToList();
        return kinds.Count == 0 ? string.Empty : " (" + Choices.NameOf(raw) + " " + Name.ToLowerInvariant() + " is for " + string.Join(" and ", kinds) + " only)";
    }

    private bool Accepts(int raw) => Allowed.Count == 0 ? Choices.IsDefined(raw) : Allowed.Any(a => ToInt(a) == raw);

    private static int ToInt(TEnum value) => Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
}
