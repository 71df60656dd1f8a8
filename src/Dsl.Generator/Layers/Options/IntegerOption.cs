using System.Collections.Generic;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Expressions;
using Dsl.Generator.Model;
using Dsl.Generator.Yaml;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Layers.Options;

/// <summary>A whole number such as <c>Filters</c> or <c>Units</c>.</summary>
internal sealed class IntegerOption : LayerOption
{
    public IntegerOption(string name, params string[] otherSpellings)
        : base(name, otherSpellings)
    {
    }

    public int Default { get; init; }

    public int Minimum { get; init; } = 1;

    /// <summary>Read as a 64-bit integer (a parameter count), not a 32-bit one.</summary>
    public bool IsWide { get; init; }

    public override string Expected => "an integer";

    public override ParameterType ExpressionType => ParameterType.Integer;

    public int Get(LayerSpec layer) => layer.ValueOf(this) is { Integers.Count: > 0 } value ? (int)value.Integers[0] : Default;

    /// <summary>The value given, or null when the option was left out (a seed: none means the global generator).</summary>
    public int? Find(LayerSpec layer) => layer.ValueOf(this) is { Integers.Count: > 0 } value ? (int)value.Integers[0] : null;

    public override OptionValue? FromAttribute(TypedConstant constant) => OptionValue.Of(AttributeConstants.Integer(constant));

    public override OptionValue? FromYaml(YamlTreeNode node, YamlOptionReader reader, string key, string subject)
    {
        if (IsWide)
            return YamlValues.ReadLong(node, out long wide) is { } wideError ? WrongYaml(reader, node, key, subject, wideError) : OptionValue.Of(wide);
        return YamlValues.ReadInteger(node, out int value) is { } error ? WrongYaml(reader, node, key, subject, error) : OptionValue.Of(value);
    }

    public override bool Check(OptionValue value, string layer, SourceLocation location, ICollection<DiagnosticInfo> diagnostics) =>
        value.Integers.Count == 1 && value.Integers[0] >= Minimum
        || Invalid("at least " + Invariant.ToText(Minimum), value.Integers.Count == 1 ? value.Integers[0] : (object)value, layer, location, diagnostics);
}
