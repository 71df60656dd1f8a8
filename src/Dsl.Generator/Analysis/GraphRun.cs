using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Expressions;
using Dsl.Generator.Layers;
using Dsl.Generator.Model;

namespace Dsl.Generator.Analysis;

/// <summary>
/// Checks one graph and infers every node's types, parameter counts and mult-adds with Keras's semantics, asking each
/// layer's kind; pure (no Roslyn symbols, no TorchSharp). It runs in three modes:
/// <list type="bullet">
/// <item>a <b>model</b>: inputs and every value known, everything checked;</item>
/// <item>a block's <b>declaration</b>, on its own: names, references, constant options, the types of its expressions and
/// of the arguments it passes to other blocks; shapes are unknown (a block takes them from each use);</item>
/// <item>a block's <b>instance</b> at one use: its expressions computed from the use's arguments, its shapes inferred from
/// the use's inputs; the use reports what fails here, pointing at the block's layer as well.</item>
/// </list>
/// One mistake yields one error: a node whose inputs are unknown after an error upstream is skipped silently, while an
/// error in one branch does not hide an error in another.
/// </summary>
internal sealed partial class GraphRun : IExpressionScope
{
    private enum Mode
    {
        Model,
        Declaration,
        Instance,
    }

    private readonly GraphSpec _spec;
    private readonly Mode _mode;
    private readonly AnalysisSession _session;
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly Dictionary<string, (ParameterType Type, Value? Value)> _parameters = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<TensorType>? _inputTypes;

    /// <summary>Values visible to the node being processed (inputs and earlier nodes), by the names references use.</summary>
    private readonly Dictionary<string, ValueRef> _visible = new(StringComparer.Ordinal);

    private readonly List<Entry> _entries = new();
    private readonly List<InputPlan> _inputs = new();

    private GraphRun(GraphSpec spec, Mode mode, AnalysisSession session, IReadOnlyList<TensorType>? inputTypes)
    {
        _spec = spec;
        _mode = mode;
        _session = session;
        _inputTypes = inputTypes;
    }

    /// <summary>A model: its graph and every problem found.</summary>
    public static ModelAnalysis AnalyzeModel(GraphSpec spec, BlockLibrary library)
    {
        var run = new GraphRun(spec, Mode.Model, new AnalysisSession(library), null);
        var graph = run.Run();
        return new ModelAnalysis(spec, graph ?? GraphPlan.Empty, run._diagnostics.ToEquatableArray());
    }

    /// <summary>A block's declaration on its own: the problems that do not depend on where it is used.</summary>
    public static IReadOnlyList<DiagnosticInfo> CheckDeclaration(GraphSpec block, AnalysisSession session)
    {
        var run = new GraphRun(block, Mode.Declaration, session, null);
        foreach (var parameter in block.Parameters)
            run.DeclareParameter(parameter);
        run.Run();
        return run._diagnostics;
    }

    /// <summary>A sound block at one use: its graph for these input types and parameter values, or null and why not.</summary>
    public static (GraphPlan? Plan, IReadOnlyList<DiagnosticInfo> Diagnostics) Instantiate(
        GraphSpec block, AnalysisSession session, IReadOnlyList<TensorType> inputs, IReadOnlyDictionary<string, Value> parameters)
    {
        var run = new GraphRun(block, Mode.Instance, session, inputs);
        foreach (var parameter in block.Parameters)
        {
            var type = ParameterType.Find(parameter.Type) ?? ParameterType.Integer;
            run._parameters[parameter.Name] = (type, parameters[parameter.Name]);
        }
        var plan = run.Run();
        return (run._diagnostics.Any(d => d.IsError) ? null : plan, run._diagnostics);
    }

    private bool KnowsShapes => _mode != Mode.Declaration;

    /// <summary>How messages call the graph: <c>model</c> or <c>block</c>.</summary>
    private string Role => _spec.IsBlock ? "block" : "model";

    private GraphPlan? Run()
    {
        if (!CheckInputs())
            return null;
        if (_spec.Nodes.Count == 0)
        {
            Report(DiagnosticDescriptors.NoLayers, _spec.Location, _spec.ClassName);
            return null;
        }

        Expand();
        AssignNames();
        foreach (var entry in _entries)
            Process(entry);
        if (!CheckTotals())
            return null;

        var outputs = Outputs();
        if (outputs is null)
            return null;
        Warnings(outputs);
        if (_mode == Mode.Model)
        {
            CheckExpectedParameters();
            CheckBudget();
        }
        var nodes = _entries.Where(e => e.Plan is not null).Select(e => e.Plan!).ToEquatableArray();
        return new GraphPlan(_inputs.ToEquatableArray(), nodes, outputs.ToEquatableArray());
    }

    // Inputs

