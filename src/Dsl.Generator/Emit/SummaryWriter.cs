using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Dsl.Generator.Shapes;

namespace Dsl.Generator.Emit;

/// <summary>
/// Writes the Keras-style <c>model.summary()</c> table (Layer (type) | Output Shape | Param #) with torchinfo's
/// extras: a Mult-Adds column and a footer with mult-adds and memory per sample. Everything comes from the
/// compile-time analysis; nothing is run.
/// </summary>
internal static class SummaryWriter
{
    private static readonly string[] Headers = { "Layer (type)", "Output Shape", "Param #", "Mult-Adds" };

    public static string Write(ModelAnalysis model)
    {
        var rows = model.Layers
            .Select(l => new[]
            {
                l.Name + " (" + l.TypeName + ")",
                Invariant.Shape(l.OutputShape),
                l.Parameters.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Invariant.Grouped(l.MultAdds),
            })
            .ToList();

        var widths = new int[Headers.Length];
        for (int c = 0; c < widths.Length; c++)
            widths[c] = Math.Max(Headers[c].Length, rows.Count == 0 ? 0 : rows.Max(r => r[c].Length)) + 3;
        widths[0] = Math.Max(widths[0], 32);
        widths[1] = Math.Max(widths[1], 22);
        int width = widths.Sum();

        var text = new StringBuilder();
        text.Append("Model: \"").Append(model.Spec.ClassName).Append("\"\n");
        text.Append('_', width).Append('\n');
        Row(text, Headers, widths);
        text.Append('=', width).Append('\n');
        for (int i = 0; i < rows.Count; i++)
        {
            Row(text, rows[i], widths);
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
