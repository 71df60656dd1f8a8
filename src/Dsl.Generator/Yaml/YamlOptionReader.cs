using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Expressions;
using Dsl.Generator.Layers;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Yaml;

/// <summary>Turns positions in a YAML text into source locations: in a YAML file, or inside a C# string literal.</summary>
internal interface IYamlLocator
{
    /// <summary>The absolute location of a range of the YAML text.</summary>
    SourceLocation Location(YamlPosition start, YamlPosition end);
}

/// <summary>
/// Reads the values YAML gives a layer or a block use: a layer's options, typed by the kind's option objects (the same
/// the attribute binder uses, so a name cannot differ between the forms), and a block use's arguments, kept as
/// expressions for the analysis to type against the block's parameters. A value that reads a parameter (<c>$filters</c>)
/// is an expression too. Shared by YAML files and the text form of attributes (<c>[Conv2D("filters: $f")]</c>); every
/// problem is reported at its line and column, and nothing is thrown.
/// </summary>
internal sealed class YamlOptionReader
{
    private readonly IYamlLocator _map;
    private readonly List<DiagnosticInfo> _diagnostics;

    /// <summary>Whether the section being read may hold expressions (a layer's options).</summary>
    private bool _expressions;

    public YamlOptionReader(IYamlLocator map, List<DiagnosticInfo> diagnostics)
    {
        _map = map;
        _diagnostics = diagnostics;
    }

    public SourceLocation Location(YamlTreeNode node) => _map.Location(node.Start, node.End);

    /// <summary>Turns an absolute location into the spec's (relative to its declaration's anchor), for the layers a wrapper holds.</summary>
    public Func<SourceLocation, SourceLocation> ToSpec { get; init; } = location => location;

    /// <summary>
    /// A wrapper's layer (<c>layer: { lstm: { units: 64 } }</c>, or a bare kind such as <c>layer: flatten</c>), read as an
    /// entry of a layer list is; null after reporting. Only built-in kinds can be wrapped.
    /// </summary>
    public LayerSpec? WrappedLayer(YamlTreeNode node, string key, string subject)
    {
        YamlScalarNode kindNode;
        YamlTreeNode? options = null;
        switch (node)
        {
            case YamlScalarNode scalar when !YamlValues.IsNull(scalar):
                kindNode = scalar;
                break;
            case YamlMappingNode { Entries.Count: 1 } mapping when mapping.Entries[0].Key is YamlScalarNode name:
                kindNode = name;
                options = mapping.Entries[0].Value;
                break;
            default:
                ReportValue(node, key, subject, WrappedLayerExpected, null);
                return null;
        }
        if (LayerRegistry.FindYaml(kindNode.Value) is not { } kind)
        {
            var suggestion = NearestName.Find(kindNode.Value, YamlKeys.LayerSections.Select(s => s.Name), YamlKeys.LayerAliases);
            Report(DiagnosticDescriptors.UnknownLayerKind, Location(kindNode), kindNode.Value, DidYouMean(suggestion),
                string.Join(", ", YamlKeys.LayerSections.Select(s => s.Name)) + " (a wrapper takes a layer kind, not a block)");
            return null;
        }
        bool expressions = _expressions;
        var entries = LayerOptions(options, kind, "'" + key + "' of " + subject + " (" + kind.KerasName + ")", Location(kindNode));
        _expressions = expressions;
        return entries is null ? null : new LayerSpec(kind.Kind, ToSpec(Location(node))).WithOptions(entries);
    }

    private const string WrappedLayerExpected = "a layer: its kind and options, such as { lstm: { units: 64 } }";

