using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Model;

namespace Dsl.Generator.Emit;

/// <summary>
/// The C# names a straight-line walk over a graph's nodes uses (<c>forward</c>, <c>ExportOnnx</c>, a block's methods):
/// one running value for the chain (<c>x</c>), a named local for each output that a node other than the next one takes
/// again (a shortcut, a branch point, an output read at the end), and an array local for each node with several
/// outputs. Every name steers clear of the fields, the class's generated members and the method's parameters. A
/// sequential graph needs no locals at all.
/// </summary>
internal sealed class ValueNames
{
    private readonly GraphPlan _graph;
    private readonly Dictionary<string, int> _index = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, string> _inputs = new(System.StringComparer.Ordinal);
    private readonly HashSet<string> _taken;
    private readonly string?[] _locals;

    /// <param name="graph">The graph, nodes in declaration order.</param>
    /// <param name="inputs">The expression for each of the graph's inputs (the method's parameters), in order.</param>
    /// <param name="taken">Names no local may take: fields, members, parameters.</param>
    /// <param name="reserved">Further locals the method declares, reserved (in this order) before the chain's.</param>
    public ValueNames(GraphPlan graph, IReadOnlyList<string> inputs, IEnumerable<string> taken, params string[] reserved)
    {
        _graph = graph;
        var nodes = graph.Nodes;
        for (int i = 0; i < nodes.Count; i++)
            _index[nodes[i].Name] = i;
        for (int i = 0; i < graph.Inputs.Count; i++)
            _inputs[graph.Inputs[i].Name] = inputs[i];
        _taken = new HashSet<string>(nodes.Select(n => n.Name).Concat(graph.Inputs.Select(i => i.Name)).Concat(inputs).Concat(taken));
        Reserved = reserved.Select(Unique).ToList();
        Chain = Unique("x");
        _locals = new string?[nodes.Count];
        for (int k = 0; k <= nodes.Count; k++)
        {
            var consumed = k < nodes.Count ? nodes[k].Inputs : graph.Outputs.Select(o => o.Value).ToEquatableArray();
            foreach (var value in consumed)
            {
                if (Producer(value) is not { } producer)
                    continue;
                var node = nodes[producer.Node];
                if (_locals[producer.Node] is null && (node.Outputs.Count > 1 || producer.Node != k - 1))
                    _locals[producer.Node] = Unique(node.Name + "_out");
            }
        }
        for (int k = 0; k < nodes.Count; k++)
        {
            if (nodes[k].Outputs.Count > 1 && _locals[k] is null)
                _locals[k] = Unique(nodes[k].Name + "_out");
        }
        StartsFromInput = graph.Inputs.Count == 1 && nodes.Count > 0 && nodes[0].Inputs.Count > 0 && nodes[0].Inputs[0] == graph.Inputs[0].Name;
    }

    /// <summary>The names given to <c>reserved</c>, made unique.</summary>
    public IReadOnlyList<string> Reserved { get; }

    /// <summary>The running value: the single output of the node computed last.</summary>
    public string Chain { get; }

    /// <summary>Whether the chain starts as the graph's only input (<c>var x = input;</c>), which the first node reads.</summary>
    public bool StartsFromInput { get; }

    /// <summary>The expression of the graph's first input (the method's parameter).</summary>
    public string FirstInput => _inputs[_graph.Inputs[0].Name];

    /// <summary>The expressions for node <paramref name="consumer"/>'s inputs.</summary>
    public IReadOnlyList<string> InputsOf(int consumer) => _graph.Nodes[consumer].Inputs.Select(v => Value(v, consumer)).ToList();

    /// <summary>The expression for a graph output, read after the last node.</summary>
    public string OutputValue(OutputPlan output) => Value(output.Value, _graph.Nodes.Count);

    /// <summary>The local that keeps node <paramref name="node"/>'s output (an array for several outputs), or null where the chain suffices.</summary>
    public string? LocalAfter(int node) => _locals[node];

    /// <summary>Whether node <paramref name="node"/> returns several values (its call's result goes into an array local).</summary>
    public bool HasSeveralOutputs(int node) => _graph.Nodes[node].Outputs.Count > 1;

    /// <summary>Whether any node other than <paramref name="node"/>'s successor, or the end, reads its output.</summary>
    public bool IsReadLater(int node) => _locals[node] is not null;

    /// <summary>A name of the method's own, unique among everything above.</summary>
    public string Unique(string name)
    {
        string candidate = name;
        for (int n = 2; _taken.Contains(candidate); n++)
            candidate = name + "_" + Invariant.ToText(n);
        _taken.Add(candidate);
        return candidate;
    }

    private string Value(string value, int consumer)
    {
        if (_inputs.TryGetValue(value, out var input))
            return consumer == 0 && StartsFromInput ? Chain : input;
        var producer = Producer(value)!.Value;
        if (_graph.Nodes[producer.Node].Outputs.Count > 1)
            return _locals[producer.Node] + "[" + Invariant.ToText(producer.Output) + "]";
        return producer.Node == consumer - 1 ? Chain : _locals[producer.Node]!;
    }

    /// <summary>The node (and which of its outputs) a value names; null for a graph input.</summary>
    private (int Node, int Output)? Producer(string value)
    {
        if (_inputs.ContainsKey(value))
            return null;
        if (_index.TryGetValue(value, out int node))
            return (node, 0);
        int dot = value.IndexOf('.');
        node = _index[value.Substring(0, dot)];
        return (node, OutputIndex(_graph.Nodes[node], value.Substring(dot + 1)));
    }

    /// <summary>Which output of a block use <c>use.name</c> names: the block's outputs in its order, by name.</summary>
    private static int OutputIndex(NodePlan node, string name)
    {
        for (int i = 0; i < node.OutputNames.Count; i++)
        {
            if (node.OutputNames[i] == name)
                return i;
        }
        return 0;
    }
}
