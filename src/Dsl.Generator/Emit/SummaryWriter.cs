using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Dsl.Generator.Analysis;

namespace Dsl.Generator.Emit;

/// <summary>
/// Writes the Keras-style <c>model.summary()</c> table (Layer (type) | Output Shape | Param #) with torchinfo's extras: a
/// Mult-Adds column and a footer with mult-adds and memory per sample. A graph model gets Keras's functional-model form:
/// an input row per input and a "Connected to" column (<c>stem[0][0]</c>, one input per line; a layer applied again is
/// one row listing every call, its later calls' outputs named <c>encoder[1][0]</c> as Keras names them). A block use is
/// one row, "name (Block)", with its totals, as Keras shows a nested model; expanded (Keras's <c>expand_nested=True</c>),
/// the block's layers follow it, indented. Everything comes from the compile-time analysis; nothing is run.
/// </summary>
internal static class SummaryWriter
{
    private static readonly string[] Headers = { "Layer (type)", "Output Shape", "Param #", "Mult-Adds" };

    private const string ConnectedTo = "Connected to";

    private const string Indent = "  ";

    public static string Write(ModelAnalysis model, bool expand)
    {
        var graph = model.Graph;
        bool connected = !graph.IsSequential;
        var headers = connected ? Headers.Concat(new[] { ConnectedTo }).ToArray() : Headers;
        var rows = new List<string[][]>();
        if (connected)
        {
            foreach (var input in graph.Inputs)
                rows.Add(new[] { new[] { input.Name + " (InputLayer)", Invariant.Shape(input.Type.Shape), "0", "0", "-" } });
        }
        AddRows(rows, graph, connected, expand, depth: 0);

        var widths = new int[headers.Length];
        for (int c = 0; c < widths.Length; c++)
            widths[c] = Math.Max(headers[c].Length, rows.SelectMany(r => r).Select(line => line[c].Length).DefaultIfEmpty(0).Max()) + 3;
        widths[0] = Math.Max(widths[0], 32);
        widths[1] = Math.Max(widths[1], 22);
        int width = widths.Sum();

        var text = new StringBuilder();
        text.Append("Model: \"").Append(model.Spec.ClassName).Append("\"\n");
        text.Append('_', width).Append('\n');
        Row(text, headers, widths);
        text.Append('=', width).Append('\n');
        for (int i = 0; i < rows.Count; i++)
        {
            foreach (var line in rows[i])
                Row(text, line, widths);
            text.Append(i == rows.Count - 1 ? '=' : '_', width).Append('\n');
        }

        long total = model.Parameters, trainable = model.TrainableParameters;
        text.Append("Total params: ").Append(Invariant.Grouped(total)).Append('\n');
        text.Append("Trainable params: ").Append(Invariant.Grouped(trainable)).Append('\n');
        text.Append("Non-trainable params: ").Append(Invariant.Grouped(total - trainable)).Append('\n');
        text.Append('_', width).Append('\n');
        // torchinfo's footer, per sample: activations and parameters are float32 (4 bytes); inputs take their element type's
        // size. MB is 10^6 bytes as in torchinfo.
        text.Append("Total mult-adds per sample (M): ").Append(Invariant.Fixed(model.MultAdds / 1e6, 2)).Append('\n');
        text.Append("Input size per sample (MB): ").Append(Megabytes(graph.Inputs.Sum(i => i.Type.Elements * Bytes(i.Type.DType)))).Append('\n');
        text.Append("Activations size per sample (MB): ").Append(Megabytes(model.ActivationValues * 4)).Append('\n');
        text.Append("Params size (MB): ").Append(Megabytes(total * 4)).Append('\n');
        text.Append('_', width).Append('\n');
        return text.ToString();
    }

    /// <summary>A row per node that owns weights or computes (a reuse is listed with the node it calls again).</summary>
    private static void AddRows(List<string[][]> rows, GraphPlan graph, bool connected, bool expand, int depth)
    {
        string indent = string.Concat(Enumerable.Repeat(Indent, depth));
        var calls = graph.Nodes.OfType<ReusePlan>().ToLookup(r => r.Target);
        foreach (var node in graph.Nodes)
        {
            if (node is ReusePlan)
                continue;
            var shared = calls[node.Name].ToList();
            var shapes = new[] { node }.Concat(shared).Select(OutputShape).Distinct().ToList();
            var cells = new[]
            {
                indent + node.Name + " (" + node.TypeName + ")",
                shapes.Count == 1 ? shapes[0] : "multiple",
                node.Parameters.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Invariant.Grouped(node.MultAdds + shared.Sum(s => s.MultAdds)),
            };
            if (!connected)
            {
                rows.Add(new[] { cells });
            }
            else
            {
                // Keras lists each input as layer[node][tensor]: the call of the producer, and which of its outputs.
                var inputs = new[] { node }.Concat(shared).SelectMany(call => call.Inputs).Select(v => Connection(graph, v)).ToList();
                var lines = inputs.Count == 0
                    ? new[] { cells.Concat(new[] { "-" }).ToArray() }
                    : inputs.Select((input, i) => i == 0
                        ? cells.Concat(new[] { input }).ToArray()
                        : new[] { string.Empty, string.Empty, string.Empty, string.Empty, input }).ToArray();
                rows.Add(lines);
            }
            if (expand && node is BlockUsePlan use)
                AddRows(rows, use.Instance, connected, expand, depth + 1);
        }
    }

    /// <summary>Keras's <c>name[node][tensor]</c> for a value: a later call of a shared node is its node index.</summary>
    private static string Connection(GraphPlan graph, string value)
    {
        int dot = value.IndexOf('.');
        string name = dot < 0 ? value : value.Substring(0, dot);
        int output = 0;
        var producer = graph.Find(name);
        if (dot >= 0 && producer is not null)
            output = Math.Max(0, producer.OutputNames.ToList().IndexOf(value.Substring(dot + 1)));
        return producer is ReusePlan reuse
            ? reuse.Target + "[" + Invariant.ToText(reuse.Call - 1) + "][" + Invariant.ToText(output) + "]"
            : name + "[0][" + Invariant.ToText(output) + "]";
    }

    private static string OutputShape(NodePlan node) =>
        node.Outputs.Count == 1 ? Invariant.Shape(node.OutputShape) : "[" + string.Join(", ", node.Outputs.Select(o => Invariant.Shape(o.Shape))) + "]";

    private static int Bytes(DType type) => type switch
    {
        DType.Int64 => 8,
        DType.UInt8 => 1,
        _ => 4,
    };

    private static string Megabytes(long bytes) => Invariant.Fixed(bytes / 1e6, 2);

    private static void Row(StringBuilder text, IReadOnlyList<string> cells, int[] widths)
    {
        var line = new StringBuilder();
        for (int c = 0; c < cells.Count; c++)
            line.Append(cells[c].PadRight(widths[c]));
        text.Append(line.ToString().TrimEnd()).Append('\n');
    }
}