    private bool CheckInputs()
    {
        if (_spec.Inputs.Count == 0)
        {
            Report(DiagnosticDescriptors.MissingInput, _spec.Location, _spec.ClassName);
            return false;
        }
        bool valid = true;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (!_spec.IsBlock && _spec.Inputs.Count > MaxInputs)
        {
            Report(DiagnosticDescriptors.InvalidInput, _spec.Inputs[MaxInputs].Location, "The model", _spec.ClassName,
                "has " + Invariant.ToText(_spec.Inputs.Count) + " inputs; a generated module takes at most " + Invariant.ToText(MaxInputs) + " (TorchSharp's Module<T1, …, T6, TResult>)");
            valid = false;
        }
        for (int i = 0; i < _spec.Inputs.Count; i++)
        {
            var input = _spec.Inputs[i];
            string label = _spec.Inputs.Count == 1 ? "The input" : "Input '" + input.Name + "'";
            if (NodeNames.CheckInput(input.Name, _spec) is { } problem)
            {
                Report(DiagnosticDescriptors.InvalidInput, input.Location, label, _spec.ClassName, "cannot be named '" + input.Name + "': " + problem);
                valid = false;
            }
            else if (!seen.Add(input.Name))
            {
                Report(DiagnosticDescriptors.InvalidInput, input.Location, label, _spec.ClassName, "has the name of an earlier input; give every input its own name (Name = \"…\")");
                valid = false;
            }
            TensorType? type = null;
            if (_mode == Mode.Instance)
                type = _inputTypes![i];
            else if (_mode == Mode.Model)
                type = CheckInputShape(input) ? new TensorType(input.Shape, input.DType) : null;
            if (_mode == Mode.Model && type is null)
                valid = false;
            if (type is not null)
                _inputs.Add(new InputPlan(input.Name, type));
            _visible[input.Name] = new ValueRef(null, 0, type, input.Name);
        }
        return valid;
    }

    /// <summary>TorchSharp's generic modules take up to six inputs.</summary>
    private const int MaxInputs = 6;

    private bool CheckInputShape(InputSpec input)
    {
        string what = _spec.Inputs.Count == 1 ? "The input shape" : "The shape of input '" + input.Name + "'";
        if (input.Shape.Count is not (1 or 2 or 3))
        {
            Report(DiagnosticDescriptors.WrongValueCount, input.Location, what, _spec.ClassName,
                "3 values (channels, height, width), 2 (steps, features) or 1 (features)", Invariant.ValueCount(input.Shape.Count));
            return false;
        }
        if (input.Shape.Any(d => d < 1))
        {
            string of = _spec.Inputs.Count == 1 ? "The input of '" + _spec.ClassName + "'" : "Input '" + input.Name + "' of '" + _spec.ClassName + "'";
            Report(DiagnosticDescriptors.OutputBelowOne, input.Location, of, Invariant.SampleShape(input.Shape), string.Empty);
            return false;
        }
        if (Limits.Elements(input.Shape) is null)
        {
            string of = _spec.Inputs.Count == 1 ? "The input " : "Input '" + input.Name + "' ";
            Report(DiagnosticDescriptors.TooLarge, input.Location, of + Invariant.SampleShape(input.Shape) + " of '" + _spec.ClassName + "' has",
                "more values per sample than that", Invariant.Grouped(Limits.MaxCount));
            return false;
        }
        return true;
    }

    // Parameters (a block's declaration)

    private void DeclareParameter(ParameterSpec parameter)
    {
        string? problem = null;
        var type = ParameterType.Find(parameter.Type);
        if (Yaml.CSharpNames.Unusable(parameter.Name) is { } unusable)
            problem = "cannot be named so: " + unusable;
        else if (!Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(parameter.Name) || parameter.Name.StartsWith("@", StringComparison.Ordinal))
            problem = "cannot be named so: a parameter's name starts with a letter or '_' and holds only letters, digits and '_'";
        else if (UseArguments.Reserved.Contains(parameter.Name, StringComparer.Ordinal))
            problem = "has the name of a key every use takes (" + string.Join(", ", UseArguments.Reserved) + ")";
        else if (_parameters.ContainsKey(parameter.Name))
            problem = "is declared twice";
        else if (type is null)
            problem = "has the type '" + parameter.Type + "', which is not one of " + string.Join(", ", ParameterType.All.Select(t => t.Name));
        if (problem is not null)
        {
            Report(DiagnosticDescriptors.InvalidParameter, parameter.Location, parameter.Name, _spec.ClassName, problem);
            if (type is null || _parameters.ContainsKey(parameter.Name))
                return;
        }
        _parameters[parameter.Name] = (type!, null);
        if (parameter.Default is { } value)
        {
            var evaluated = EvaluateValue(value, type!, new EmptyScope());
            if (evaluated.Error is { } error)
                Report(DiagnosticDescriptors.InvalidParameter, parameter.Location, parameter.Name, _spec.ClassName, "has the default " + value + ", which " + error);
        }
    }