    /// <summary>
    /// A section's value: a mapping of its keys, or a bare value for its main option. Null when any entry is wrong (each
    /// wrong entry is reported). Only a layer's options may read parameters (<paramref name="expressions"/>); a model's
    /// input and expected count are constants.
    /// </summary>
    public Dictionary<LayerOption, OptionValue>? Options(YamlTreeNode node, YamlSection section, string subject, bool expressions = false)
    {
        _expressions = expressions;
        var values = new Dictionary<LayerOption, OptionValue>();
        if (node is not YamlMappingNode mapping)
        {
            if (YamlValues.IsNull(node))
                return values;
            if (section.MainOption is not { } main)
            {
                Report(DiagnosticDescriptors.InvalidYamlValue, Location(node), "The value of " + subject,
                    section.Options.Count == 0 ? "empty (" + section.Name + " has no options)" : "a mapping of its options (" + KeyList(section) + ")",
                    YamlValues.Describe(node), string.Empty);
                return null;
            }
            var single = Value(node, main, main.YamlKeys[0], subject);
            if (single is null)
                return null;
            values[main] = single;
            return values;
        }

        bool valid = true;
        var entries = Entries(mapping, subject, section.Keys, name => section.Find(name)!.Name, section);
        if (entries.Count != mapping.Entries.Count)
            valid = false;
        foreach (var (key, value) in entries)
        {
            var option = section.Find(key.Value)!;
            var read = Value(value, option, key.Value, subject);
            if (read is null)
                valid = false;
            else
                values[option] = read;
        }
        return valid ? values : null;
    }

    /// <summary>
    /// A layer's options as its spec keeps them: in the kind's order (as the attribute parser gives them, so both forms
    /// give equal specs), normalised, with the required ones checked. Null after reporting.
    /// </summary>
    /// <param name="attributeText">An attribute's options text, where a wrapper's layer may come from the next attribute instead.</param>
    public IReadOnlyList<(LayerOption Option, OptionValue Value)>? LayerOptions(YamlTreeNode? node, LayerDefinition kind, string subject, SourceLocation missingAt, bool attributeText = false)
    {
        var section = YamlSection.For(kind);
        var values = node is null ? new Dictionary<LayerOption, OptionValue>() : Options(node, section, subject, expressions: true);
        if (values is null)
            return null;
        bool complete = true;
        foreach (var required in section.Options.Where(o => o.IsRequired && !values.ContainsKey(o) && !(attributeText && o is WrappedLayerOption { FromNextAttribute: true })))
        {
            Report(DiagnosticDescriptors.MissingKey, missingAt, Capitalise(subject), required.YamlKeys[0], string.Empty);
            complete = false;
        }
        if (!complete)
            return null;
        return section.Options
            .Where(values.ContainsKey)
            .Select(o => (Option: o, Value: values[o].Expression is null ? o.Normalize(values[o]) : values[o]))
            .Where(pair => pair.Value is not null)
            .Select(pair => (pair.Option, pair.Value!))
            .ToList();
    }

    /// <summary>
    /// A block use's arguments (every key but <paramref name="reserved"/>), as expressions: the analysis types them against
    /// the block's parameters. Null after reporting a malformed one.
    /// </summary>
    public List<ArgumentSpec>? Arguments(YamlMappingNode mapping, string subject, IReadOnlyCollection<string> reserved, Func<SourceLocation, SourceLocation> toSpec)
    {
        var arguments = new List<ArgumentSpec>();
        bool valid = true;
        var seen = new Dictionary<string, YamlScalarNode>(StringComparer.Ordinal);
        foreach (var entry in mapping.Entries)
        {
            if (entry.Key is not YamlScalarNode key || YamlValues.IsNull(key))
            {
                Report(DiagnosticDescriptors.InvalidYamlValue, Location(entry.Key), "A key of " + subject, "a name", YamlValues.Describe(entry.Key), string.Empty);
                valid = false;
                continue;
            }
            if (reserved.Contains(key.Value))
                continue;
            if (seen.TryGetValue(key.Value, out var earlier))
            {
                Report(DiagnosticDescriptors.DuplicateKey, Location(key), key.Value, subject, earlier.Value, Invariant.ToText(earlier.Start.Line));
                valid = false;
                continue;
            }
            seen[key.Value] = key;
            if (Expression(entry.Value, "'" + key.Value + "' in " + subject) is not { } value)
            {
                valid = false;
                continue;
            }
            arguments.Add(new ArgumentSpec(key.Value, value, toSpec(_map.Location(key.Start, entry.Value.End))));
        }
        return valid ? arguments : null;
    }

