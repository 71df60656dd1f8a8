using System;
using System.Collections.Generic;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Expressions;
using Dsl.Generator.Model;
using Dsl.Generator.Yaml;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Layers.Options;

/// <summary>A real number such as a rate or an epsilon, with the range it must lie in.</summary>
internal sealed class NumberOption : LayerOption
{
    public NumberOption(string name, params string[] otherSpellings)
        : base(name, otherSpellings)
    {
    }

    public double Default { get; init; }

    /// <summary>The valid range; NaN is never in it.</summary>
    public Func<double, bool> IsValid { get; init; } = value => !double.IsNaN(value) && !double.IsInfinity(value);

    /// <summary>The range as a message puts it: <c>between 0 and 1</c>.</summary>
    public string Constraint { get; init; } = "a finite number";

    /// <summary>A diagnostic of its own for an out-of-range value (<c>'{layer}' has rate {value}</c>), instead of DSL007.</summary>
    public DiagnosticDescriptor? OutOfRange { get; init; }

    public override string Expected => "a number";

    public override ParameterType ExpressionType => ParameterType.Number;

    public double Get(LayerSpec layer) => layer.ValueOf(this) is { } value ? value.Number : Default;

    public override OptionValue? FromAttribute(TypedConstant constant) => OptionValue.Of(AttributeConstants.Number(constant));

    public override OptionValue? FromYaml(YamlTreeNode node, YamlOptionReader reader, string key, string subject) =>
        YamlValues.ReadNumber(node, out double value) is { } error ? WrongYaml(reader, node, key, subject, error) : OptionValue.Of(value);

    public override OptionValue FromValues(IReadOnlyList<Value> values) => OptionValue.Of(values[0].AsNumber);

    public override bool Check(OptionValue value, string layer, SourceLocation location, ICollection<DiagnosticInfo> diagnostics)
    {
        if (IsValid(value.Number))
            return true;
        if (OutOfRange is null)
            return Invalid(Constraint, value.Number, layer, location, diagnostics);
        diagnostics.Add(DiagnosticInfo.Create(OutOfRange, location, layer, value.Number));
        return false;
    }
}
