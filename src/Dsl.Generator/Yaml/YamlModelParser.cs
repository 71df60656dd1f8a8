using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Dsl.Generator.Analysis;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Expressions;
using Dsl.Generator.Layers;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;
using Dsl.Generator.Pipeline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Dsl.Generator.Yaml;

/// <summary>
/// Turns one <c>*.model.yaml</c> or <c>*.block.yaml</c> file into the same <see cref="GraphSpec"/> an attribute
/// declaration gives (its root key, <c>model:</c> or <c>block:</c>, says which), or into diagnostics located in the
/// file. Every problem in the file is reported, not just the first; a spec with any error yields no declaration. Keeps
/// nothing of the file but plain values; the spec's locations count from the root mapping (its anchor).
/// </summary>
internal static class YamlModelParser
{
    public const string Extension = ".model.yaml";

    public const string BlockExtension = ".block.yaml";

    public static bool IsModelFile(string path) =>
        path.EndsWith(Extension, StringComparison.OrdinalIgnoreCase) || path.EndsWith(BlockExtension, StringComparison.OrdinalIgnoreCase);

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
        var anchorAt = read.Root is { } root ? map.Offset(root.Start) : 0;
        var anchor = new Anchor(Anchor.ForYaml(path), path, anchorAt, text.Lines.GetLinePosition(anchorAt).Line);
        return new Session(path, map, anchor, defaults, cancellationToken).Declaration(read.Root);
    }

    /// <summary>The state of parsing one file: where to locate problems and the problems found so far.</summary>
    private sealed class Session
    {
        private readonly string _path;
        private readonly YamlSourceMap _map;
        private readonly Anchor _anchor;
        private readonly DefaultNamespace _defaults;
        private readonly CancellationToken _cancellationToken;
        private readonly List<DiagnosticInfo> _diagnostics = new();
        private readonly YamlOptionReader _reader;

        public Session(string path, YamlSourceMap map, Anchor anchor, DefaultNamespace defaults, CancellationToken cancellationToken)
        {
            _path = path;
            _map = map;
            _anchor = anchor;
            _defaults = defaults;
            _cancellationToken = cancellationToken;
            _reader = new YamlOptionReader(map, _diagnostics) { ToSpec = absolute => absolute.RelativeTo(_anchor) };
        }

        public ParseResult Declaration(YamlTreeNode? root)
        {
            if (root is not YamlMappingNode mapping)
            {
                var where = root is null ? _map.Location(new YamlPosition(1, 1), new YamlPosition(1, 1)) : _map.Location(root);
                Report(DiagnosticDescriptors.InvalidYamlValue, where, "A model spec", "a mapping with the keys model, input and layers",
                    root is null ? "empty" : YamlValues.Describe(root), string.Empty);
                return Result(null);
            }

            bool isBlock = mapping.Entries.Any(e => e.Key is YamlScalarNode { Value: YamlKeys.Block })
                && !mapping.Entries.Any(e => e.Key is YamlScalarNode { Value: YamlKeys.Model });
            var role = isBlock ? GraphRole.Block : GraphRole.Model;
            string subject = isBlock ? "the block spec" : "the model spec";
            var entries = _reader.Entries(mapping, subject, isBlock ? YamlKeys.BlockKeys : YamlKeys.ModelKeys, name => name);
            string? className = null;
            string? ns = null;
            SourceLocation classLocation = default;
            var inputs = new List<InputSpec>();
            bool inputsValid = true;
            List<NodeSpec>? layers = null;
            List<OutputSpec>? outputs = new();
            List<ParameterSpec>? parameters = new();
            long? expected = null;
            SourceLocation expectedLocation = default;
            Budget? budget = null;
            Rewrites? rewrites = null;

            foreach (var (key, value) in entries)
            {
                switch (key.Value)
                {
                    case YamlKeys.Model or YamlKeys.Block:
                        classLocation = _map.Location(value);
                        className = ClassName(value, key.Value);
                        break;
                    case YamlKeys.Namespace:
                        ns = Namespace(value);
                        break;
                    case YamlKeys.Input:
                        if (Input(value, NodeNames.DefaultInput) is { } single)
                            inputs.Add(single);
                        else
                            inputsValid = false;
                        break;
                    case YamlKeys.Inputs:
                        inputsValid &= isBlock ? BlockInputs(value, inputs) : ModelInputs(value, inputs);
                        break;
                    case YamlKeys.Parameters:
                        parameters = Parameters(value);
                        break;
                    case YamlKeys.Layers:
                        layers = Layers(value);
                        break;
                    case YamlKeys.Outputs:
                        outputs = Outputs(value);
                        break;
                    case YamlKeys.ExpectParameters:
                        expectedLocation = Spec(_map.Location(key.Start, value.End));
                        expected = ExpectParameters(value);
                        break;
                    case YamlKeys.Budget:
                        budget = Budget(value, Spec(_map.Location(key.Start, value.End)));
                        break;
                    case YamlKeys.Rewrites:
                        rewrites = Rewrites(value);
                        break;
                }
            }

            var rootLocation = _map.Location(mapping.Entries.Count > 0 ? mapping.Entries[0].Key : mapping);
            if (entries.Any(e => e.Key.Value == YamlKeys.Input) && entries.Any(e => e.Key.Value == YamlKeys.Inputs))
            {
                Report(DiagnosticDescriptors.DuplicateKey, _map.Location(entries.First(e => e.Key.Value == YamlKeys.Inputs).Key), YamlKeys.Inputs, subject,
                    YamlKeys.Input, Invariant.ToText(entries.First(e => e.Key.Value == YamlKeys.Input).Key.Start.Line));
            }
            var required = isBlock ? new[] { YamlKeys.Block, YamlKeys.Layers } : new[] { YamlKeys.Model, YamlKeys.Input, YamlKeys.Layers };
            foreach (var key in required)
            {
                bool given = entries.Any(e => e.Key.Value == key) || (key == YamlKeys.Input && entries.Any(e => e.Key.Value == YamlKeys.Inputs));
                if (!given)
                    Report(DiagnosticDescriptors.MissingKey, rootLocation, isBlock ? "The block spec" : "The model spec", key, Example(key));
            }
            if (isBlock && inputs.Count == 0)
                inputs.Add(new InputSpec(NodeNames.DefaultInput, EquatableArray<int>.Empty, DType.Float32, Spec(classLocation)));
            if (_diagnostics.Count > 0 || className is null || !inputsValid || layers is null || outputs is null || parameters is null)
            {
                return Result(isBlock && className is not null
                    ? GraphSpec.Broken(className, ns ?? _defaults.Name, FileName(_path), _anchor.Key, Spec(classLocation))
                    : null);
            }

            ns ??= DefaultNamespaceOrReport(classLocation);
            if (ns is null)
                return Result(null);

            return Result(new GraphSpec
            {
                Role = role,
                ClassName = className,
                Namespace = ns,
                Source = FileName(_path),
                AnchorKey = _anchor.Key,
                Location = Spec(classLocation),
                Inputs = inputs.ToEquatableArray(),
                Parameters = parameters.ToEquatableArray(),
                Nodes = layers.ToEquatableArray(),
                Outputs = outputs.ToEquatableArray(),
                ExpectedParameters = expected,
                ExpectedParametersLocation = expectedLocation,
                Budget = budget,
                Rewrites = rewrites ?? Model.Rewrites.All,
            });
        }

        /// <summary>A location the spec keeps: relative to the file's anchor.</summary>
        private SourceLocation Spec(SourceLocation absolute) => absolute.RelativeTo(_anchor);

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
            YamlKeys.Block => ", the block's class name, e.g. 'block: Bottleneck'",
            YamlKeys.Input => ", the input shape, e.g. 'input: [1, 28, 28]' or 'input: [784]'",
            YamlKeys.Layers => ", the list of layers, e.g. 'layers: [ flatten, { dense: 10 } ]'",
            _ => string.Empty,
        };

        private string? ClassName(YamlTreeNode value, string key)
        {
            if (value is not YamlScalarNode scalar || YamlValues.IsNull(value))
            {
                Report(DiagnosticDescriptors.InvalidYamlValue, _map.Location(value), "'" + key + "'", "the name of the class to generate", YamlValues.Describe(value), string.Empty);
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
        /// [channels, height, width], [steps, features], [features], or the same as a mapping of InputAttribute's
        /// parameters, with its <c>name</c> and <c>dtype</c>.
        /// </summary>
        private InputSpec? Input(YamlTreeNode value, string name, string subject = "'input'")
        {
            const string Expected = "a list [channels, height, width], [steps, features] or [features]";
            var location = Spec(_map.Location(value));
            switch (value)
            {
                case YamlSequenceNode { Items.Count: 0 }:
                    Report(DiagnosticDescriptors.InvalidYamlValue, _map.Location(value), subject, Expected, "an empty list", string.Empty);
                    return null;
                case YamlSequenceNode sequence:
                    return _reader.Integers(sequence, "A value of " + subject) is { } shape ? new InputSpec(name, shape, DType.Float32, location) : null;
                case YamlMappingNode mapping:
                {
                    var values = _reader.Options(mapping, YamlKeys.InputSection, subject);
                    if (values is null)
                        return null;
                    var dtype = values.TryGetValue(YamlKeys.InputDType, out var type) ? (DType)type.Integers[0] : DType.Float32;
                    if (values.TryGetValue(YamlKeys.InputName, out var given))
                        name = given.Texts[0];
                    var dimensions = values.Keys.Where(k => k != YamlKeys.InputDType && k != YamlKeys.InputName).ToList();
                    // The three forms of InputAttribute's constructors: the smallest that holds every key given.
                    var forms = new[]
                    {
                        new[] { YamlKeys.Features },
                        new[] { YamlKeys.Steps, YamlKeys.Features },
                        new[] { YamlKeys.Channels, YamlKeys.Height, YamlKeys.Width },
                    };
                    var matching = forms.Where(form => dimensions.Count > 0 && dimensions.All(form.Contains)).Take(1).ToList();
                    if (matching.Count != 1)
                    {
                        Report(DiagnosticDescriptors.InvalidYamlValue, _map.Location(value), subject,
                            "one of { channels, height, width }, { steps, features } or { features }",
                            "{ " + string.Join(", ", dimensions.Select(k => k.YamlKeys[0])) + " }", string.Empty);
                        return null;
                    }
                    bool complete = true;
                    foreach (var option in matching[0])
                    {
                        if (!values.ContainsKey(option))
                        {
                            Report(DiagnosticDescriptors.MissingKey, _map.Location(value), subject, option.YamlKeys[0], string.Empty);
                            complete = false;
                        }
                    }
                    return complete ? new InputSpec(name, matching[0].Select(o => (int)values[o].Integers[0]).ToEquatableArray(), dtype, location) : null;
                }
                default:
                    Report(DiagnosticDescriptors.InvalidYamlValue, _map.Location(value), subject, Expected, YamlValues.Describe(value), string.Empty);
                    return null;
            }
        }

        /// <summary>A model's <c>inputs: { image: [1, 28, 28], tokens: { features: 100, dtype: int64 } }</c>, in order.</summary>
        private bool ModelInputs(YamlTreeNode value, List<InputSpec> inputs)
        {
            if (value is not YamlMappingNode { Entries.Count: > 0 } mapping)
            {
                Report(DiagnosticDescriptors.InvalidYamlValue, _map.Location(value), "'inputs'", "a mapping of each input's name to its shape, e.g. { image: [1, 28, 28], meta: [10] }",
                    YamlValues.Describe(value), string.Empty);
                return false;
            }
            return NamedEntries(mapping, "inputs", "an input's name", (key, value) =>
            {
                if (Input(value, key.Value, "input '" + key.Value + "'") is not { } input)
                    return false;
                inputs.Add(input with { Location = Spec(_map.Location(key.Start, value.End)) });
                return true;
            });
        }

        /// <summary>
        /// Reads a mapping keyed by names (<c>inputs:</c>, <c>parameters:</c>) in order: each key a name given once, its
        /// value read by <paramref name="read"/>; reports a key that is not a name or repeats one. False after any report.
        /// </summary>
        private bool NamedEntries(YamlMappingNode mapping, string section, string expectedKey, Func<YamlScalarNode, YamlTreeNode, bool> read)
        {
            bool valid = true;
            var seen = new Dictionary<string, YamlScalarNode>(StringComparer.Ordinal);
            foreach (var entry in mapping.Entries)
            {
                if (entry.Key is not YamlScalarNode key || YamlValues.IsNull(key))
                {
                    Report(DiagnosticDescriptors.InvalidYamlValue, _map.Location(entry.Key), "A key of '" + section + "'", expectedKey, YamlValues.Describe(entry.Key), string.Empty);
                    valid = false;
                    continue;
                }
                if (seen.TryGetValue(key.Value, out var earlier))
                {
                    Report(DiagnosticDescriptors.DuplicateKey, _map.Location(key), key.Value, "'" + section + "'", earlier.Value, Invariant.ToText(earlier.Start.Line));
                    valid = false;
                    continue;
                }
                seen[key.Value] = key;
                valid &= read(key, entry.Value);
            }
            return valid;
        }

        /// <summary>A block's <c>inputs: [query, value]</c>: names only, each use gives the shapes.</summary>
        private bool BlockInputs(YamlTreeNode value, List<InputSpec> inputs)
        {
            var names = _reader.Names(value, YamlKeys.Inputs, "the block spec");
            if (names is null)
                return false;
            var items = value is YamlSequenceNode sequence ? sequence.Items : new List<YamlTreeNode> { value };
            for (int i = 0; i < names.Texts.Count; i++)
                inputs.Add(new InputSpec(names.Texts[i], EquatableArray<int>.Empty, DType.Float32, Spec(_map.Location(items[i]))));
            return names.Texts.Count > 0;
        }

        /// <summary><c>outputs: [digits, aux]</c> (or one name).</summary>
        private List<OutputSpec>? Outputs(YamlTreeNode value)
        {
            var names = _reader.Names(value, YamlKeys.Outputs, "the spec");
            if (names is null)
                return null;
            var items = value is YamlSequenceNode sequence ? sequence.Items : new List<YamlTreeNode> { value };
            return names.Texts.Select((name, i) => new OutputSpec(name, Spec(_map.Location(items[i])))).ToList();
        }

        /// <summary>
        /// A block's <c>parameters:</c> in order, each <c>name: type</c> (one every use gives), <c>name: default</c> (its
        /// type the default's), or <c>name: { type: …, default: … }</c>.
        /// </summary>
        private List<ParameterSpec>? Parameters(YamlTreeNode value)
        {
            if (value is not YamlMappingNode mapping)
            {
                if (YamlValues.IsNull(value))
                    return new List<ParameterSpec>();
                Report(DiagnosticDescriptors.InvalidYamlValue, _map.Location(value), "'parameters'",
                    "a mapping of each parameter's name to its type or default, e.g. { filters: int, stride: 1, activation: relu }", YamlValues.Describe(value), string.Empty);
                return null;
            }
            var parameters = new List<ParameterSpec>();
            bool valid = NamedEntries(mapping, "parameters", "a parameter's name", (key, value) =>
            {
                if (Parameter(key.Value, value, Spec(_map.Location(key.Start, value.End))) is not { } parameter)
                    return false;
                parameters.Add(parameter);
                return true;
            });
            return valid ? parameters : null;
        }

        private ParameterSpec? Parameter(string name, YamlTreeNode value, SourceLocation location)
        {
            string subject = "parameter '" + name + "'";
            if (value is YamlMappingNode mapping)
            {
                var entries = _reader.Entries(mapping, subject, new[] { YamlKeys.ParameterType, YamlKeys.ParameterDefault }, key => key);
                if (entries.Count != mapping.Entries.Count)
                    return null;
                string? type = null;
                ExpressionValue? fallback = null;
                foreach (var (key, item) in entries)
                {
                    if (key.Value == YamlKeys.ParameterType)
                    {
                        if (item is not YamlScalarNode { IsPlain: true } scalar || Expressions.ParameterType.Find(scalar.Value) is null)
                        {
                            Report(DiagnosticDescriptors.InvalidYamlValue, _map.Location(item), "The type of " + subject, "one of " + TypeNames, YamlValues.Describe(item), string.Empty);
                            return null;
                        }
                        type = scalar.Value;
                    }
                    else if (_reader.Expression(item, "The default of " + subject) is { } given)
                    {
                        fallback = given;
                    }
                    else
                    {
                        return null;
                    }
                }
                if (type is null && fallback is not null)
                    type = TypeOf(fallback, value, subject);
                if (type is null)
                {
                    if (fallback is null)
                        Report(DiagnosticDescriptors.MissingKey, _map.Location(value), Capitalise(subject), YamlKeys.ParameterType, string.Empty);
                    return null;
                }
                return new ParameterSpec(name, type, fallback, location);
            }
            if (value is YamlScalarNode { IsPlain: true } plain && Expressions.ParameterType.Find(plain.Value) is { } named)
                return new ParameterSpec(name, named.Name, null, location);
            if (_reader.Expression(value, "The default of " + subject) is not { } defaulted)
                return null;
            return TypeOf(defaulted, value, subject) is { } inferred ? new ParameterSpec(name, inferred, defaulted, location) : null;
        }

        /// <summary>The type a default value gives its parameter: an integer, a number, a flag, or the enum with a member of that name.</summary>
        private string? TypeOf(ExpressionValue value, YamlTreeNode node, string subject)
        {
            if (!value.IsList && value.Items.Count == 1)
            {
                string text = value.Items[0];
                if (YamlValues.ReadLong(node, out _) is null)
                    return Expressions.ParameterType.Integer.Name;
                if (YamlValues.ReadNumber(node, out _) is null)
                    return Expressions.ParameterType.Number.Name;
                if (YamlValues.ReadBoolean(node, out _) is null)
                    return Expressions.ParameterType.Flag.Name;
                var enumType = Expressions.ParameterType.All.FirstOrDefault(t => t.Choices?.Find(text) is not null);
                if (enumType is not null)
                    return enumType.Name;
            }
            Report(DiagnosticDescriptors.InvalidYamlValue, _map.Location(node), "The value of " + subject,
                "a type (" + TypeNames + ") or a default value (64, 0.5, true, relu, same, …)", YamlValues.Describe(node), string.Empty);
            return null;
        }

        private static string TypeNames => string.Join(", ", Expressions.ParameterType.All.Select(t => t.Name));

        /// <summary><c>budget: { max_parameters: 1_000_000, max_mult_adds: 5e8 }</c>: BudgetAttribute's properties, each optional.</summary>
        private Budget? Budget(YamlTreeNode value, SourceLocation location)
        {
            var values = _reader.Options(value, YamlKeys.BudgetSection, "'" + YamlKeys.Budget + "'");
            if (values is null)
                return null;
            long? Limit(LayerOption option) => values.TryGetValue(option, out var given) ? given.Integers[0] : null;
            return new Budget(Limit(YamlKeys.MaxParameters), Limit(YamlKeys.MaxMultAdds), Limit(YamlKeys.MaxActivationBytes), Limit(YamlKeys.MaxParameterBytes))
            {
                Location = location,
                Origin = "budget:",
            };
        }

        /// <summary><c>rewrites: { pool_before_activation: false }</c>: RewritesAttribute's properties, each on unless switched off.</summary>
        private Rewrites? Rewrites(YamlTreeNode value)
        {
            var values = _reader.Options(value, YamlKeys.RewritesSection, "'" + YamlKeys.Rewrites + "'");
            if (values is null)
                return null;
            bool Switch(FlagOption option) => !values.TryGetValue(option, out var given) || given.Integers[0] != 0;
            return new Rewrites(Switch(YamlKeys.PoolBeforeActivation), Switch(YamlKeys.FoldBatchNorm), Switch(YamlKeys.FoldRescaling));
        }

        /// <summary>A count, or a mapping with ExpectParametersAttribute's parameter (<c>{ count: 43362 }</c>).</summary>
        private long? ExpectParameters(YamlTreeNode value)
        {
            var section = YamlKeys.ExpectParametersSection;
            string subject = "'" + section.Name + "'";
            if (value is YamlMappingNode)
            {
                var values = _reader.Options(value, section, subject);
                if (values is null)
                    return null;
                if (values.TryGetValue(YamlKeys.Count, out var count))
                    return count.Integers[0];
                Report(DiagnosticDescriptors.MissingKey, _map.Location(value), subject, "count", string.Empty);
                return null;
            }
            if (YamlValues.ReadLong(value, out long expected) is { } error)
            {
                Report(DiagnosticDescriptors.InvalidYamlValue, _map.Location(value), subject, error, YamlOptionReader.Quoted(value), string.Empty);
                return null;
            }
            return expected;
        }

        private List<NodeSpec>? Layers(YamlTreeNode value)
        {
            if (value is not YamlSequenceNode { Items.Count: > 0 } sequence)
            {
                Report(DiagnosticDescriptors.InvalidYamlValue, _map.Location(value), "'layers'", "a list of layers",
                    value is YamlSequenceNode ? "an empty list" : YamlValues.Describe(value), string.Empty);
                return null;
            }
            var layers = new List<NodeSpec>();
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

        /// <summary>
        /// One list item: <c>flatten</c>, <c>dropout: 0.2</c>, <c>conv2d: { filters: 64, ... }</c>, a block use
        /// (<c>Bottleneck: { filters: 64 }</c>) or a reuse (<c>reuse: encoder</c>).
        /// </summary>
        private NodeSpec? Layer(YamlTreeNode item, int number)
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

            if (kindNode.Value == YamlKeys.Reuse)
                return Reuse(item, kindNode, options, number);
            if (!YamlKeys.IsKindKey(kindNode.Value))
                return Use(item, kindNode, options, number);
            if (LayerRegistry.FindYaml(kindNode.Value) is not { } kind)
            {
                var suggestion = NearestName.Find(kindNode.Value, YamlKeys.LayerSections.Select(s => s.Name), YamlKeys.LayerAliases);
                Report(DiagnosticDescriptors.UnknownLayerKind, _map.Location(kindNode), kindNode.Value, YamlOptionReader.DidYouMean(suggestion),
                    string.Join(", ", YamlKeys.LayerSections.Select(s => s.Name)));
                return null;
            }

            string subject = "layer " + Invariant.ToText(number) + " (" + kind.KerasName + ")";
            var entries = _reader.LayerOptions(options, kind, subject, _map.Location(kindNode));
            return entries is null ? null : new LayerSpec(kind.Kind, Spec(_map.Location(item))).WithOptions(entries);
        }

        /// <summary>
        /// <c>- Bottleneck: { filters: 64, repeat: 3, first: { stride: 1 }, name: conv2 }</c>: the block is looked up by the
        /// analysis, which knows every block; here only the use's own keys are read.
        /// </summary>
        private UseSpec? Use(YamlTreeNode item, YamlScalarNode blockNode, YamlTreeNode? options, int number)
        {
            string subject = "layer " + Invariant.ToText(number) + " (" + blockNode.Value + ")";
            var use = new UseSpec(blockNode.Value, Spec(_map.Location(item))) { BlockLocation = Spec(_map.Location(blockNode)) };
            if (options is null || YamlValues.IsNull(options))
                return use;
            if (options is not YamlMappingNode mapping)
            {
                Report(DiagnosticDescriptors.InvalidYamlValue, _map.Location(options), "The value of " + subject,
                    "a mapping of the block's arguments and the use's keys (" + string.Join(", ", UseArguments.Reserved) + ")", YamlValues.Describe(options), string.Empty);
                return null;
            }
            bool valid = true;
            foreach (var entry in mapping.Entries)
            {
                if (entry.Key is not YamlScalarNode key)
                    continue;
                switch (key.Value)
                {
                    case UseArguments.Block:
                        // The use's block is its key; another block only ever replaces some of its copies.
                        Report(DiagnosticDescriptors.UnknownKey, _map.Location(key), key.Value, subject, string.Empty,
                            "the use's block is its key (" + blockNode.Value + "); another block for some copies goes in first or rest, e.g. first: { block: ConvBlock }");
                        valid = false;
                        break;
                    case UseArguments.Name or UseArguments.From:
                        if (YamlValues.ReadName(entry.Value, out string name) is not null)
                        {
                            _reader.ReportValue(entry.Value, key.Value, subject, "a name", null);
                            valid = false;
                        }
                        else
                        {
                            use = key.Value == UseArguments.Name ? use with { Name = name } : use with { From = name };
                        }
                        break;
                    case UseArguments.Inputs:
                        if (_reader.Names(entry.Value, key.Value, subject) is { } inputs)
                            use = use with { Inputs = inputs.Texts };
                        else
                            valid = false;
                        break;
                    case UseArguments.Repeat:
                        if (_reader.Expression(entry.Value, "'repeat' in " + subject) is { IsList: false } repeat)
                            use = use with { Repeat = repeat };
                        else
                            valid = false;
                        break;
                    case UseArguments.First or UseArguments.Rest:
                        if (entry.Value is not YamlMappingNode copies)
                        {
                            Report(DiagnosticDescriptors.InvalidYamlValue, _map.Location(entry.Value), "'" + key.Value + "' in " + subject,
                                "a mapping of arguments, e.g. { stride: 2 }", YamlValues.Describe(entry.Value), string.Empty);
                            valid = false;
                        }
                        else if (_reader.Arguments(copies, "'" + key.Value + "' in " + subject, new[] { UseArguments.Block }, Spec) is { } arguments)
                        {
                            string? other = null;
                            SourceLocation otherAt = default;
                            if (copies.Entries.FirstOrDefault(e => e.Key is YamlScalarNode { Value: UseArguments.Block }).Value is { } otherNode)
                            {
                                if (YamlValues.ReadName(otherNode, out string otherName) is null)
                                {
                                    other = otherName;
                                    otherAt = Spec(_map.Location(otherNode));
                                }
                                else
                                {
                                    _reader.ReportValue(otherNode, UseArguments.Block, subject, "a block's name", null);
                                    valid = false;
                                }
                            }
                            use = key.Value == UseArguments.First
                                ? use with { First = arguments.ToEquatableArray(), FirstBlock = other, FirstBlockLocation = otherAt }
                                : use with { Rest = arguments.ToEquatableArray(), RestBlock = other, RestBlockLocation = otherAt };
                        }
                        else
                        {
                            valid = false;
                        }
                        break;
                }
            }
            if (_reader.Arguments(mapping, subject, UseArguments.Reserved, Spec) is { } given)
                use = use with { Arguments = given.ToEquatableArray() };
            else
                valid = false;
            return valid ? use : null;
        }

        /// <summary><c>- reuse: encoder</c>, or <c>- reuse: { layer: encoder, from: right, name: encoder_right }</c>.</summary>
        private ReuseSpec? Reuse(YamlTreeNode item, YamlScalarNode key, YamlTreeNode? options, int number)
        {
            string subject = "layer " + Invariant.ToText(number) + " (reuse)";
            var location = Spec(_map.Location(item));
            if (options is YamlScalarNode target && !YamlValues.IsNull(target))
                return YamlValues.ReadName(target, out string name) is null ? new ReuseSpec(name, location) : NoReuse(target, subject);
            if (options is not YamlMappingNode mapping)
            {
                Report(DiagnosticDescriptors.InvalidYamlValue, options is null ? _map.Location(key) : _map.Location(options), "The value of " + subject,
                    "the name of the layer to apply again, or a mapping { layer, from, name, inputs }", options is null ? "empty" : YamlValues.Describe(options), string.Empty);
                return null;
            }
            var entries = _reader.Entries(mapping, subject, YamlKeys.ReuseKeys, k => k);
            if (entries.Count != mapping.Entries.Count)
                return null;
            string? layer = null, given = null, from = null;
            var inputs = EquatableArray<string>.Empty;
            foreach (var (entryKey, value) in entries)
            {
                if (entryKey.Value == UseArguments.Inputs)
                {
                    if (_reader.Names(value, entryKey.Value, subject) is not { } names)
                        return null;
                    inputs = names.Texts;
                    continue;
                }
                if (YamlValues.ReadName(value, out string text) is not null)
                    return NoReuse(value, subject, entryKey.Value);
                switch (entryKey.Value)
                {
                    case YamlKeys.ReuseLayer:
                        layer = text;
                        break;
                    case UseArguments.Name:
                        given = text;
                        break;
                    default:
                        from = text;
                        break;
                }
            }
            if (layer is null)
            {
                Report(DiagnosticDescriptors.MissingKey, _map.Location(mapping), Capitalise(subject), YamlKeys.ReuseLayer, string.Empty);
                return null;
            }
            return new ReuseSpec(layer, location) { Name = given, From = from, Inputs = inputs };
        }

        private ReuseSpec? NoReuse(YamlTreeNode value, string subject, string key = YamlKeys.Reuse)
        {
            _reader.ReportValue(value, key, subject, "a layer's name", null);
            return null;
        }

        private static string Capitalise(string text) => YamlOptionReader.Capitalise(text);

        private void Report(DiagnosticDescriptor descriptor, SourceLocation location, params object?[] arguments) =>
            _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));

        private ParseResult Result(GraphSpec? spec) => new(spec, _diagnostics.ToEquatableArray(), _anchor);
    }
}
