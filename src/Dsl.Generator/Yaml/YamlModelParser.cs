using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Dsl.Generator.Analysis;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Layers;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;
using Dsl.Generator.Pipeline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Dsl.Generator.Yaml;

/// <summary>
/// Turns one <c>*.model.yaml</c> file into the same <see cref="ModelSpec"/> an attribute declaration gives, or
/// into diagnostics located in the file. Every problem in the file is reported, not just the first; a spec with
/// any error yields no model. Keeps nothing of the file but plain values.
/// </summary>
internal static class YamlModelParser
{
    public const string Extension = ".model.yaml";

    public static bool IsModelFile(string path) => path.EndsWith(Extension, StringComparison.OrdinalIgnoreCase);

    public static ParseResult Parse(string path, SourceText? text, DefaultNamespace defaults, CancellationToken cancellationToken)
    {
        if (text is null)
        {
            var file = new SourceLocation(path, default, default);
            return ParseResult.Failed(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidYaml, file, "the file could not be read"));
        }
        var map = new YamlSourceMap(path, text);
        var read = YamlTreeReader.Read(text.ToString(), cancellationToken);
        if (read.Error is { } error)
            return ParseResult.Failed(DiagnosticInfo.Create(error.Descriptor, map.Location(error.Start, error.End), error.Message));
        return new Session(path, map, defaults, cancellationToken).Model(read.Root);
    }

    /// <summary>The state of parsing one file: where to locate problems and the problems found so far.</summary>
    private sealed class Session
    {
        private readonly string _path;
        private readonly YamlSourceMap _map;
        private readonly DefaultNamespace _defaults;
        private readonly CancellationToken _cancellationToken;
        private readonly List<DiagnosticInfo> _diagnostics = new();

        public Session(string path, YamlSourceMap map, DefaultNamespace defaults, CancellationToken cancellationToken)
        {
            _path = path;
            _map = map;
            _defaults = defaults;
            _cancellationToken = cancellationToken;
        }

        public ParseResult Model(YamlTreeNode? root)
        {
            if (root is not YamlMappingNode mapping)
            {
                var where = root is null ? _map.Location(new YamlPosition(1, 1), new YamlPosition(1, 1)) : _map.Location(root);
                Report(DiagnosticDescriptors.InvalidYamlValue, where, "A model spec", "a mapping with the keys model, input and layers",
                    root is null ? "empty" : YamlValues.Describe(root), string.Empty);
                return Result(null);
            }

            var entries = Entries(mapping, "the model spec", YamlKeys.ModelKeys, name => name);
            string? className = null;
            string? ns = null;
            SourceLocation classLocation = default;
            EquatableArray<int>? input = null;
            SourceLocation inputLocation = default;
            List<LayerSpec>? layers = null;
            long? expected = null;
            SourceLocation expectedLocation = default;

            foreach (var (key, value) in entries)
            {
                switch (key.Value)
                {
                    case YamlKeys.Model:
                        classLocation = _map.Location(value);
                        className = ClassName(value);
                        break;
                    case YamlKeys.Namespace:
                        ns = Namespace(value);
                        break;
                    case YamlKeys.Input:
                        inputLocation = _map.Location(value);
                        input = Input(value);
                        break;
                    case YamlKeys.Layers:
                        layers = Layers(value);
                        break;
                    case YamlKeys.ExpectParameters:
                        expectedLocation = _map.Location(key.Start, value.End);
                        expected = ExpectParameters(value);
                        break;
                }
            }

            var rootLocation = _map.Location(mapping.Entries.Count > 0 ? mapping.Entries[0].Key : mapping);
            foreach (var required in new[] { YamlKeys.Model, YamlKeys.Input, YamlKeys.Layers })
            {
                if (!entries.Any(e => e.Key.Value == required))
                    Report(DiagnosticDescriptors.MissingKey, rootLocation, "The model spec", required, Example(required));
            }
            if (_diagnostics.Count > 0 || className is null || input is null || layers is null)
                return Result(null);

            ns ??= DefaultNamespaceOrReport(classLocation);
            if (ns is null)
                return Result(null);

            return Result(new ModelSpec
            {
                ClassName = className,
                Namespace = ns,
                Source = FileName(_path),
                Location = classLocation,
                InputShape = input.Value,
                InputLocation = inputLocation,
                Layers = layers.ToEquatableArray(),
                ExpectedParameters = expected,
                ExpectedParametersLocation = expectedLocation,
            });
        }

        /// <summary>
        /// The file name, as the generated code quotes it (ModelInfo.Source, the class's doc comment): line
        /// breaks and control characters, legal in file names, would break a string literal or a comment.
        /// </summary>
        private static string FileName(string path)
        {
            var name = Path.GetFileName(path).ToCharArray();
            for (int i = 0; i < name.Length; i++)
            {
                if (char.IsControl(name[i]) || name[i] is '\u2028' or '\u2029')
                    name[i] = '_';
            }
            return new string(name);
        }

        private static string Example(string key) => key switch
        {
            YamlKeys.Model => ", the class name, e.g. 'model: Model1'",
            YamlKeys.Input => ", the input shape, e.g. 'input: [1, 28, 28]' or 'input: [784]'",
            YamlKeys.Layers => ", the list of layers, e.g. 'layers: [ flatten, { dense: 10 } ]'",
            _ => string.Empty,
        };

        private string? ClassName(YamlTreeNode value)
        {
            if (value is not YamlScalarNode scalar || YamlValues.IsNull(value))
            {
                Report(DiagnosticDescriptors.InvalidYamlValue, _map.Location(value), "'model'", "the name of the class to generate", YamlValues.Describe(value), string.Empty);
                return null;
            }
            if (CSharpNames.CheckClassName(scalar.Value) is { } reason)
            {
                Report(DiagnosticDescriptors.InvalidClassName, _map.Location(value), scalar.Value, reason);
                return null;
            }
            return scalar.Value;
        }

        /// <summary>A namespace, "" for the global namespace (quoted empty string), or null to use the default.</summary>
        private string? Namespace(YamlTreeNode value)
        {
            if (YamlValues.IsNull(value))
                return null;
            if (value is not YamlScalarNode scalar)
            {
                Report(DiagnosticDescriptors.InvalidYamlValue, _map.Location(value), "'namespace'", "a namespace such as Samples.Mnist", YamlValues.Describe(value), string.Empty);
                return string.Empty;
            }
            if (scalar.Value.Length > 0 && CSharpNames.CheckNamespace(scalar.Value) is { } reason)
                Report(DiagnosticDescriptors.InvalidNamespace, _map.Location(value), scalar.Value, string.Empty, reason);
            return scalar.Value;
        }

        private string? DefaultNamespaceOrReport(SourceLocation classLocation)
        {
            if (_defaults.Name.Length > 0 && CSharpNames.CheckNamespace(_defaults.Name) is { } reason)
            {
                Report(DiagnosticDescriptors.InvalidNamespace, classLocation, _defaults.Name, " (from " + _defaults.Origin + "; set 'namespace:' in the spec)", reason);
                return null;
            }
            return _defaults.Name;
        }

        /// <summary>
        /// [channels, height, width], [channels, length], [features], or the same as a mapping of InputAttribute's
        /// parameters.
        /// </summary>
        private EquatableArray<int>? Input(YamlTreeNode value)
        {
            const string Expected = "a list [channels, height, width], [channels, length] or [features]";
            switch (value)
            {
                case YamlSequenceNode { Items.Count: 0 }:
                    Report(DiagnosticDescriptors.InvalidYamlValue, _map.Location(value), "'input'", Expected, "an empty list", string.Empty);
                    return null;
                case YamlSequenceNode sequence:
                    return Integers(sequence, "A value of 'input'");
                case YamlMappingNode mapping:
                {
                    var values = Options(mapping, YamlKeys.InputSection, "'input'");
                    if (values is null)
                        return null;
                    // The three forms of InputAttribute's constructors, told apart by their distinctive keys.
                    var forms = new[]
                    {
                        new[] { YamlKeys.Channels, YamlKeys.Height, YamlKeys.Width },
                        new[] { YamlKeys.Channels, YamlKeys.Length },
                        new[] { YamlKeys.Features },
                    };
                    var matching = forms.Where(form => form.Where(o => o != YamlKeys.Channels).Any(values.ContainsKey)).ToList();
                    if (matching.Count != 1 || values.Keys.Any(k => !matching[0].Contains(k)))
                    {
                        Report(DiagnosticDescriptors.InvalidYamlValue, _map.Location(value), "'input'",
                            "one of { channels, height, width }, { channels, length } or { features }",
                            "{ " + string.Join(", ", values.Keys.Select(k => k.YamlKeys[0])) + " }", string.Empty);
                        return null;
                    }
                    bool complete = true;
                    foreach (var option in matching[0])
                    {
                        if (!values.ContainsKey(option))
                        {
                            Report(DiagnosticDescriptors.MissingKey, _map.Location(value), "'input'", option.YamlKeys[0], string.Empty);
                            complete = false;
                        }
                    }
                    return complete ? matching[0].Select(o => (int)values[o].Integers[0]).ToEquatableArray() : null;
                }
                default:
                    Report(DiagnosticDescriptors.InvalidYamlValue, _map.Location(value), "'input'", Expected, YamlValues.Describe(value), string.Empty);
                    return null;
            }
        }

        /// <summary>A count, or a mapping with ExpectParametersAttribute's parameter (<c>{ count: 43362 }</c>).</summary>
        private long? ExpectParameters(YamlTreeNode value)
        {
            var section = YamlKeys.ExpectParametersSection;
            string subject = "'" + section.Name + "'";
            if (value is YamlMappingNode)
            {
                var values = Options(value, section, subject);
                if (values is null)
                    return null;
                if (values.TryGetValue(YamlKeys.Count, out var count))
                    return count.Integers[0];
                Report(DiagnosticDescriptors.MissingKey, _map.Location(value), subject, "count", string.Empty);
                return null;
            }
            if (YamlValues.ReadLong(value, out long expected) is { } error)
            {
                Report(DiagnosticDescriptors.InvalidYamlValue, _map.Location(value), subject, error, Quoted(value), string.Empty);
                return null;
            }
            return expected;
        }

        private List<LayerSpec>? Layers(YamlTreeNode value)
        {
            if (value is not YamlSequenceNode { Items.Count: > 0 } sequence)
            {
                Report(DiagnosticDescriptors.InvalidYamlValue, _map.Location(value), "'layers'", "a list of layers",
                    value is YamlSequenceNode ? "an empty list" : YamlValues.Describe(value), string.Empty);
                return null;
            }
            var layers = new List<LayerSpec>();
            bool valid = true;
            for (int i = 0; i < sequence.Items.Count; i++)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var layer = Layer(sequence.Items[i], i + 1);
                if (layer is null)
                    valid = false;
                else
                    layers.Add(layer);
            }
            return valid ? layers : null;
        }

        /// <summary>One list item: <c>flatten</c>, <c>dropout: 0.2</c> or <c>conv2d: { filters: 64, ... }</c>.</summary>
        private LayerSpec? Layer(YamlTreeNode item, int number)
        {
            YamlScalarNode kindNode;
            YamlTreeNode? options = null;
            switch (item)
            {
                case YamlScalarNode scalar when !YamlValues.IsNull(scalar):
                    kindNode = scalar;
                    break;
                case YamlMappingNode { Entries.Count: 1 } mapping when mapping.Entries[0].Key is YamlScalarNode key:
                    kindNode = key;
                    options = mapping.Entries[0].Value;
                    break;
                case YamlMappingNode { Entries.Count: > 1 } mapping:
                {
                    var keys = string.Join(", ", mapping.Entries.Select(e => YamlValues.Describe(e.Key)));
                    var first = YamlValues.Describe(mapping.Entries[0].Key);
                    Report(DiagnosticDescriptors.InvalidLayerEntry, _map.Location(item), Invariant.ToText(number),
                        "it has " + Invariant.ToText(mapping.Entries.Count) + " keys (" + keys + "); an entry has one key, the layer kind, so indent the options under " + first);
                    return null;
                }
                default:
                    Report(DiagnosticDescriptors.InvalidLayerEntry, _map.Location(item), Invariant.ToText(number),
                        "it is " + (item is YamlMappingNode { Entries.Count: 0 } ? "an empty mapping" : YamlValues.Describe(item)));
                    return null;
            }

            if (LayerRegistry.FindYaml(kindNode.Value) is not { } kind)
            {
                var suggestion = NearestName.Find(kindNode.Value, YamlKeys.LayerSections.Select(s => s.Name), YamlKeys.LayerAliases);
                Report(DiagnosticDescriptors.UnknownLayerKind, _map.Location(kindNode), kindNode.Value, DidYouMean(suggestion),
                    string.Join(", ", YamlKeys.LayerSections.Select(s => s.Name)));
                return null;
            }

            var section = YamlSection.For(kind);
            string subject = "layer " + Invariant.ToText(number) + " (" + section.Name + ")";
            var values = options is null ? new Dictionary<LayerOption, OptionValue>() : Options(options, section, subject);
            if (values is null)
                return null;
            bool complete = true;
            foreach (var required in section.Options.Where(o => o.IsRequired && !values.ContainsKey(o)))
            {
                Report(DiagnosticDescriptors.MissingKey, _map.Location(kindNode), Capitalise(subject), required.YamlKeys[0], string.Empty);
                complete = false;
            }
            if (!complete)
                return null;
            // Options in the kind's order, as the attribute parser gives them, so both forms give equal specs.
            var entries = section.Options
                .Where(values.ContainsKey)
                .Select(o => (Option: o, Value: o.Normalize(values[o])))
                .Where(pair => pair.Value is not null)
                .Select(pair => new OptionEntry(pair.Option.Name, pair.Value!))
                .ToEquatableArray();
            return new LayerSpec(kind.Kind, _map.Location(item)) { Options = entries };
        }

        /// <summary>
        /// A section's value: a mapping of its keys, or a bare value for its main option. Null when any entry is
        /// wrong (each wrong entry is reported).
        /// </summary>
        private Dictionary<LayerOption, OptionValue>? Options(YamlTreeNode node, YamlSection section, string subject)
        {
            var values = new Dictionary<LayerOption, OptionValue>();
            if (node is not YamlMappingNode mapping)
            {
                if (YamlValues.IsNull(node))
                    return values;
                if (section.MainOption is not { } main)
                {
                    Report(DiagnosticDescriptors.InvalidYamlValue, _map.Location(node), "The value of " + subject,
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
        /// The entries of a mapping whose keys are known and given once; reports unknown keys (with the nearest
        /// valid one), non-scalar keys and repeats. <paramref name="identity"/> says which keys mean the same
        /// thing (<c>stride</c> and <c>strides</c>).
        /// </summary>
        private List<(YamlScalarNode Key, YamlTreeNode Value)> Entries(
            YamlMappingNode mapping, string subject, IReadOnlyList<string> keys, Func<string, string> identity, YamlSection? section = null)
        {
            var accepted = new List<(YamlScalarNode, YamlTreeNode)>();
            var seen = new Dictionary<string, YamlScalarNode>(StringComparer.Ordinal);
            foreach (var entry in mapping.Entries)
            {
                if (entry.Key is not YamlScalarNode key || YamlValues.IsNull(key))
                {
                    Report(DiagnosticDescriptors.InvalidYamlValue, _map.Location(entry.Key), "A key of " + subject, "a name", YamlValues.Describe(entry.Key), string.Empty);
                    continue;
                }
                if (!keys.Contains(key.Value, StringComparer.Ordinal))
                {
                    if (section?.Kind is { IsMerge: true } && key.Value == LayerOption.SnakeCase(CommonOptions.From.Name))
                    {
                        Report(DiagnosticDescriptors.FromOnMerge, _map.Location(key), subject);
                        continue;
                    }
                    var suggestion = NearestName.Find(key.Value, keys);
                    string known = section is null
                        ? "its keys are " + string.Join(", ", keys)
                        : section.Options.Count == 0 ? section.Name + " has no options" : section.Name + "'s keys are " + KeyList(section);
                    Report(DiagnosticDescriptors.UnknownKey, _map.Location(key), key.Value, subject, DidYouMean(suggestion), known);
                    continue;
                }
                string id = identity(key.Value);
                if (seen.TryGetValue(id, out var earlier))
                {
                    Report(DiagnosticDescriptors.DuplicateKey, _map.Location(key), key.Value, subject, earlier.Value, Invariant.ToText(earlier.Start.Line));
                    continue;
                }
                seen[id] = key;
                accepted.Add((key, entry.Value));
            }
            return accepted;
        }

        /// <summary>Reads one option's value by its type; reports and returns null when it has the wrong type.</summary>
        private OptionValue? Value(YamlTreeNode node, LayerOption option, string key, string subject)
        {
            string? error;
            string? suggestion = null;
            OptionValue? value = null;
            switch (option.Type)
            {
                case OptionType.Integer when option is IntegerOption { IsWide: true }:
                    error = YamlValues.ReadLong(node, out long wide);
                    value = OptionValue.Of(wide);
                    break;
                case OptionType.Integer:
                    error = YamlValues.ReadInteger(node, out int integer);
                    value = OptionValue.Of(integer);
                    break;
                case OptionType.Integers:
                    return IntegerList(node, option, key, subject);
                case OptionType.Number:
                    error = YamlValues.ReadNumber(node, out double number);
                    value = OptionValue.Of(number);
                    break;
                case OptionType.Flag:
                    error = YamlValues.ReadBoolean(node, out bool flag);
                    value = OptionValue.Of(flag);
                    break;
                case OptionType.Choice:
                    error = YamlValues.ReadChoice(node, option.Choices!, out int choice, out suggestion);
                    value = OptionValue.Of(choice);
                    break;
                case OptionType.Text:
                    error = YamlValues.ReadName(node, out string name);
                    value = OptionValue.Of(name);
                    break;
                case OptionType.Texts:
                    return Names(node, key, subject);
                default:
                    throw new InvalidOperationException("option type " + option.Type + " has no YAML form");
            }
            if (error is null)
                return value;
            ReportValue(node, key, subject, error == "an integer" || error == "a number" ? option.Expected : error, suggestion);
            return null;
        }

        /// <summary>
        /// An integer, a list of integers, or (where the option accepts it) a list of pairs read as one flat list.
        /// How many values the kind takes is checked with the layer, as for attributes.
        /// </summary>
        private OptionValue? IntegerList(YamlTreeNode node, LayerOption option, string key, string subject)
        {
            bool pairs = option is IntegersOption { AcceptsPairs: true };
            if (node is YamlSequenceNode sequence)
            {
                if (sequence.Items.Count == 0)
                {
                    ReportValue(node, key, subject, option.Expected, null, "a list of 0");
                    return null;
                }
                if (pairs && sequence.Items.All(i => i is YamlSequenceNode))
                {
                    var flat = new List<long>();
                    foreach (YamlSequenceNode pair in sequence.Items)
                    {
                        if (pair.Items.Count != 2)
                        {
                            ReportValue(pair, key, subject, "a pair [before, after]", null, "a list of " + Invariant.ToText(pair.Items.Count));
                            return null;
                        }
                        if (Integers(pair, "A value of '" + key + "' in " + subject) is not { } values)
                            return null;
                        flat.AddRange(values.Select(v => (long)v));
                    }
                    return CountFits(node, option, key, subject, flat.Count, "a list of " + Invariant.ToText(sequence.Items.Count) + " pairs") ? OptionValue.Of(flat.ToEquatableArray()) : null;
                }
                if (!CountFits(node, option, key, subject, sequence.Items.Count, "a list of " + Invariant.ToText(sequence.Items.Count)))
                    return null;
                var read = Integers(sequence, "A value of '" + key + "' in " + subject);
                return read is null ? null : OptionValue.Of(read.Value.Select(v => (long)v).ToEquatableArray());
            }
            var error = YamlValues.ReadInteger(node, out int single);
            if (error is not null)
            {
                ReportValue(node, key, subject, error == "an integer" ? option.Expected : error, null);
                return null;
            }
            return OptionValue.Of(EquatableArray.Of((long)single));
        }

        /// <summary>Whether a list has as many values as the option takes; reports at the list when not.</summary>
        private bool CountFits(YamlTreeNode node, LayerOption option, string key, string subject, int count, string actual)
        {
            if (option is not IntegersOption integers || integers.Counts.Contains(count))
                return true;
            ReportValue(node, key, subject, option.Expected, null, actual);
            return false;
        }

        /// <summary>A list of layer names (or a single name, a list of one).</summary>
        private OptionValue? Names(YamlTreeNode node, string key, string subject)
        {
            var items = node is YamlSequenceNode sequence ? sequence.Items : new List<YamlTreeNode> { node };
            var names = new List<string>();
            bool valid = true;
            foreach (var item in items)
            {
                if (YamlValues.ReadName(item, out string name) is { } error)
                {
                    Report(DiagnosticDescriptors.InvalidYamlValue, _map.Location(item), "A value of '" + key + "' in " + subject, error, YamlValues.Describe(item), string.Empty);
                    valid = false;
                }
                names.Add(name);
            }
            return valid ? OptionValue.Of(names.ToEquatableArray()) : null;
        }

        private EquatableArray<int>? Integers(YamlSequenceNode sequence, string subject)
        {
            var values = new int[sequence.Items.Count];
            bool valid = true;
            for (int i = 0; i < values.Length; i++)
            {
                var item = sequence.Items[i];
                if (YamlValues.ReadInteger(item, out values[i]) is { } expected)
                {
                    Report(DiagnosticDescriptors.InvalidYamlValue, _map.Location(item), subject, expected, Quoted(item), string.Empty);
                    valid = false;
                }
            }
            return valid ? values.ToEquatableArray() : null;
        }

        private void ReportValue(YamlTreeNode node, string key, string subject, string expected, string? suggestion, string? actual = null) =>
            Report(DiagnosticDescriptors.InvalidYamlValue, _map.Location(node), "'" + key + "' in " + subject, expected,
                actual ?? Quoted(node), DidYouMean(suggestion));

        /// <summary>Describes a value, noting when quotes made a number a string.</summary>
        private static string Quoted(YamlTreeNode node) =>
            YamlValues.Describe(node) + (node is YamlScalarNode { IsPlain: false, Tag.Length: 0 } ? " (quoted, so a string)" : string.Empty);

        private static string KeyList(YamlSection section) => string.Join(", ", section.Keys);

        private static string DidYouMean(string? suggestion) => suggestion is null ? string.Empty : " (did you mean '" + suggestion + "'?)";

        private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

        private void Report(DiagnosticDescriptor descriptor, SourceLocation location, params object?[] arguments) =>
            _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));

        private ParseResult Result(ModelSpec? spec) => new(spec, _diagnostics.ToEquatableArray());
    }
}
