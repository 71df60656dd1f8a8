using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Expressions;
using Dsl.Generator.Model;
using Dsl.Generator.Yaml;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Layers.Options;

/// <summary>
/// One or more real numbers: Keras's factors, a single value or a (lower, upper) pair (<c>factor=0.2</c>,
/// <c>factor=(-0.2, 0.3)</c>), or a value range (<c>value_range=(0, 255)</c>). Each value is checked against the
/// option's range; the kind reads the values through its own rule (<see cref="Get"/> gives them as given).
/// </summary>
internal sealed class NumbersOption : LayerOption
{
    public NumbersOption(string name, params string[] otherSpellings)
        : base(name, otherSpellings)
    {
    }

    /// <summary>How many values may be given (default 1 or 2).</summary>
    public IReadOnlyList<int> Counts { get; init; } = new[] { 1, 2 };

    /// <summary>Whether any number of values (at least one) may be given, instead of <see cref="Counts"/>: the kind checks the count against its input.</summary>
    public bool AnyCount { get; init; }

    /// <summary>How the counts read in a message: <c>1 value or 2 (lower, upper)</c>.</summary>
    public string CountText { get; init; } = "1 value or 2 (lower, upper)";

    /// <summary>The range every value must lie in; NaN and infinities never are.</summary>
    public Func<double, bool> IsValid { get; init; } = value => !double.IsNaN(value) && !double.IsInfinity(value);

    /// <summary>The range as a message puts it: <c>between -1 and 1</c>.</summary>
    public string Constraint { get; init; } = "finite numbers";

    /// <summary>How a YAML message words the expected value: <c>a number or a list [lower, upper]</c>.</summary>
    public string Description { get; init; } = "a number or a list [lower, upper]";

    public override string Expected => Description;

    public override ParameterType ExpressionType => ParameterType.Number;

    public override bool TakesList => true;

    /// <summary>The values as given, or null when the option was left out.</summary>
    public EquatableArray<double>? Get(LayerSpec layer) => layer.ValueOf(this) is { } value ? value.Numbers : null;

    public override OptionValue? FromAttribute(TypedConstant constant) =>
        OptionValue.Of(AttributeConstants.Items(constant).Select(AttributeConstants.Number).ToEquatableArray());

    public override OptionValue FromValues(IReadOnlyList<Value> values) => OptionValue.Of(values.Select(v => v.AsNumber).ToEquatableArray());

    /// <summary>A number or a list of numbers; a list of the wrong length (or a number where a list is needed) is reported at the value, each item that is no number at the item.</summary>
    public override OptionValue? FromYaml(YamlTreeNode node, YamlOptionReader reader, string key, string subject)
    {
        if (node is not YamlSequenceNode sequence)
        {
            if (!CountFits(1))
                return WrongYaml(reader, node, key, subject, Expected);
            return YamlValues.ReadNumber(node, out double single) is { } error ? WrongYaml(reader, node, key, subject, error) : OptionValue.Of(EquatableArray.Of(single));
        }
        if (!CountFits(sequence.Items.Count))
        {
            reader.ReportValue(node, key, subject, Expected, null, "a list of " + Invariant.ToText(sequence.Items.Count));
            return null;
        }
        var values = new double[sequence.Items.Count];
        bool valid = true;
        for (int i = 0; i < values.Length; i++)
        {
            var item = sequence.Items[i];
            if (YamlValues.ReadNumber(item, out values[i]) is { } expected)
            {
                reader.Report(DiagnosticDescriptors.InvalidYamlValue, reader.Location(item), "A value of '" + key + "' in " + subject, expected, YamlOptionReader.Quoted(item), string.Empty);
                valid = false;
            }
        }
        return valid ? OptionValue.Of(values.ToEquatableArray()) : null;
    }

    public override bool Check(OptionValue value, string layer, SourceLocation location, ICollection<DiagnosticInfo> diagnostics)
    {
        var values = value.Numbers;
        if (!CountFits(values.Count))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WrongValueCount, location, Name, layer, CountText, Invariant.ValueCount(values.Count)));
            return false;
        }
        if (values.All(IsValid))
            return true;
        return Invalid(Constraint, values.Count == 1 ? Invariant.Number(values[0]) : "(" + string.Join(", ", values.Select(Invariant.Number)) + ")", layer, location, diagnostics);
    }

    private bool CountFits(int count) => AnyCount ? count >= 1 : Counts.Contains(count);
}
