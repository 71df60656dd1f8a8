using System.Collections.Generic;
using System.Linq;
using System.Text;
using Dsl.Generator.Analysis;

namespace Dsl.Generator.Emit;

/// <summary>
/// Writes a model's architecture as a Mermaid flowchart, the text inside a <c>```mermaid</c> block that common Markdown
/// viewers render: one box per layer (name, type, output shape), an arrow from each producer to each layer that takes
/// its output, so a graph model shows its branches and merges. A block use is a subgraph holding the block's layers;
/// a layer applied again has one box with an arrow per call. Computed at compile time; no Graphviz.
/// </summary>
internal static class DiagramWriter
{
    public static string Write(ModelAnalysis model)
    {
        var text = new StringBuilder("flowchart TD\n");
        var graph = model.Graph;
        // Node ids are positions (n0 is the input), not layer names: a layer may be called "end" or "graph", which
        // Mermaid reads as keywords.
        var ids = new Dictionary<string, string>(System.StringComparer.Ordinal);
        for (int i = 0; i < graph.Inputs.Count; i++)
        {
            string id = "n" + (i == 0 ? "0" : "0_" + Invariant.ToText(i));
            ids[graph.Inputs[i].Name] = id;
            text.Append("    ").Append(id).Append("[/\"").Append(Escape(graph.Inputs[i].Name)).Append("<br/>").Append(Invariant.Shape(graph.Inputs[i].Type.Shape)).Append("\"/]\n");
        }
        var edges = new StringBuilder();
        Graph(text, edges, graph, ids, "n", "    ");
        return text.Append(edges).ToString();
    }

    /// <summary>
    /// The boxes of <paramref name="graph"/> (inside a subgraph for a block use) and, into <paramref name="edges"/>, its
    /// arrows; <paramref name="ids"/> maps the graph's inputs to the boxes that produce them. Returns the box that
    /// produces each of the graph's values.
    /// </summary>
    private static Dictionary<string, string> Graph(StringBuilder text, StringBuilder edges, GraphPlan graph, Dictionary<string, string> ids, string prefix, string indent)
    {
        var outputs = new Dictionary<string, string>(ids, System.StringComparer.Ordinal);
        for (int i = 0; i < graph.Nodes.Count; i++)
        {
            var node = graph.Nodes[i];
            string id = prefix + Invariant.ToText(i + 1);
            var producers = node.Inputs.Select(v => Producer(outputs, v)).Where(p => p is not null).Select(p => p!).Distinct().ToList();
            switch (node)
            {
                case BlockUsePlan use:
                {
                    text.Append(indent).Append("subgraph ").Append(id).Append(" [\"").Append(Escape(node.Name)).Append(" (").Append(node.TypeName).Append(")\"]\n");
                    var inner = new Dictionary<string, string>(System.StringComparer.Ordinal);
                    for (int k = 0; k < use.Instance.Inputs.Count && k < node.Inputs.Count; k++)
                        inner[use.Instance.Inputs[k].Name] = Producer(outputs, node.Inputs[k]) ?? id;
                    var boxes = Graph(text, edges, use.Instance, inner, id + "_", indent + "    ");
                    text.Append(indent).Append("end\n");
                    // The block's outputs are its inner boxes'.
                    for (int k = 0; k < use.Instance.Outputs.Count; k++)
                        Register(outputs, node, k, Producer(boxes, use.Instance.Outputs[k].Value) ?? id);
                    continue;
                }
                case ReusePlan reuse:
                {
                    // Another call of a box drawn already: arrows into it, and its output is that box's.
                    string target = outputs.TryGetValue(reuse.Target, out var t) ? t : id;
                    foreach (var producer in producers)
                        edges.Append("    ").Append(producer).Append(" --> ").Append(target).Append('\n');
                    for (int k = 0; k < node.Outputs.Count; k++)
                        Register(outputs, node, k, target);
                    continue;
                }
            }
            var layer = (LayerPlan)node;
            text.Append(indent).Append(id).Append("[\"").Append(Escape(node.Name)).Append(" (").Append(node.TypeName).Append(")");
            if (layer.Activation != Activation.None)
                text.Append(", ").Append(Layers.Activations.KerasName(layer.Activation));
            text.Append("<br/>").Append(Invariant.Shape(node.OutputShape)).Append("\"]\n");
            foreach (var producer in producers)
                edges.Append("    ").Append(producer).Append(" --> ").Append(id).Append('\n');
            // A layer of several outputs (return_state, an unmerged Bidirectional) is one box for all of them.
            for (int k = 0; k < node.Outputs.Count; k++)
                Register(outputs, node, k, id);
        }
        return outputs;
    }

    private static void Register(Dictionary<string, string> outputs, NodePlan node, int output, string box)
    {
        if (node.Outputs.Count == 1)
            outputs[node.Name] = box;
        else
            outputs[node.Name + "." + node.OutputNames[output]] = box;
    }

    private static string? Producer(Dictionary<string, string> outputs, string value) => outputs.TryGetValue(value, out var id) ? id : null;

    /// <summary>Layer names are C# identifiers; only a keyword's '@' could need care, and Mermaid labels take it as is.</summary>
    private static string Escape(string name) => name.Replace("\"", "#quot;");
}