    /// <summary>
    /// A value kept as expressions: a scalar (a constant such as <c>64</c>, <c>relu</c>, or <c>$filters * 4</c>) or a list
    /// of them. A quoted scalar is a string, which no parameter takes, unless it reads a parameter (quotes let an
    /// expression hold a comma in a flow mapping).
    /// </summary>
    public ExpressionValue? Expression(YamlTreeNode node, string subject)
    {
        switch (node)
        {
            case YamlScalarNode scalar when !YamlValues.IsNull(scalar) && (scalar.IsPlain || ExpressionParser.ReadsParameters(scalar.Value)):
                return ExpressionValue.Single(scalar.Value);
            case YamlSequenceNode sequence when sequence.Items.Count > 0:
            {
                // Pairs are read flat, as constants are: [[top, bottom], [left, right]] is [top, bottom, left, right].
                bool pairs = sequence.Items.All(i => i is YamlSequenceNode { Items.Count: 2 } pair && pair.Items.All(p => p is YamlScalarNode));
                var items = new List<string>();
                foreach (var item in pairs ? sequence.Items.SelectMany(i => ((YamlSequenceNode)i).Items) : sequence.Items)
                {
                    if (Expression(item, subject) is not { IsList: false } single)
                        return null;
                    items.Add(single.Items[0]);
                }
                return new ExpressionValue(items.ToEquatableArray(), true);
            }
            default:
                Report(DiagnosticDescriptors.InvalidYamlValue, Location(node), subject, "a value (a number, true or false, a name such as relu, or an expression such as $filters * 4)",
                    Quoted(node), string.Empty);
                return null;
        }
    }

    /// <summary>
    /// The entries of a mapping whose keys are known and given once; reports unknown keys (with the nearest valid one),
    /// non-scalar keys and repeats. <paramref name="identity"/> says which keys mean the same thing (<c>stride</c> and
    /// <c>strides</c>).
    /// </summary>
    public List<(YamlScalarNode Key, YamlTreeNode Value)> Entries(
        YamlMappingNode mapping, string subject, IReadOnlyList<string> keys, Func<string, string> identity, YamlSection? section = null)
    {
        var accepted = new List<(YamlScalarNode, YamlTreeNode)>();
        var seen = new Dictionary<string, YamlScalarNode>(StringComparer.Ordinal);
        foreach (var entry in mapping.Entries)
        {
            if (entry.Key is not YamlScalarNode key || YamlValues.IsNull(key))
            {
                Report(DiagnosticDescriptors.InvalidYamlValue, Location(entry.Key), "A key of " + subject, "a name", YamlValues.Describe(entry.Key), string.Empty);
                continue;
            }
            if (!keys.Contains(key.Value, StringComparer.Ordinal))
            {
                if (section?.Kind is { IsMerge: true } && key.Value == LayerOption.SnakeCase(CommonOptions.From.Name))
                {
                    Report(DiagnosticDescriptors.FromOnMerge, Location(key), subject);
                    continue;
                }
                var suggestion = NearestName.Find(key.Value, keys);
                string known = section is null
                    ? "its keys are " + string.Join(", ", keys)
                    : section.Options.Count == 0 ? section.Name + " has no options" : section.Name + "'s keys are " + KeyList(section);
                Report(DiagnosticDescriptors.UnknownKey, Location(key), key.Value, subject, DidYouMean(suggestion), known);
                continue;
            }
            string id = identity(key.Value);
            if (seen.TryGetValue(id, out var earlier))
            {
                Report(DiagnosticDescriptors.DuplicateKey, Location(key), key.Value, subject, earlier.Value, Invariant.ToText(earlier.Start.Line));
                continue;
            }
            seen[id] = key;
            accepted.Add((key, entry.Value));
        }
        return accepted;
    }

