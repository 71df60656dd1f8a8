using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Dsl.Generator.Analysis;

namespace Dsl.Generator.Emit;

/// <summary>
/// Writes the Keras-style <c>model.summary()</c> table (Layer (type) | Output Shape | Param #) with torchinfo's
/// extras: a Mult-Adds column and a footer with mult-adds and memory per sample. A graph model gets Keras's
/// functional-model form: an input row and a "Connected to" column (<c>stem[0][0]</c>, one input per line).
/// Everything comes from the compile-time analysis; nothing is run.
/// </summary>
internal static class SummaryWriter
{
    private static readonly string[] Headers = { "Layer (type)", "Output Shape", "Param #", "Mult-Adds" };

    private const string ConnectedTo = "Connected to";

    public static string Write(ModelAnalysis model)
    {
        bool graph = !model.IsSequential;
        var headers = graph ? Headers.Concat(new[] { ConnectedTo }).ToArray() : Headers;
        var rows = new List<string[][]>();
        if (graph)
            rows.Add(new[] { new[] { LayerNames.ModelInput + " (InputLayer)", Invariant.Shape(model.Spec.InputShape), "0", "0", "-" } });
        foreach (var layer in model.Layers)
        {
            var cells = new[]
            {
                layer.Name + " (" + layer.TypeName + ")",
                Invariant.Shape(layer.OutputShape),
                layer.Parameters.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Invariant.Grouped(layer.MultAdds),
            };
            if (!graph)
            {
                rows.Add(new[] { cells });
                continue;
            }
            // Keras lists each input as layer[node][tensor]; every layer here is called once, with one output.
            var lines = layer.Inputs.Select((input, i) => i == 0
                ? cells.Concat(new[] { input + "[0][0]" }).ToArray()
                : new[] { string.Empty, string.Empty, string.Empty, string.Empty, input + "[0][0]" }).ToArray();
            rows.Add(lines);
        }

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
        // torchinfo's footer, per sample: float32 values are 4 bytes; MB is 10^6 bytes as in torchinfo.
        text.Append("Total mult-adds per sample (M): ").Append(Invariant.Fixed(model.MultAdds / 1e6, 2)).Append('\n');
        text.Append("Input size per sample (MB): ").Append(Megabytes(ModelAnalysis.Elements(model.Spec.InputShape))).Append('\n');
        text.Append("Activations size per sample (MB): ").Append(Megabytes(model.ActivationValues)).Append('\n');
        text.Append("Params size (MB): ").Append(Megabytes(total)).Append('\n');
        text.Append('_', width).Append('\n');
        return text.ToString();
    }

    private static string Megabytes(long float32Values) => Invariant.Fixed(float32Values * 4 / 1e6, 2);

    private static void Row(StringBuilder text, IReadOnlyList<string> cells, int[] widths)
    {
        var line = new StringBuilder();
        for (int c = 0; c < cells.Count; c++)
            line.Append(cells[c].PadRight(widths[c]));
        text.Append(line.ToString().TrimEnd()).Append('\n');
    }
}