    // Expansion and names

    /// <summary>One entry per node, and per copy of a repeated use.</summary>
    private void Expand()
    {
        for (int i = 0; i < _spec.Nodes.Count; i++)
        {
            var node = _spec.Nodes[i];
            int copies = node is UseSpec use ? RepeatCount(use) : 1;
            if (copies < 0)
                continue;
            if (copies == 0)
            {
                // A repeat count that only the block's uses know: one entry stands for every copy.
                _entries.Add(new Entry(node, i, 0, 0) { Position = _entries.Count });
                continue;
            }
            for (int copy = 1; copy <= copies; copy++)
                _entries.Add(new Entry(node, i, copy, copies) { Position = _entries.Count });
        }
    }

    /// <summary>How many copies a use chains: at least 1; 0 when not known yet (a block parameter); -1 after reporting.</summary>
    private int RepeatCount(UseSpec use)
    {
        if (use.Repeat is not { } repeat)
            return 1;
        var evaluated = EvaluateValue(repeat, ParameterType.Integer, this);
        if (evaluated.Error is { } error)
        {
            Report(DiagnosticDescriptors.InvalidExpression, use.Location, "Repeat", UseLabel(use), repeat.ToString(), error);
            return -1;
        }
        if (evaluated.Value is not { } value)
            return 0;
        if (value.Integer < 1 || value.Integer > MaxRepeat)
        {
            Report(DiagnosticDescriptors.InvalidValue, use.Location, "Repeat", UseLabel(use), "between 1 and " + Invariant.ToText(MaxRepeat), value.Integer);
            return -1;
        }
        return (int)value.Integer;
    }

    /// <summary>More copies than any published architecture chains (DenseNet-264's largest stage has 64).</summary>
    private const int MaxRepeat = 1000;

    private static string UseLabel(UseSpec use) => use.Name ?? use.Block;

    private void AssignNames()
    {
        var counters = new Dictionary<string, int>(StringComparer.Ordinal);
        var calls = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in _entries)
        {
            string? given = entry.Spec switch
            {
                LayerSpec layer => CommonOptions.Name.Get(layer),
                UseSpec use => use.Name,
                ReuseSpec reuse => reuse.Name,
                _ => null,
            };
            if (entry.Spec is UseSpec { } used)
            {
                // Each distinct block a use names is reported once, at the first copy that uses it.
                bool firstWithIt = entry.Copy <= 1 || (entry.Copy == 2 && used.BlockOf(2) != used.BlockOf(1));
                entry.Block = ResolveBlock(used, entry.Copy, report: firstWithIt);
                // Known before the use is processed, so that its outputs stay nameable even when it fails.
                if (entry.Block is { } resolved)
                {
                    entry.OutputNames = OutputNames(resolved);
                    entry.OutputCount = Math.Max(1, entry.OutputNames.Count);
                }
            }
            if (entry.Spec is LayerSpec { } declared && LayerRegistry.Get(declared.Kind).OutputNames(declared) is { Count: > 1 } outputNames)
            {
                entry.OutputNames = outputNames;
                entry.OutputCount = outputNames.Count;
            }
            if (entry.Spec is ReuseSpec { } again && _entries.Take(entry.Position).LastOrDefault(e => e.Names.Contains(again.Target)) is { } target)
            {
                entry.OutputNames = target.OutputNames;
                entry.OutputCount = target.OutputCount;
            }
            if (given is not null)
            {
                entry.Name = entry.Copies > 1 ? NodeNames.Copy(given, entry.Copy) : given;
                if (entry.Copies > 1 && entry.Copy == entry.Copies)
                    entry.Alias = given;
                continue;
            }
            if (entry.Spec is ReuseSpec reused)
            {
                calls.TryGetValue(reused.Target, out int call);
                call = Math.Max(call, 1) + 1;
                calls[reused.Target] = call;
                entry.Name = reused.Target + "_" + Invariant.ToText(call);
                entry.Automatic = true;
                continue;
            }
            string prefix = entry.Spec switch
            {
                LayerSpec layer => LayerRegistry.Get(layer.Kind).KerasName,
                UseSpec use => NodeNames.SnakeCase(use.Block.Split('.').Last()),
                _ => "node",
            };
            counters.TryGetValue(prefix, out int n);
            counters[prefix] = ++n;
            entry.Name = prefix + "_" + Invariant.ToText(n);
            entry.Automatic = true;
        }

