using System;
using System.Collections.Generic;
using System.Linq;

namespace Dsl.Reporting;

/// <summary>
/// The seed notebook's PrettyTable comparing architectures, computed from run records: Model, #ConvLayers,
/// size of Convnets, #Maxpool, size of Maxpool, #Dropout, #Dense, Params, Test ACC, Train ACC. Rows keep the order
/// given; accuracies print with four decimals, unmeasured ones as "—".
/// </summary>
public static class ComparisonTable
{
    private static readonly (string Header, bool RightAligned)[] Columns =
    [
        ("Model", false), ("#ConvLayers", true), ("size of Convnets", false), ("#Maxpool", true), ("size of Maxpool", false),
        ("#Dropout", true), ("#Dense", true), ("Params", true), ("Test ACC", true), ("Train ACC", true),
    ];

    /// <summary>One row per record, in the order given.</summary>
    public static IReadOnlyList<ComparisonRow> Rows(IEnumerable<RunRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records.Select(r => new ComparisonRow(
            r.Model,
            ArchitectureColumns.From(r.Architecture.Layers),
            r.Architecture.ParameterCount,
            r.Final.TestAccuracy,
            r.Final.TrainAccuracy)).ToArray();
    }

    /// <summary>A PrettyTable-style box of <c>+</c>, <c>-</c> and <c>|</c> for the console, one line per model.</summary>
    public static string ToText(IEnumerable<RunRecord> records) => Build(records).ToBox();

    /// <summary>The same table as GitHub markdown.</summary>
    public static string ToMarkdown(IEnumerable<RunRecord> records) => Build(records).ToMarkdown();

    /// <summary>
    /// One sentence naming the model with the best test accuracy and its lead over the runner-up in percentage points:
    /// <c>Model1 is best: test accuracy 0.9921, 0.52 points above Model3 (0.9869).</c> Accuracies equal to four
    /// decimals tie; models without a test accuracy are left out.
    /// </summary>
    public static string Verdict(IEnumerable<RunRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var list = records.ToList();
        if (list.Count == 0)
            return "No models to compare.";
        // Rounded to what the table shows, so the verdict never calls a visible tie a win.
        var ranked = list.Where(r => ReportFormat.Finite(r.Final.TestAccuracy))
            .Select(r => (r.Model, Accuracy: Math.Round(r.Final.TestAccuracy, 4)))
            .OrderByDescending(r => r.Accuracy)
            .ToList();
        if (ranked.Count == 0)
            return "No model has a test accuracy.";
        double best = ranked[0].Accuracy;
        var winners = ranked.TakeWhile(r => r.Accuracy == best).Select(r => r.Model).ToList();
        (string Model, double Accuracy)? runnerUp = ranked.Count > winners.Count ? ranked[winners.Count] : null;

        string head;
        if (list.Count == 1)
            head = $"{winners[0]} is the only model: test accuracy {ReportFormat.Metric(best)}";
        else if (winners.Count == 1)
            head = $"{winners[0]} is best: test accuracy {ReportFormat.Metric(best)}";
        else if (winners.Count == list.Count)
            head = $"{JoinNames(winners)} tie: test accuracy {ReportFormat.Metric(best)}";
        else
            head = $"{JoinNames(winners)} tie for best: test accuracy {ReportFormat.Metric(best)}";

        string lead = runnerUp is { } next
            ? ReportFormat.Invariant($", {(best - next.Accuracy) * 100:F2} points above {next.Model} ({ReportFormat.Metric(next.Accuracy)})")
            : "";
        int unmeasured = list.Count - ranked.Count;
        string missing = unmeasured == 0 ? ""
            : $" {JoinNames(list.Where(r => !ReportFormat.Finite(r.Final.TestAccuracy)).Select(r => r.Model).ToList())} {(unmeasured == 1 ? "has" : "have")} no test accuracy.";
        return head + lead + "." + missing;
    }

    private static TextTable Build(IEnumerable<RunRecord> records)
    {
        var table = new TextTable(Columns);
        foreach (var row in Rows(records))
        {
            var c = row.Columns;
            table.Add(
                row.Model,
                ReportFormat.Integer(c.ConvLayers), OrMissing(c.ConvSizes),
                ReportFormat.Integer(c.MaxPools), OrMissing(c.PoolSizes),
                ReportFormat.Integer(c.Dropouts), ReportFormat.Integer(c.Denses),
                ReportFormat.Count(row.Parameters),
                ReportFormat.Metric(row.TestAccuracy), ReportFormat.Metric(row.TrainAccuracy));
        }
        return table;
    }

    private static string OrMissing(string text) => text.Length == 0 ? ReportFormat.Missing : text;

    /// <summary><c>A</c>, <c>A and B</c>, <c>A, B and C</c>.</summary>
    private static string JoinNames(IReadOnlyList<string> names) =>
        names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];
}
