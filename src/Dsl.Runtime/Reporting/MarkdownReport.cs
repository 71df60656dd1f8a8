using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Dsl.Training;

namespace Dsl.Reporting;

/// <summary>
/// A self-contained markdown report of several runs: title, date, environment, the comparison table and verdict,
/// the validation accuracy chart, then per model its training settings, Keras-style summary, final metrics,
/// per-epoch table and loss chart. Charts are PNGs next to <c>report.md</c>, linked by relative file name, so the
/// folder can be moved or published (GitHub renders it) as a whole.
/// </summary>
public static class MarkdownReport
{
    /// <summary>Writes <c>report.md</c> and its charts into <paramref name="directory"/>, creating it.</summary>
    /// <param name="directory">The output folder; existing files of the same names are replaced.</param>
    /// <param name="records">The runs, in the order the report lists them; model names must be distinct.</param>
    /// <returns>The path of <c>report.md</c>.</returns>
    public static string Write(string directory, IReadOnlyList<RunRecord> records) => Write(directory, records, new MarkdownReportOptions());

    /// <summary>Writes <c>report.md</c> and its charts into <paramref name="directory"/>, creating it.</summary>
    /// <param name="directory">The output folder; existing files of the same names are replaced.</param>
    /// <param name="records">The runs, in the order the report lists them; model names must be distinct.</param>
    /// <param name="options">Title and generation time.</param>
    /// <returns>The path of <c>report.md</c>.</returns>
    /// <exception cref="ArgumentException">Two records have the same model name (or names that map to one file name).</exception>
    public static string Write(string directory, IReadOnlyList<RunRecord> records, MarkdownReportOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(options);
        // Two records of one model would overwrite each other's chart; RunRecords.ReadAll resolves such duplicates.
        var clash = records.GroupBy(r => ReportFileNames.LossPlot(r.Model), StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
            throw new ArgumentException($"Several records would share the chart {clash.Key}: {string.Join(", ", clash.Select(r => r.Model))}.", nameof(records));

        Directory.CreateDirectory(directory);
        Plots.ValidationAccuracy(records, Path.Combine(directory, ReportFileNames.ValidationAccuracyPlot));
        foreach (var record in records)
            Plots.LossCurves(record, Path.Combine(directory, ReportFileNames.LossPlot(record.Model)));

        string path = Path.Combine(directory, ReportFileNames.Report);
        string text = Render(records, options);
        AtomicFile.Write(path, stream => stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text)), AtomicFile.CreateNew);
        return path;
    }

    private static string Render(IReadOnlyList<RunRecord> records, MarkdownReportOptions options)
    {
        var md = new StringBuilder();
        md.Append("# ").Append(options.Title).Append("\n\n");
        md.Append("Generated ").Append(ReportFormat.Time(options.GeneratedUtc ?? DateTime.UtcNow));
        md.Append(" from ").Append(records.Count).Append(records.Count == 1 ? " run record" : " run records");
        if (records.Count > 0)
        {
            md.Append("; training ran from ").Append(ReportFormat.Time(records.Min(r => r.StartedUtc)))
              .Append(" to ").Append(ReportFormat.Time(records.Max(r => r.FinishedUtc)));
        }
        md.Append(".\n\n");
        if (records.Count == 0)
            return md.ToString();

        AppendEnvironment(md, records);

        md.Append("## Comparison\n\n");
        md.Append(ComparisonTable.ToMarkdown(records)).Append('\n');
        md.Append("**").Append(ComparisonTable.Verdict(records)).Append("**\n\n");
        md.Append("Architecture columns are counted from the layers. Test ACC and Train ACC are evaluated after training, with dropout off.\n\n");
        md.Append(Image("Validation accuracy per epoch", ReportFileNames.ValidationAccuracyPlot)).Append("\n\n");
        var withoutValidation = records.Where(r => !r.Epochs.Any(e => e.ValidationAccuracy is not null)).Select(r => r.Model).ToList();
        if (withoutValidation.Count > 0)
            md.Append("No validation data, so no line above: ").Append(string.Join(", ", withoutValidation)).Append(".\n\n");

        foreach (var record in records)
            AppendModel(md, record);
        return md.ToString();
    }

    // One row per distinct environment, so runs merged from several machines stay distinguishable
    // without repeating identical rows.
    private static void AppendEnvironment(StringBuilder md, IReadOnlyList<RunRecord> records)
    {
        md.Append("## Environment\n\n");
        var table = new TextTable(("Models", false), ("Dsl.Runtime", false), ("TorchSharp", false), ("libtorch", false),
            (".NET", false), ("OS", false), ("CPU", false), ("Processors", true), ("Machine", false));
        foreach (var group in records.GroupBy(r => r.Environment))
        {
            var e = group.Key;
            table.Add(string.Join(", ", group.Select(r => r.Model)), Text(e.DslRuntime), Text(e.TorchSharp), Text(e.LibTorch),
                Text(e.DotNet), Text(e.Os), Text(e.Cpu), e.ProcessorCount > 0 ? ReportFormat.Integer(e.ProcessorCount) : ReportFormat.Missing,
                Text(e.Machine));
        }
        md.Append(table.ToMarkdown()).Append('\n');
    }

    private static void AppendModel(StringBuilder md, RunRecord record)
    {
        var config = record.Config;
        md.Append("## ").Append(record.Model).Append("\n\n");

        var settings = new TextTable(("Setting", false), ("Value", false));
        settings.Add("Source", Text(record.Source));
        settings.Add("Parameters", ReportFormat.Count(record.Architecture.ParameterCount)
            + (record.Architecture.TrainableParameterCount != record.Architecture.ParameterCount
                ? " (" + ReportFormat.Count(record.Architecture.TrainableParameterCount) + " trainable)" : ""));
        settings.Add("Epochs", ReportFormat.Integer(config.Epochs)
            + (record.Epochs.Count != config.Epochs ? " (" + ReportFormat.Integer(record.Epochs.Count) + " trained)" : ""));
        settings.Add("Batch size", ReportFormat.Integer(config.BatchSize));
        settings.Add("Optimizer", config.Optimizer.Length == 0 ? ReportFormat.Missing
            : config.Optimizer + ", learning rate " + ReportFormat.Number(config.LearningRate));
        settings.Add("Seed", ReportFormat.Integer(config.Seed));
        settings.Add("Training samples", ReportFormat.Count(config.TrainSamples)
            + (config.TrainLimit is { } limit ? " (limit " + ReportFormat.Count(limit) + ")" : ""));
        settings.Add("Test samples", ReportFormat.Count(config.TestSamples));
        settings.Add("Threads", config.Threads > 0 ? ReportFormat.Integer(config.Threads) : ReportFormat.Missing);
        settings.Add("Started", ReportFormat.Time(record.StartedUtc));
        settings.Add("Finished", ReportFormat.Time(record.FinishedUtc));
        settings.Add("Time per epoch", record.Epochs.Count > 0 ? ReportFormat.Seconds(record.SecondsPerEpoch) : ReportFormat.Missing);
        md.Append(settings.ToMarkdown()).Append('\n');

        md.Append("### Summary\n\n");
        string fence = Fence(record.Architecture.Summary);
        md.Append(fence).Append("text\n").Append(record.Architecture.Summary.TrimEnd('\n', '\r')).Append('\n').Append(fence).Append("\n\n");

        md.Append("### Final metrics\n\n");
        var final = new TextTable(("Data", false), ("Loss", true), ("Accuracy", true));
        final.Add("Test", ReportFormat.Metric(record.Final.TestLoss), ReportFormat.Metric(record.Final.TestAccuracy));
        final.Add("Train", ReportFormat.Metric(record.Final.TrainLoss), ReportFormat.Metric(record.Final.TrainAccuracy));
        md.Append(final.ToMarkdown()).Append('\n');

        md.Append("### Epochs\n\n");
        var epochs = new TextTable(("Epoch", true), ("loss", true), ("accuracy", true), ("val_loss", true), ("val_accuracy", true), ("Seconds", true));
        foreach (EpochRecord e in record.Epochs)
        {
            epochs.Add(ReportFormat.Integer(e.Epoch), ReportFormat.Metric(e.Loss), ReportFormat.Metric(e.Accuracy),
                ReportFormat.Metric(e.ValidationLoss), ReportFormat.Metric(e.ValidationAccuracy), ReportFormat.Seconds(e.Seconds));
        }
        md.Append(epochs.ToMarkdown()).Append('\n');

        md.Append(Image(record.Model + ": loss per epoch", ReportFileNames.LossPlot(record.Model))).Append("\n\n");
    }

    private static string Text(string value) => value.Length == 0 ? ReportFormat.Missing : value;

    private static string Image(string alt, string fileName) => $"![{alt}]({Uri.EscapeDataString(fileName)})";

    /// <summary>A code fence longer than any backtick run inside <paramref name="code"/>, so the block cannot end early.</summary>
    private static string Fence(string code)
    {
        int longest = 0, run = 0;
        foreach (char c in code)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return new string('`', Math.Max(3, longest + 1));
    }
}