        var first = new Dictionary<string, Entry>(StringComparer.Ordinal);
        for (int i = 0; i < _entries.Count; i++)
        {
            var entry = _entries[i];
            foreach (var name in entry.Names)
            {
                if (NodeNames.Check(name, _spec) is { } problem)
                {
                    if (entry.Copy <= 1)
                        Report(DiagnosticDescriptors.InvalidLayerName, entry.Spec.Location, name, Invariant.ToText(entry.Index + 1), problem);
                    entry.NameValid = false;
                }
                else if (first.TryGetValue(name, out var earlier))
                {
                    Report(DiagnosticDescriptors.DuplicateLayerName, entry.Spec.Location,
                        Invariant.ToText(entry.Index + 1), name, Invariant.ToText(earlier.Index + 1),
                        earlier.Automatic ? " (its automatic name)" : entry.Automatic ? " (this layer's automatic name)" : string.Empty);
                    entry.NameValid = false;
                }
                else
                {
                    first[name] = entry;
                }
            }
        }
    }

    /// <summary>The block a use (or some of its copies) names, or null after reporting, when <paramref name="report"/>, why there is none.</summary>
    private GraphSpec? ResolveBlock(UseSpec use, int copy, bool report)
    {
        string name = use.BlockOf(copy);
        var at = use.BlockLocationOf(copy);
        var found = _session.Library.Resolve(name, _spec.Namespace);
        if (found.Count == 1)
            return found[0];
        if (!report)
            return null;
        if (found.Count > 1)
        {
            bool sameName = found.All(b => b.FullName == found[0].FullName);
            if (sameName)
                Report(DiagnosticDescriptors.DuplicateBlock, at, found[0].FullName, string.Join(", ", found.Select(b => b.Source)));
            else
                Report(DiagnosticDescriptors.AmbiguousBlock, at, name, string.Join(", ", found.Select(b => b.FullName)));
            return null;
        }
        var suggestion = NearestName.Find(name, _session.Library.Names);
        string known = _session.Library.Blocks.Count == 0
            ? "no block is declared: mark a partial class [Block], or write a YAML file whose first key is 'block:'"
            : "the blocks are " + string.Join(", ", _session.Library.Names);
        if (_spec.Source != "attributes" && name == use.Block)
        {
            // In YAML the entry's key is a layer kind or a block: suggest the nearest of either.
            var kind = NearestName.Find(name, Yaml.YamlKeys.LayerSections.Select(s => s.Name), Yaml.YamlKeys.LayerAliases);
            Report(DiagnosticDescriptors.UnknownLayerKind, at, name,
                DidYouMean(suggestion ?? kind), string.Join(", ", Yaml.YamlKeys.LayerSections.Select(s => s.Name)) + (_session.Library.Blocks.Count == 0 ? string.Empty : "; " + known));
        }
        else
        {
            _diagnostics.Add(WithSuggestion(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownBlock, at, name, DidYouMean(suggestion), known), name, suggestion));
        }
        return null;
    }

    private static string DidYouMean(string? suggestion) => suggestion is null ? string.Empty : " (did you mean '" + suggestion + "'?)";

    /// <summary>The diagnostic with its code fix's replacement, when there is a suggestion: <paramref name="wrong"/> becomes <paramref name="suggestion"/>.</summary>
    private static DiagnosticInfo WithSuggestion(DiagnosticInfo diagnostic, string wrong, string? suggestion) =>
        suggestion is null ? diagnostic : diagnostic.WithFix(FixProperties.Replace, wrong).WithFix(FixProperties.With, suggestion);

    // Nodes

    private void Process(Entry entry)
    {
        if (!entry.NameValid)
        {
            entry.Failed = true;
            Register(entry);
            return;
        }
        var inputs = ResolveInputs(entry);
        if (inputs is null)
        {
            entry.Failed = true;
        }
        else
        {
            entry.Inputs = inputs.Select(i => i.Name).ToList();
            switch (entry.Spec)
            {
                case LayerSpec layer:
                    ProcessLayer(entry, layer, inputs);
                    break;
                case UseSpec use:
                    ProcessUse(entry, use, inputs);
                    break;
                case ReuseSpec reuse:
                    ProcessReuse(entry, reuse, inputs);
                    break;
            }
        }
        Register(entry);
    }

    /// <summary>Makes the entry's outputs visible to the nodes after it.</summary>
    private void Register(Entry entry)
    {
        var outputs = entry.OutputNames;
        for (int k = 0; k < entry.OutputCount; k++)
        {
            TensorType? type = entry.Plan is { } plan && k < plan.Outputs.Count ? plan.Outputs[k] : null;
            var value = new ValueRef(entry, k, type, entry.OutputCount == 1 ? entry.Name : entry.Name + "." + outputs[k]);
            if (entry.OutputCount == 1)
            {
                _visible[entry.Name] = value;
                if (entry.Alias is { } alias)
                    _visible[alias] = value;
            }
            else
            {
                _visible[entry.Name + "." + outputs[k]] = value;
                if (entry.Alias is { } alias)
                    _visible[alias + "." + outputs[k]] = value;
            }
        }
        if (entry.OutputCount > 1)
        {
            _visible[entry.Name] = new ValueRef(entry, -1, null, entry.Name);
            if (entry.Alias is { } alias)
                _visible[alias] = new ValueRef(entry, -1, null, alias);
        }
    }

    /// <summary>
    /// The values a node takes: those it names (From, a merge's or a block's inputs), or the previous node's output.
    /// Null after reporting a reference that does not resolve, or silently when a producer failed.
    /// </summary>
    private List<ValueRef>? ResolveInputs(Entry entry)
    {
        IReadOnlyList<string> references = entry.Spec switch
        {
            LayerSpec layer => LayerRegistry.Get(layer.Kind).ReferencedInputs(layer),
            UseSpec use when entry.Copy > 1 => Array.Empty<string>(),
            UseSpec use => use.Inputs.Count > 0 ? use.Inputs : use.From is { } from ? new[] { from } : Array.Empty<string>(),
            ReuseSpec reuse => reuse.Inputs.Count > 0 ? reuse.Inputs : reuse.From is { } from ? new[] { from } : Array.Empty<string>(),
            _ => Array.Empty<string>(),
        };
        bool isMerge = entry.Spec is LayerSpec { } merge && LayerRegistry.Get(merge.Kind).IsMerge;
        var extras = entry.Spec is LayerSpec extra ? LayerRegistry.Get(extra.Kind).ExtraInputs(extra) : EquatableArray<string>.Empty;
        var resolved = new List<ValueRef>();
        if (references.Count == 0 && !isMerge)
        {
            if (Previous(entry) is not { } previous)
                return null;
            if (extras.Count == 0)
                return new List<ValueRef> { previous };
            resolved.Add(previous);
        }

        bool complete = true;
        foreach (var reference in references.Concat(extras))
        {
            if (_visible.TryGetValue(reference, out var value) && value.Output >= 0)
            {
                resolved.Add(value);
                if (value.Producer is { Failed: true })
                    complete = false;
                continue;
            }
            complete = false;
            if (value is { Output: < 0 } multiple)
            {
                var names = multiple.Producer!.OutputNames.Select(o => reference + "." + o);
                Report(DiagnosticDescriptors.SeveralOutputs, entry.Spec.Location, entry.Name, "takes", reference, string.Join(", ", names), "name the one it takes");
                continue;
            }
            if (_mode == Mode.Declaration && _entries.Any(e => e.Copies == 0 && IsCopyName(reference, e)))
                continue;
            ReportReference(entry, reference);
        }
        return complete ? resolved : null;
    }

    private static bool IsCopyName(string reference, Entry entry)
    {
        string? given = (entry.Spec as UseSpec)?.Name;
        return given is not null && reference.StartsWith(given + "_block", StringComparison.Ordinal);
    }

    /// <summary>The previous node's output, or the graph's only input for the first node.</summary>
    private ValueRef? Previous(Entry entry)
    {
        int index = entry.Position;
        if (index == 0)
        {
            if (_spec.Inputs.Count == 1)
                return _visible[_spec.Inputs[0].Name];
            Report(DiagnosticDescriptors.InvalidInput, entry.Spec.Location, "Layer '" + entry.Name + "'", _spec.ClassName,
                "takes the previous layer's output, but it comes first and the " + (_spec.IsBlock ? "block" : "model") + " has "
                + Invariant.ToText(_spec.Inputs.Count) + " inputs; name the one it takes with From (" + string.Join(", ", _spec.Inputs.Select(i => "'" + i.Name + "'")) + ")");
            return null;
        }
        var previous = _entries[index - 1];
        if (previous.Failed || !_visible.TryGetValue(previous.Name, out var value))
            return null;
        if (value.Output < 0)
        {
            // Copies of a repeated use chain one into the next, which needs a block of one output: said once, at the use.
            if (entry.Spec is UseSpec && entry.Index == previous.Index)
            {
                if (entry.Copy == 2)
                    Report(DiagnosticDescriptors.SeveralOutputs, entry.Spec.Location, entry.Name, "would take the output of", previous.Name,
                        string.Join(", ", previous.OutputNames.Select(o => previous.Name + "." + o)), "repeat chains copies, one into the next, which needs a block with one output");
                return null;
            }
            Report(DiagnosticDescriptors.SeveralOutputs, entry.Spec.Location, entry.Name, "takes the previous layer,", previous.Name,
                string.Join(", ", previous.OutputNames.Select(o => previous.Name + "." + o)), "name the one it takes with From");
            return null;
        }
        return value;
    }

    private void ReportReference(Entry consumer, string reference)
    {
        var location = consumer.Spec.Location;
        int self = consumer.Position;
        var later = _entries.Skip(self).FirstOrDefault(e => e.Names.Contains(reference));
        if (later == consumer || (later is not null && later.Index == consumer.Index))
        {
            Report(DiagnosticDescriptors.ForwardLayerReference, location, consumer.Name, reference, "is the layer itself");
        }
        else if (later is not null)
        {
            Report(DiagnosticDescriptors.ForwardLayerReference, location, consumer.Name, reference,
                "is declared after it (layer " + Invariant.ToText(later.Index + 1) + ")");
        }
        else
        {
            var candidates = _spec.Inputs.Select(i => i.Name).Concat(_entries.Take(self).SelectMany(e => e.Names));
            var suggestion = NearestName.Find(reference, candidates);
            _diagnostics.Add(WithSuggestion(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownLayerReference, location, consumer.Name, reference, Role,
                suggestion is null ? string.Empty : " (did you mean '" + suggestion + "'?)"), reference, suggestion));
        }
    }

    // Outputs and warnings

    private List<OutputPlan>? Outputs()
    {
        var outputs = new List<OutputPlan>();
        bool complete = true;
        if (_spec.Outputs.Count == 0)
        {
            var last = _entries[_entries.Count - 1];
            if (last.Failed || last.Plan is null)
                return KnowsShapes ? null : outputs;
            for (int k = 0; k < last.Plan.Outputs.Count; k++)
            {
                string value = last.OutputCount == 1 ? last.Name : last.Name + "." + last.OutputNames[k];
                outputs.Add(new OutputPlan(value.Replace('.', '_'), value, last.Plan.Outputs[k]));
            }
            return outputs;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var output in _spec.Outputs)
        {
            if (!_visible.TryGetValue(output.Value, out var value) || value.Output < 0)
            {
                var suggestion = NearestName.Find(output.Value, _visible.Keys.Where(k => !_spec.Inputs.Any(i => i.Name == k)));
                if (value is { Output: < 0 })
                {
                    Report(DiagnosticDescriptors.SeveralOutputs, output.Location, _spec.ClassName, "has as an output", output.Value,
                        string.Join(", ", value.Producer!.OutputNames.Select(o => output.Value + "." + o)), "name each output it means");
                }
                else
                {
                    _diagnostics.Add(WithSuggestion(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownOutput, output.Location, output.Value, _spec.ClassName,
                        suggestion is null ? string.Empty : " (did you mean '" + suggestion + "'?)"), output.Value, suggestion));
                }
                complete = false;
                continue;
            }
            if (!seen.Add(value.Name))
            {
                Report(DiagnosticDescriptors.UnknownOutput, output.Location, output.Value, _spec.ClassName, " twice: it is already an output");
                complete = false;
                continue;
            }
            if (value.Producer is null)
            {
                Report(DiagnosticDescriptors.UnknownOutput, output.Location, output.Value, _spec.ClassName, " but an input; an output is a layer's");
                complete = false;
                continue;
            }
            if (value.Type is { } type)
                outputs.Add(new OutputPlan(value.Name.Replace('.', '_'), value.Name, type));
            else
                complete = false;
        }
        return complete || !KnowsShapes ? outputs : null;
    }

    /// <summary>Dead branches, unused inputs and a softmax inside the graph: only once the graph is sound.</summary>
    private void Warnings(IReadOnlyList<OutputPlan> outputs)
    {
        if (_mode == Mode.Instance || _diagnostics.Any(d => d.IsError))
            return;
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var weightsUsed = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(_spec.Outputs.Count == 0 ? new[] { _entries[_entries.Count - 1].Name } : _spec.Outputs.Select(o => o.Value));
        while (pending.Count > 0)
        {
            string name = pending.Pop();
            if (!_visible.TryGetValue(name, out var value) || !reached.Add(value.Producer?.Name ?? name))
                continue;
            if (value.Producer is { } producer)
            {
                foreach (var input in producer.Inputs)
                    pending.Push(input);
                if (producer.Target is { } target)
                    weightsUsed.Add(target);
            }
        }
        string outputText = _spec.Outputs.Count == 0 ? "its output is its last layer, '" + _entries[_entries.Count - 1].Name + "'" : "its outputs are " + string.Join(", ", _spec.Outputs.Select(o => "'" + o.Value + "'"));
        foreach (var entry in _entries.Take(_entries.Count - 1))
        {
            if (!reached.Contains(entry.Name) && !weightsUsed.Contains(entry.Name))
                Report(DiagnosticDescriptors.DeadBranch, entry.Spec.Location, entry.Name, _spec.IsBlock ? "block" : "model", outputText);
        }
        foreach (var input in _spec.Inputs)
        {
            if (_spec.Inputs.Count > 1 && !reached.Contains(input.Name))
                Report(DiagnosticDescriptors.DeadInput, input.Location, input.Name, _spec.ClassName);
        }
        var outputNames = new HashSet<string>(outputs.Select(o => o.Value), StringComparer.Ordinal);
        // The softmax can move to the output when there is one, a layer of this graph whose activation is an option left at none.
        var output = outputs.Count == 1 ? _entries.LastOrDefault(e => e.Name == outputs[0].Value || e.Alias == outputs[0].Value)?.Spec as LayerSpec : null;
        bool outputTakesIt = output is not null && output.Definition.SlotOf(CommonOptions.Activation) >= 0 && output.Definition.ActivationOf(output) == Activation.None;
        foreach (var entry in _entries)
        {
            if (entry.Spec is LayerSpec layer && !outputNames.Contains(entry.Name) && LayerRegistry.Get(layer.Kind).ActivationOf(layer) is var activation && Activations.IsSoftmax(activation))
            {
                var diagnostic = DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxNotLast, layer.Location, entry.Name, activation.ToString());
                _diagnostics.Add(outputTakesIt && layer.ValueOf(CommonOptions.Activation) is not null
                    ? diagnostic.WithFix(FixProperties.MoveSoftmax, activation.ToString()) with { AdditionalLocations = EquatableArray.Of(output!.Location) }
                    : diagnostic);
            }
        }
    }

    /// <summary>
    /// Reports, at the node where it happens, a graph total (parameters, mult-adds, values kept per sample) passing
    /// <see cref="Limits.MaxCount"/>: every node may fit while their sum does not.
    /// </summary>
    private bool CheckTotals()
    {
        long parameters = 0, multAdds = 0, activations = 0;
        foreach (var entry in _entries)
        {
            if (entry.Plan is not { } plan)
                continue;
            parameters += plan.Parameters;
            multAdds += plan.MultAdds;
            activations += plan.ActivationValues;
            if (Limits.FirstTooLarge(new[] { ("parameters", parameters), ("mult-adds per sample", multAdds), ("values per sample in its layers' outputs", activations) }) is { } total)
            {
                Report(DiagnosticDescriptors.TooLarge, entry.Spec.Location, Role.Substring(0, 1).ToUpperInvariant() + Role.Substring(1) + " '" + _spec.ClassName + "' has",
                    Invariant.Grouped(total.Value) + " " + total.Figure + " up to '" + entry.Name + "'", Invariant.Grouped(Limits.MaxCount));
                return false;
            }
        }
        return true;
    }

    /// <summary>Bytes a value takes: parameters and layer outputs are float32 today.</summary>
    private const long BytesPerValue = 4;

    /// <summary>
    /// The model's budget (its own, or the project's): each limit passed is an error at the budget (or at the model for
    /// the project's), with the figure, the limit and the three layers or block uses that contribute most.
    /// </summary>
    private void CheckBudget()
    {
        if (_spec.Budget is not { } budget || _diagnostics.Any(d => d.IsError))
            return;
        var location = budget.Location.IsNone ? _spec.Location : budget.Location;
        var nodes = _entries.Where(e => e.Plan is not null).Select(e => e.Plan!).ToList();
        var limits = new (long? Limit, string Figure, Func<NodePlan, long> Of)[]
        {
            (budget.MaxParameters, "parameters", n => n.Parameters),
            (budget.MaxMultAdds, "mult-adds per sample", n => n.MultAdds),
            (budget.MaxActivationBytes, "bytes of layer outputs per sample (float32)", n => n.ActivationValues * BytesPerValue),
            (budget.MaxParameterBytes, "bytes of parameters (float32)", n => n.Parameters * BytesPerValue),
        };
        foreach (var (limit, figure, of) in limits)
        {
            if (limit is not long max || max == 0)
                continue;
            if (max < 0)
            {
                Report(DiagnosticDescriptors.InvalidValue, location, "The budget's limit on " + figure, _spec.ClassName, "at least 0 (0 for no limit)", Invariant.Grouped(max));
                continue;
            }
            long total = nodes.Sum(of);
            if (total <= max)
                continue;
            var most = nodes.Where(n => of(n) > 0).OrderByDescending(of).Take(3)
                .Select(n => "'" + n.Name + "' (" + n.TypeName + ", " + Invariant.Grouped(of(n)) + ")");
            Report(DiagnosticDescriptors.OverBudget, location, _spec.ClassName, Invariant.Grouped(total), figure, Invariant.Grouped(max), budget.Origin, string.Join(", ", most));
        }
    }

    private void CheckExpectedParameters()
    {
        if (_spec.ExpectedParameters is < 0 and long negative)
        {
            Report(DiagnosticDescriptors.InvalidValue, _spec.ExpectedParametersLocation, "The expected parameter count", _spec.ClassName, "at least 0", Invariant.Grouped(negative));
            return;
        }
        if (_diagnostics.Any(d => d.IsError) || _spec.ExpectedParameters is not long expected)
            return;
        long actual = _entries.Where(e => e.Plan is not null).Sum(e => e.Plan!.Parameters);
        if (actual != expected)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ParameterCountMismatch, _spec.ExpectedParametersLocation, _spec.ClassName,
                Invariant.Grouped(actual), Invariant.Grouped(expected), (actual - expected).ToString("+#,0;-#,0", System.Globalization.CultureInfo.InvariantCulture))
                .WithFix(FixProperties.Count, Invariant.ToText(actual)));
        }
    }

    // Expressions

    bool IExpressionScope.TryGetParameter(string name, out ParameterType type, out Value? value)
    {
        if (_parameters.TryGetValue(name, out var parameter))
        {
            type = parameter.Type;
            value = parameter.Value;
            return true;
        }
        type = ParameterType.Integer;
        value = null;
        return false;
    }

    IEnumerable<string> IExpressionScope.ParameterNames => _parameters.Keys;

    bool IExpressionScope.TryGetShape(string value, out IReadOnlyList<int>? shape)
    {
        shape = null;
        if (!_visible.TryGetValue(value, out var found) || found.Output < 0)
            return false;
        if (found.Type is { } type)
            shape = type.Shape;
        return true;
    }

    /// <summary>
    /// Evaluates a value written as expressions: one item for a scalar type; for a list (a window, say), the caller
    /// evaluates item by item. Errors come back as text for the caller's diagnostic.
    /// </summary>
    private static Evaluation EvaluateValue(ExpressionValue value, ParameterType expected, IExpressionScope scope)
    {
        if (value.IsList || value.Items.Count != 1)
            return new Evaluation(null, null, "must be a single value, not a list", 0, 0);
        return Expect(ExpressionEvaluator.Evaluate(value.Items[0], expected, scope), expected);
    }

    /// <summary>The evaluation as <paramref name="expected"/>: an integer widened to a float; another type an error.</summary>
    private static Evaluation Expect(Evaluation evaluation, ParameterType expected)
    {
        if (evaluation.Failed)
            return evaluation;
        if (!expected.Accepts(evaluation.Type!))
        {
            string hint = expected == ParameterType.Integer && evaluation.Type == ParameterType.Number ? " (int(…) truncates a number)" : string.Empty;
            return new Evaluation(null, null, "gives a " + evaluation.Type!.Name + " where " + Article(expected) + " is needed" + hint, 0, 0);
        }
        return evaluation.Value is { } v ? Evaluation.Of(v.As(expected)!.Value) : Evaluation.Typed(expected);
    }

    private static string Article(ParameterType type) => (type.Name[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an " : "a ") + type.Name;

    private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, SourceLocation location, params object?[] arguments) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));

    /// <summary>A scope with no parameters and no values, for constants (a parameter's default).</summary>
    private sealed class EmptyScope : IExpressionScope
    {
        public bool TryGetParameter(string name, out ParameterType type, out Value? value)
        {
            type = ParameterType.Integer;
            value = null;
            return false;
        }

        public IEnumerable<string> ParameterNames => Array.Empty<string>();

        public bool TryGetShape(string value, out IReadOnlyList<int>? shape)
        {
            shape = null;
            return false;
        }
    }

    /// <summary>One node of the graph as processed: a declared node, or one copy of a repeated use.</summary>
    private sealed class Entry
    {
        public Entry(NodeSpec spec, int index, int copy, int copies)
        {
            Spec = spec;
            Index = index;
            Copy = copy;
            Copies = copies;
        }

        public NodeSpec Spec { get; }

        /// <summary>The declared node's position among the graph's nodes.</summary>
        public int Index { get; }

        /// <summary>The entry's position among the entries.</summary>
        public int Position { get; init; }

        /// <summary>Which copy of a repeated use, from 1; 0 when the count is not known yet.</summary>
        public int Copy { get; }

        public int Copies { get; }

        public string Name { get; set; } = string.Empty;

        /// <summary>The use's own name, for the last copy of a repeated use: it names that copy's output.</summary>
        public string? Alias { get; set; }

        public bool Automatic { get; set; }

        public bool NameValid { get; set; } = true;

        public bool Failed { get; set; }

        /// <summary>The block a use resolved to.</summary>
        public GraphSpec? Block { get; set; }

        /// <summary>The node a reuse calls again, once resolved.</summary>
        public string? Target { get; set; }

        public NodePlan? Plan { get; set; }

        /// <summary>The values it takes, by name, once resolved (for reachability).</summary>
        public IReadOnlyList<string> Inputs { get; set; } = Array.Empty<string>();

        /// <summary>How many outputs it has: 1, or a block's outputs.</summary>
        public int OutputCount { get; set; } = 1;

        /// <summary>The block's output names, for a use of a block with several.</summary>
        public IReadOnlyList<string> OutputNames { get; set; } = Array.Empty<string>();

        /// <summary>Every name that refers to it.</summary>
        public IEnumerable<string> Names => Alias is null ? new[] { Name } : new[] { Name, Alias };
    }

    /// <summary>A value a reference can name: a graph input (no producer) or one output of an entry; Output −1 for "several".</summary>
    private sealed record ValueRef(Entry? Producer, int Output, TensorType? Type, string Name);
}
