using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Expressions;
using Dsl.Generator.Model;
using Dsl.Generator.Yaml;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Layers.Options;

/// <summary>
/// One or more whole numbers: a window (<c>KernelSize</c>: one value for a square, or height and width), a stride,
/// a padding given per side. A kind reads the values through its own rule (<see cref="Get"/> gives them as given).
/// </summary>
internal sealed class IntegersOption : LayerOption
{
    public IntegersOption(string name, params string[] otherSpellings)
        : base(name, otherSpellings)
    {
    }

    /// <summary>How many values may be given (default 1 or 2).</summary>
    public IReadOnlyList<int> Counts { get; init; } = new[] { 1, 2 };

    /// <summary>How the counts read in a message: <c>1 value (square) or 2 (height, width)</c>.</summary>
    public string CountText { get; init; } = "1 value (square) or 2 (height, width)";

    public int Minimum { get; init; } = 1;

    /// <summary>A single 0 means "not given" (a pooling stride of 0 is the pool size, as documented).</summary>
    public bool ZeroMeansDefault { get; init; }

    /// <summary>YAML may give a list of pairs, read as one flat list: <c>[[1, 0], [2, 1]]</c> is top, bottom, left, right.</summary>
    public bool AcceptsPairs { get; init; }

    /// <summary>
    /// Whether no value at all is a value: an empty list, and in YAML also null (Keras's <c>axis=None</c>, which Keras turns
    /// into an empty tuple). Counts must then contain 0.
    /// </summary>
    public bool AllowsEmpty { get; init; }

    /// <summary>How a YAML message words the expected value, where the default (a window) does not fit: <c>a list of 1 to 3 integers</c>.</summary>
    public string? Description { get; init; }

    public override string Expected => Description ?? (AcceptsPairs
        ? "an integer, a list [height, width] or a list of pairs [[top, bottom], [left, right]]"
        : Counts.Count == 1 && Counts[0] == 1 ? "an integer" : "an integer or a list [height, width]");

    /// <summary>The values as given, or null when the option was left out.</summary>
    public EquatableArray<int>? Get(LayerSpec layer) =>
        layer.ValueOf(this) is { } value ? value.Integers.Select(v => (int)v).ToEquatableArray() : null;

    public override ParameterType ExpressionType => ParameterType.Integer;

    public override bool TakesList => true;

    public override OptionValue? FromAttribute(TypedConstant constant) =>
        OptionValue.Of(AttributeConstants.Items(constant).Select(AttributeConstants.Integer).ToEquatableArray());

    public override OptionValue FromValues(IReadOnlyList<Value> values) => OptionValue.Of(values.Select(v => v.Integer).ToEquatableArray());

    /// <summary>
    /// An integer, a list of integers, or (where the option accepts it) a list of pairs read as one flat list. A list of
    /// the wrong length is reported here, at the list; the values' range is checked with the layer, as for attributes.
    /// </summary>
    public override OptionValue? FromYaml(YamlTreeNode node, YamlOptionReader reader, string key, string subject)
    {
        if (AllowsEmpty && (YamlValues.IsNull(node) || node is YamlSequenceNode { Items.Count: 0 }))
            return OptionValue.Of(EquatableArray<long>.Empty);
        if (node is YamlSequenceNode sequence)
        {
            if (sequence.Items.Count == 0)
            {
                reader.ReportValue(node, key, subject, Expected, null, "a list of 0");
                return null;
            }
            if (AcceptsPairs && sequence.Items.All(i => i is YamlSequenceNode))
            {
                var flat = new List<long>();
                foreach (YamlSequenceNode pair in sequence.Items)
                {
                    if (pair.Items.Count != 2)
                    {
                        reader.ReportValue(pair, key, subject, "a pair [before, after]", null, "a list of " + Invariant.ToText(pair.Items.Count));
                        return null;
                    }
                    if (reader.Integers(pair, "A value of '" + key + "' in " + subject) is not { } values)
                        return null;
                    flat.AddRange(values.Select(v => (long)v));
                }
                return CountFits(node, reader, key, subject, flat.Count, "a list of " + Invariant.ToText(sequence.Items.Count) + " pairs") ? OptionValue.Of(flat.ToEquatableArray()) : null;
            }
            if (!CountFits(node, reader, key, subject, sequence.Items.Count, "a list of " + Invariant.ToText(sequence.Items.Count)))
                return null;
            var read = reader.Integers(sequence, "A value of '" + key + "' in " + subject);
            return read is null ? null : OptionValue.Of(read.Value.Select(v => (long)v).ToEquatableArray());
        }
        return YamlValues.ReadInteger(node, out int single) is { } error ? WrongYaml(reader, node, key, subject, error) : OptionValue.Of(EquatableArray.Of((long)single));
    }

    public override OptionValue? Normalize(OptionValue value) =>
        ZeroMeansDefault && value.Integers.Count == 1 && value.Integers[0] == 0 ? null : value;

    public override bool Check(OptionValue value, string layer, SourceLocation location, ICollection<DiagnosticInfo> diagnostics)
    {
        var values = value.Integers;
        if (!Counts.Contains(values.Count))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WrongValueCount, location, Name, layer, CountText, Invariant.ValueCount(values.Count)));
            return false;
        }
        foreach (var item in values)
        {
            if (item < Minimum || item > int.MaxValue)
            {
                return Invalid(Minimum == 0 ? "at least 0" : "at least " + Invariant.ToText(Minimum),
                    values.Count == 1 ? Invariant.ToText(item) : Invariant.SampleShape(values.Select(v => (int)v).ToArray()), layer, location, diagnostics);
            }
        }
        return true;
    }

    /// <summary>Whether a list has as many values as the option takes; reports at the list when not.</summary>
    private bool CountFits(YamlTreeNode node, YamlOptionReader reader, string key, string subject, int count, string actual)
    {
        if (Counts.Contains(count))
            return true;
        reader.ReportValue(node, key, subject, Expected, null, actual);
        return false;
    }
}
