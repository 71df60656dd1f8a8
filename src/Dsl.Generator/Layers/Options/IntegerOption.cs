using System.Collections.Generic;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Options;

/// <summary>A whole number such as <c>Filters</c> or <c>Units</c>.</summary>
internal sealed class IntegerOption : LayerOption
{
    public IntegerOption(string name, params string[] otherSpellings)
        : base(OptionType.Integer, name, otherSpellings)
    {
    }

    public int Default { get; init; }

    public int Minimum { get; init; } = 1;

    /// <summary>Read as a 64-bit integer (a parameter count), not a 32-bit one.</summary>
    public bool IsWide { get; init; }

    public override string Expected => "an integer";

    public int Get(LayerSpec layer) => layer.ValueOf(this) is { Integers.Count: > 0 } value ? (int)value.Integers[0] : Default;

    public override bool Check(OptionValue value, string layer, SourceLocation location, ICollection<DiagnosticInfo> diagnostics) =>
        value.Integers.Count == 1 && value.Integers[0] >= Minimum
        || Invalid("at least " + Invariant.ToText(Minimum), value.Integers.Count == 1 ? value.Integers[0] : (object)value, layer, location, diagnostics);
}
