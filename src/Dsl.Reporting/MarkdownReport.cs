using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Dsl.Training;

namespace Dsl.Reporting;

/// <summary>
/// A self-contained markdown report of several runs: title, date, environment, the comparison table and verdict,
/// how validation was done, the validation accuracy chart, then per model its training settings (validation, callbacks,
/// an early stop), Keras-style summary, an architecture diagram when the record has one, final metrics, per-epoch table,
/// loss chart and, when the record has classification results, the confusion matrix heat map, per-class precision and
/// recall, the grid of the most confident mistakes, and a table of the model's files found in the folder (record, ONNX model, safetensors weights, charts). Charts are PNGs next to <c>report.md</c>, linked by relative file name, so the
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
        {
            Plots.LossCurves(record, Path.Combine(directory, ReportFileNames.LossPlot(record.Model)));
            if (record.Classification is not null)
            {
                ClassificationPlots.ConfusionMatrix(record, Path.Combine(directory, ReportFileNames.ConfusionPlot(record.Model)));
                ClassificationPlots.Misclassified(record, Path.Combine(directory, ReportFileNames.MisclassifiedPlot(record.Model)));
            }
        }

        string path = Path.Combine(directory, ReportFileNames.Report);
        string text = Render(directory, records, options);
        AtomicFile.Write(path, stream => stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text)), AtomicFile.CreateNew);
        return path;
    }

    private static string Render(string directory, IReadOnlyList<RunRecord> records, MarkdownReportOptions options)
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
        md.Append(options.Comparison is { } comparison ? comparison(records) : ComparisonTable.ToMarkdown(records)).Append('\n');
        md.Append("**").Append(ComparisonTable.Verdict(records)).Append("**\n\n");
        if (options.ComparisonNote.Length > 0)
            md.Append(options.ComparisonNote).Append(' ');
        md.Append("Test ACC and Train ACC are evaluated after training, with dropout off.\n\n");
        foreach (var group in records.GroupBy(r => r.Config.Validation))
        {
            md.Append(records.Count > 1 && group.Count() < records.Count ? string.Join(", ", group.Select(r => r.Model)) + ": " : "")
              .Append(ValidationSentence(group.Key)).Append("\n\n");
        }
        md.Append(Image("Validation accuracy per epoch", ReportFileNames.ValidationAccuracyPlot)).Append("\n\n");
        var withoutValidation = records.Where(r => !r.Epochs.Any(e => e.ValidationAccuracy is not null)).Select(r => r.Model).ToList();
        if (withoutValidation.Count > 0)
            md.Append("No validation data, so no line above: ").Append(string.Join(", ", withoutValidation)).Append(".\n\n");

        foreach (var record in records)
            AppendModel(md, record, directory);
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

    private static void AppendModel(StringBuilder md, RunRecord record, string directory)
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
        settings.Add("Validation", ValidationSetting(config));
        if (config.Callbacks.Length > 0)
            settings.Add("Callbacks", config.Callbacks.Replace("|", "\\|", StringComparison.Ordinal));
        if (record.Stop is { } stop)
            settings.Add("Stopped", ReportFormat.Invariant($"after epoch {stop.Epoch} by {stop.By}: {stop.Reason}"));
        if (record.WeightsFromEpoch is { } restored)
            settings.Add("Weights evaluated", ReportFormat.Invariant($"epoch {restored}'s (restored as the best)"));
        settings.Add("Threads", config.Threads > 0 ? ReportFormat.Integer(config.Threads) : ReportFormat.Missing);
        settings.Add("Started", ReportFormat.Time(record.StartedUtc));
        settings.Add("Finished", ReportFormat.Time(record.FinishedUtc));
        settings.Add("Time per epoch", record.Epochs.Count > 0 ? ReportFormat.Seconds(record.SecondsPerEpoch) : ReportFormat.Missing);
        settings.Add("Peak memory", record.PeakMemoryBytes is { } peak ? ReportFormat.Invariant($"{peak / 1e6:F0} MB resident") : ReportFormat.Missing);
        md.Append(settings.ToMarkdown()).Append('\n');

        md.Append("### Summary\n\n");
        string fence = Fence(record.Architecture.Summary);
        md.Append(fence).Append("text\n").Append(record.Architecture.Summary.TrimEnd('\n', '\r')).Append('\n').Append(fence).Append("\n\n");

        if (!string.IsNullOrWhiteSpace(record.Architecture.Diagram))
        {
            string diagramFence = Fence(record.Architecture.Diagram);
            md.Append("### Architecture\n\n").Append(diagramFence).Append("mermaid\n").Append(record.Architecture.Diagram.TrimEnd('\n', '\r'))
              .Append('\n').Append(diagramFence).Append("\n\n");
        }

        md.Append("### Final metrics\n\n");
        var final = new TextTable(("Data", false), ("Loss", true), ("Accuracy", true));
        final.Add("Test", ReportFormat.Metric(record.Final.TestLoss), ReportFormat.Metric(record.Final.TestAccuracy));
        final.Add("Train", ReportFormat.Metric(record.Final.TrainLoss), ReportFormat.Metric(record.Final.TrainAccuracy));
        md.Append(final.ToMarkdown()).Append('\n');

        md.Append("### Epochs\n\n");
        // The learning rate column only when some epoch recorded one (records written before it was have none).
        bool rates = record.Epochs.Any(e => e.LearningRate is not null);
        var columns = new List<(string, bool)> { ("Epoch", true), ("loss", true), ("accuracy", true), ("val_loss", true), ("val_accuracy", true) };
        if (rates)
            columns.Add(("learning_rate", true));
        columns.Add(("Seconds", true));
        var epochs = new TextTable(columns.ToArray());
        foreach (EpochRecord e in record.Epochs)
        {
            var cells = new List<string> { ReportFormat.Integer(e.Epoch), ReportFormat.Metric(e.Loss), ReportFormat.Metric(e.Accuracy),
                ReportFormat.Metric(e.ValidationLoss), ReportFormat.Metric(e.ValidationAccuracy) };
            if (rates)
                cells.Add(e.LearningRate is { } rate ? ReportFormat.Number(rate) : ReportFormat.Missing);
            cells.Add(ReportFormat.Seconds(e.Seconds));
            epochs.Add(cells.ToArray());
        }
        md.Append(epochs.ToMarkdown()).Append('\n');

        md.Append(Image(record.Model + ": loss per epoch", ReportFileNames.LossPlot(record.Model))).Append("\n\n");

        if (record.Classification is { } results)
        {
            var matrix = results.ConfusionMatrix;
            md.Append("### Where it fails (").Append(results.Data).Append(" data)\n\n");
            md.Append(Image(record.Model + ": confusion matrix", ReportFileNames.ConfusionPlot(record.Model))).Append("\n\n");
            var perClass = new TextTable(("Class", true), ("Precision", true), ("Recall", true), ("Support", true));
            foreach (var c in results.PerClass)
                perClass.Add(ReportFormat.Integer(c.Class), ReportFormat.Metric(c.Precision), ReportFormat.Metric(c.Recall), ReportFormat.Count(c.Support));
            md.Append(perClass.ToMarkdown()).Append('\n');
            md.Append(ReportFormat.Invariant($"{ReportFormat.Count(matrix.Total - matrix.Correct)} of {ReportFormat.Count(matrix.Total)} {results.Data} samples are misclassified. "));
            md.Append(results.Misclassified.Count == 0
                ? "None is shown."
                : ReportFormat.Invariant($"The {results.Misclassified.Count} made with the highest confidence, with their true and predicted classes:"));
            md.Append("\n\n").Append(Image(record.Model + ": most confident mistakes", ReportFileNames.MisclassifiedPlot(record.Model))).Append("\n\n");
        }

        AppendFiles(md, record, directory);
    }

    /// <summary>The model's files in the report's folder (a run writes the ONNX model and the weights beside the record).</summary>
    private static void AppendFiles(StringBuilder md, RunRecord record, string directory)
    {
        var files = new TextTable(("File", false), ("Contents", false));
        int listed = 0;
        foreach (var (name, contents) in new[]
        {
            (RunRecords.FileName(record.Model), "the run record (JSON): settings, history, metrics, architecture"),
            (ReportFileNames.Onnx(record.Model), "the trained model as an ONNX inference graph (opset 17): input `input` (batch, " + string.Join(", ", record.Architecture.InputShape) + "), output `output`"),
            (ReportFileNames.Safetensors(record.Model), "the trained weights as safetensors, under the state-dict keys"),
            (ReportFileNames.LossPlot(record.Model), "the loss plot"),
            (ReportFileNames.ConfusionPlot(record.Model), "the confusion matrix"),
            (ReportFileNames.MisclassifiedPlot(record.Model), "the most confident mistakes"),
        })
        {
            if (!File.Exists(Path.Combine(directory, name)))
                continue;
            files.Add("[" + name + "](" + Uri.EscapeDataString(name) + ")", contents);
            listed++;
        }
        if (listed == 0)
            return;
        md.Append("### Files\n\n").Append(files.ToMarkdown()).Append('\n');
    }

    private static string Text(string value) => value.Length == 0 ? ReportFormat.Missing : value;

    /// <summary>How the run validated, for its settings table.</summary>
    private static string ValidationSetting(RunConfig config)
    {
        string samples = config.ValidationSamples > 0 ? " (" + ReportFormat.Count(config.ValidationSamples) + " samples)" : "";
        return config.Validation switch
        {
            "test" => "the test set, after every epoch" + samples,
            "none" => "none",
            "data" => "separate validation data" + samples,
            var split when Fraction(split) is { } f => ReportFormat.Invariant($"the last {f * 100:0.##}% of the training data{samples}, held out before shuffling"),
            var other => other + samples,
        };
    }

    /// <summary>One paragraph saying how a group of runs validated and what that means for the test accuracy.</summary>
    private static string ValidationSentence(string validation) => validation switch
    {
        "test" => "Validation: on the test set after every epoch, as the seed notebook does. The test accuracy is then not an " +
                  "independent estimate: the test set was looked at during training.",
        "none" => "Validation: none during training; the test set was evaluated once, after training.",
        "data" => "Validation: on separate validation data after every epoch; the test set was evaluated once, after training.",
        var split when Fraction(split) is { } f => ReportFormat.Invariant(
            $"Validation: on the last {f * 100:0.##}% of the training data (Keras's validation_split={ReportFormat.Number(f)}, held out before shuffling). ") +
            "The test set was evaluated once, after training.",
        var other => "Validation: " + other + ".",
    };

    /// <summary>The fraction of <c>split:0.1</c>, or <see langword="null"/>.</summary>
    private static double? Fraction(string validation) =>
        validation.StartsWith("split:", StringComparison.Ordinal)
        && double.TryParse(validation.AsSpan("split:".Length), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double f)
            ? f : null;

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
