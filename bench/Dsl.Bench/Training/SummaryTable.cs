using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Dsl.Bench.Common;
using Dsl.Bench.Limit;

namespace Dsl.Bench.Training;

/// <summary>The summary as plain-text tables (medians, with min–max over the rounds in parentheses).</summary>
internal static class SummaryTable
{
    private static readonly string[] Headers =
        ["model", "side", "train img/s", "eval img/s", "s/epoch", "epoch ÷ dsl", "train GFLOP/s", "eval GFLOP/s", "peak MB", "eval acc"];

    private static readonly string[] PeerHeaders =
        ["model", "side", "peer", "train img/s ×", "eval img/s ×", "s/epoch ÷"];

    /// <summary>One row per model and side: its rates, its GFLOP/s with the share of the fp32 matmul peak, memory, accuracy.</summary>
    public static string Format(IReadOnlyList<SummaryRow> rows, ProbeResult? probe)
    {
        var cells = rows.Select(row => new[]
        {
            row.Model,
            row.Variant + (row.Precision == "bfloat16" ? " (bf16)" : ""),
            row.TrainImagesPerSecond?.Format("N0") ?? (row.Runs == 0 ? "no result" : "failed"),
            row.EvalImagesPerSecond?.Format("N0") ?? "",
            row.EpochSeconds?.Format("F2") ?? "",
            row.RatioToDsl?.EpochSeconds.Format("F2") ?? "",
            Gflops(row.Achieved?.TrainGflops, row.Achieved?.TrainShareOfMatmulPeak),
            Gflops(row.Achieved?.EvalGflops, row.Achieved?.EvalShareOfMatmulPeak),
            row.PeakRssMb?.Format("N0") ?? "",
            row.FinalEvalAccuracy?.Format("F4") ?? "",
        }).ToList();
        var text = Table(Headers, cells, leftColumns: 2);
        text.Append("GFLOP/s from the compile-time mult-adds (2 FLOPs each; a training image 3 forward passes), median over the rounds");
        text.Append(probe is null
            ? "; no probe, so no share of the peak."
            : string.Create(CultureInfo.InvariantCulture, $", with its share of this run's fp32 matmul peak ({probe.MatmulPeakGflops:F1} GFLOP/s) in parentheses."));
        text.Append(" `epoch ÷ dsl`: a lever variant's seconds over the shipped dsl's in the same round: a variant that switches a shipped lever off shows that lever's gain above 1; one that switches a new lever on (bf16, one inter-op thread) shows its gain below 1.");
        return text.ToString();
    }

    /// <summary>One row per model, side and peer: the three ratios, each taken within a round, median (min–max).</summary>
    public static string FormatPeerRatios(IReadOnlyList<SummaryRow> rows)
    {
        var cells = rows.SelectMany(row => row.RatiosToPeers.Select(pair => new[]
        {
            row.Model,
            row.Variant + (row.Precision == "bfloat16" ? " (bf16)" : ""),
            pair.Key,
            pair.Value.TrainSpeed.Format("F2"),
            pair.Value.EvalSpeed.Format("F2"),
            pair.Value.EpochSeconds.Format("F2"),
        })).ToList();
        var text = Table(PeerHeaders, cells, leftColumns: 3);
        text.Append("Each side against each peer in the same round, median (min–max) over the rounds: images/s as side over peer (above 1, the side is faster), epoch seconds (training + evaluation) as side over peer (below 1, the side is faster).");
        return text.ToString();
    }

    private static string Gflops(Spread? gflops, Spread? share) =>
        gflops is null ? "" : share is null
            ? gflops.Median.ToString("F1", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{gflops.Median:F1} ({Spread.Percent(share.Median)})");

    private static StringBuilder Table(string[] headers, List<string[]> cells, int leftColumns)
    {
        var widths = headers.Select((h, i) => cells.Select(c => c[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        Line(headers);
        text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in cells)
            Line(row);
        return text;

        void Line(string[] values) =>
            text.AppendLine(string.Join("  ", values.Select((v, i) => i < leftColumns ? v.PadRight(widths[i]) : v.PadLeft(widths[i]))).TrimEnd());
    }
}
