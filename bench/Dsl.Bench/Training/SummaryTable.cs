using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Dsl.Bench.Training;

/// <summary>The summary as a plain-text table (medians, with min–max over the rounds in parentheses).</summary>
internal static class SummaryTable
{
    private static readonly string[] Headers =
        ["model", "side", "train img/s", "eval img/s", "s/epoch", "epoch ÷ PyTorch", "epoch ÷ dsl", "peak MB", "eval acc"];

    public static string Format(IReadOnlyList<SummaryRow> rows)
    {
        var cells = rows.Select(row => new[]
        {
            row.Model,
            row.Variant + (row.Precision == "bfloat16" ? " (bf16)" : ""),
            row.TrainImagesPerSecond?.Format("N0") ?? "failed",
            row.EvalImagesPerSecond?.Format("N0") ?? "",
            row.EpochSeconds?.Format("F2") ?? "",
            row.RatioToPyTorch?.Epoch.Format("F2") ?? "",
            row.RatioToDsl?.Epoch.Format("F2") ?? "",
            row.PeakRssMb?.Format("N0") ?? "",
            row.FinalEvalAccuracy?.Format("F4") ?? "",
        }).ToList();
        var widths = Headers.Select((h, i) => cells.Select(c => c[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        Line(Headers);
        text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in cells)
            Line(row);
        text.Append(CultureInfo.InvariantCulture, $"Ratios are this row's seconds over the reference's in the same round, median (min–max): below 1, this row is faster than PyTorch / than the shipped dsl. A variant that switches a shipped lever off shows that lever's gain above 1; one that switches a new lever on (channels-last, bf16, one inter-op thread) shows its gain below 1.");
        return text.ToString();

        void Line(string[] values) =>
            text.AppendLine(string.Join("  ", values.Select((v, i) => i < 2 ? v.PadRight(widths[i]) : v.PadLeft(widths[i]))).TrimEnd());
    }
}
