using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Reporting;

namespace Samples.Mnist.Reporting;

/// <summary>
/// The seed notebook's PrettyTable comparing architectures, computed from run records: Model, #ConvLayers,
/// size of Convnets, #Maxpool, size of Maxpool, #Dropout, #Dense, Params, Test ACC, Train ACC. Rows keep the order
/// given; accuracies print with four decimals, unmeasured ones as "—". The architecture columns are the notebook's,
/// so they live here, not in the runtime's general <see cref="ComparisonTable"/>.
/// </summary>
internal static class NotebookTable
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
            ArchitectureColumns.From(r.Architecture.AllLayers),
            r.Architecture.ParameterCount,
            r.Final.TestAccuracy,
            r.Final.TrainAccuracy)).ToArray();
    }

    /// <summary>A PrettyTable-style box of <c>+</c>, <c>-</c> and <c>|</c> for the console, one line per model.</summary>
    public static string ToText(IEnumerable<RunRecord> records) => Build(records).ToBox();

    /// <summary>The same table as GitHub markdown.</summary>
    public static string ToMarkdown(IEnumerable<RunRecord> records) => Build(records).ToMarkdown();

    /// <summary>The report's settings: this table in place of the runtime's general one.</summary>
    public static MarkdownReportOptions ReportOptions { get; } = new()
    {
        Title = "MNIST: the seed notebook's architectures",
        Comparison = records => ToMarkdown(records),
        ComparisonNote = "Architecture columns are counted from the layers.",
    };

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
}