    /// <summary>Reads one option's value (each type of option reads its own); reports and returns null when it has the wrong type.</summary>
    public OptionValue? Value(YamlTreeNode node, LayerOption option, string key, string subject) =>
        _expressions && ReadsParameters(node) ? Parametric(node, option, key, subject) : option.FromYaml(node, this, key, subject);

    /// <summary>Whether a value (or an item of a list) reads a block parameter, which makes it an expression.</summary>
    private static bool ReadsParameters(YamlTreeNode node) => node switch
    {
        YamlScalarNode scalar => ExpressionParser.ReadsParameters(scalar.Value),
        YamlSequenceNode sequence => sequence.Items.Any(ReadsParameters),
        _ => false,
    };

    /// <summary>A value that reads parameters: kept as its expression, computed at each use of the block.</summary>
    private OptionValue? Parametric(YamlTreeNode node, LayerOption option, string key, string subject)
    {
        if (option.ExpressionType is null)
        {
            ReportValue(node, key, subject, "a name: names are fixed where a block is declared, so they cannot read its parameters", null);
            return null;
        }
        if (node is YamlSequenceNode && !option.TakesList)
        {
            ReportValue(node, key, subject, option.Expected, null);
            return null;
        }
        return Expression(node, "'" + key + "' in " + subject) is { } expression ? OptionValue.Of(expression) : null;
    }

    /// <summary>A list of layer names (or a single name, a list of one).</summary>
    public OptionValue? Names(YamlTreeNode node, string key, string subject)
    {
        var items = node is YamlSequenceNode sequence ? sequence.Items : new List<YamlTreeNode> { node };
        var names = new List<string>();
        bool valid = true;
        foreach (var item in items)
        {
            if (YamlValues.ReadName(item, out string name) is { } error)
            {
                Report(DiagnosticDescriptors.InvalidYamlValue, Location(item), "A value of '" + key + "' in " + subject, error, YamlValues.Describe(item), string.Empty);
                valid = false;
            }
            names.Add(name);
        }
        return valid ? OptionValue.Of(names.ToEquatableArray()) : null;
    }

    public EquatableArray<int>? Integers(YamlSequenceNode sequence, string subject)
    {
        var values = new int[sequence.Items.Count];
        bool valid = true;
        for (int i = 0; i < values.Length; i++)
        {
            var item = sequence.Items[i];
            if (YamlValues.ReadInteger(item, out values[i]) is { } expected)
            {
                Report(DiagnosticDescriptors.InvalidYamlValue, Location(item), subject, expected, Quoted(item), string.Empty);
                valid = false;
            }
        }
        return valid ? values.ToEquatableArray() : null;
    }

    public void ReportValue(YamlTreeNode node, string key, string subject, string expected, string? suggestion, string? actual = null) =>
        Report(DiagnosticDescriptors.InvalidYamlValue, Location(node), "'" + key + "' in " + subject, expected,
            actual ?? Quoted(node), DidYouMean(suggestion));

    /// <summary>Describes a value, noting when quotes made a number a string.</summary>
    public static string Quoted(YamlTreeNode node) =>
        YamlValues.Describe(node) + (node is YamlScalarNode { IsPlain: false, Tag.Length: 0 } ? " (quoted, so a string)" : string.Empty);

    public static string KeyList(YamlSection section) => string.Join(", ", section.Keys);

    public static string DidYouMean(string? suggestion) => suggestion is null ? string.Empty : " (did you mean '" + suggestion + "'?)";

    public static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

    public void Report(DiagnosticDescriptor descriptor, SourceLocation location, params object?[] arguments) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
}
