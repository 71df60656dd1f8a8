using System;
using System.Collections.Generic;
using System.Linq;

namespace Dsl.Reporting;

/// <summary>
/// A table comparing runs, one row per model in the order given: Model, Params, Epochs (trained), Test loss, Test ACC,
/// Train ACC, Time per epoch; values that were not measured print as "—". Plus <see cref="Verdict"/>, one sentence
/// naming the best model. A program with its own columns (the MNIST sample's notebook table) passes its table to
/// <see cref="MarkdownReportOptions.Comparison"/>.
/// </summary>
public static class ComparisonTable
{
    private static readonly (string Header, bool RightAligned)[] Columns =
    [
        ("Model", false), ("Params", true), ("Epochs", true), ("Test loss", true), ("Test ACC", true), ("Train ACC", true), ("Time per epoch", true),
    ];

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
        ArgumentNullException.ThrowIfNull(records);
        var table = new TextTable(Columns);
        foreach (var r in records)
        {
            string epochs = ReportFormat.Integer(r.Epochs.Count) + (r.Stop is not null ? " (stopped)" : "");
            table.Add(
                r.Model,
                ReportFormat.Count(r.Architecture.ParameterCount),
                epochs,
                ReportFormat.Metric(r.Final.TestLoss),
                ReportFormat.Metric(r.Final.TestAccuracy),
                ReportFormat.Metric(r.Final.TrainAccuracy),
                r.Epochs.Count > 0 ? ReportFormat.Seconds(r.SecondsPerEpoch) : ReportFormat.Missing);
        }
        return table;
    }

    /// <summary><c>A</c>, <c>A and B</c>, <c>A, B and C</c>.</summary>
    private static string JoinNames(IReadOnlyList<string> names) =>
        names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];
}
