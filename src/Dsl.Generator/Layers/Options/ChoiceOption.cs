using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Options;

/// <summary>
/// A member of one of the DSL's enums (<c>Padding</c>, <c>Activation</c>), possibly limited to some members for a
/// kind (causal padding is for Conv1D only).
/// </summary>
internal sealed class ChoiceOption<TEnum> : LayerOption
    where TEnum : struct, Enum
{
    public ChoiceOption(string name, Choices choices, params string[] otherSpellings)
        : base(OptionType.Choice, name, otherSpellings) => Choices = choices;

    public override Choices Choices { get; }

    public TEnum Default { get; init; }

    /// <summary>The members this kind accepts; empty means all.</summary>
    public IReadOnlyList<TEnum> Allowed { get; init; } = Array.Empty<TEnum>();

    /// <summary>Why a defined member this kind does not accept is wrong: <c>causal padding is for Conv1D only</c>.</summary>
    public string? NotAllowedReason { get; init; }

    public override string Expected =>
        "one of " + string.Join(", ", AllowedNames) + (Choices.ExtraSpelling is { } extra ? " (or " + extra + ")" : string.Empty);

    private IEnumerable<string> AllowedNames => Allowed.Count == 0
        ? Choices.Names
        : Allowed.Select(v => Choices.NameOf(ToInt(v)));

    public TEnum Get(LayerSpec layer) =>
        layer.Find(Name) is { Integers.Count: > 0 } value ? (TEnum)Enum.ToObject(typeof(TEnum), (int)value.Integers[0]) : Default;

    public override bool Check(OptionValue value, string layer, SourceLocation location, ICollection<DiagnosticInfo> diagnostics)
    {
        int raw = (int)value.Integers[0];
        if (!Choices.IsDefined(raw))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownEnumValue, location, Name, layer, raw));
            return false;
        }
        if (Allowed.Count > 0 && !Allowed.Any(a => ToInt(a) == raw))
        {
            string constraint = string.Join(" or ", AllowedNames) + (NotAllowedReason is { } reason ? " (" + reason + ")" : string.Empty);
            return Invalid(constraint, Choices.NameOf(raw), layer, location, diagnostics);
        }
        return true;
    }

    private static int ToInt(TEnum value) => Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
}
