using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Dsl.Reporting;
using Dsl.Runtime.Tests.Data;

namespace Dsl.Runtime.Tests.Reporting;

public class MarkdownReportTests
{
    private static readonly DateTime Generated = new(2025, 3, 2, 8, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void Report_links_charts_that_exist_and_holds_every_models_summary_and_epochs()
    {
        using var temp = new TempDirectory();
        var records = new[] { Runs.Model1(), Runs.Of(Models.SeedModel2.Info, 0.6461, 0.6492, validation: false), Runs.Model3() };
        string folder = Path.Combine(temp.Path, "report");

        string path = MarkdownReport.Write(folder, records, new MarkdownReportOptions { Title = "MNIST: three CNNs", GeneratedUtc = Generated });
        string text = File.ReadAllText(path);

        Assert.Equal(Path.Combine(folder, "report.md"), path);
        Assert.StartsWith("# MNIST: three CNNs\n\nGenerated 2025-03-02 08:30:00 UTC from 3 run records", text, StringComparison.Ordinal);
        var images = Regex.Matches(text, @"!\[[^\]]*\]\(([^)]+)\)").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["val-accuracy.png", "SeedModel1-loss.png", "SeedModel2-loss.png", "SeedModel3-loss.png"], images);
        foreach (string image in images)
        {
            using var png = Png.Load(Path.Combine(folder, image));
            Assert.Equal(800, png.Width);
        }
        Assert.Equal(["SeedModel1-loss.png", "SeedModel2-loss.png", "SeedModel3-loss.png", "report.md", "val-accuracy.png"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        Assert.Contains(ComparisonTable.ToMarkdown(records), text, StringComparison.Ordinal);
        Assert.Contains("**" + ComparisonTable.Verdict(records) + "**", text, StringComparison.Ordinal);
        foreach (var record in records)
        {
            Assert.Contains("## " + record.Model + "\n", text, StringComparison.Ordinal);
            Assert.Contains("```text\n" + record.Architecture.Summary.TrimEnd('\n', '\r') + "\n```", text, StringComparison.Ordinal);
        }
        // SeedModel1's epoch 2 and SeedModel2's (no validation data) epoch 1, as Runs builds them.
        Assert.Contains("| 2 | 0.4841 | 0.9200 | 0.3478 | 0.9671 | 40.7 s |", text, StringComparison.Ordinal);
        Assert.Contains("| 1 | 1.2630 | 0.9100 | — | — | 40.3 s |", text, StringComparison.Ordinal);
        Assert.Contains("| Training samples | 12,800 (limit 12,800) |", text, StringComparison.Ordinal);
        Assert.Contains("| Optimizer | Adam, learning rate 0.001 |", text, StringComparison.Ordinal);
        Assert.Contains("No validation data, so no line above: SeedModel2.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Sections_come_in_order_title_environment_comparison_then_models()
    {
        using var temp = new TempDirectory();

        string text = File.ReadAllText(MarkdownReport.Write(temp.Path, [Runs.Model1(), Runs.Model2()]));

        var headings = Regex.Matches(text, "^#+ .*$", RegexOptions.Multiline).Select(m => m.Value).ToList();
        Assert.Equal(["# Model comparison", "## Environment", "## Comparison", "## SeedModel1", "### Summary", "### Architecture", "### Final metrics", "### Epochs", "### Files",
            "## SeedModel2", "### Summary", "### Architecture", "### Final metrics", "### Epochs", "### Files"], headings);
        // Both runs share one environment: one row naming both.
        Assert.Contains("| SeedModel1, SeedModel2 | 0.1.0 | 0.107.0 | 2.10.0.0 |", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_model_lists_its_files_found_in_the_folder_the_onnx_model_and_weights_included()
    {
        using var temp = new TempDirectory();
        var record = Runs.Model1();
        RunRecords.Write(temp.Path, record);
        File.WriteAllBytes(Path.Combine(temp.Path, "SeedModel1.onnx"), [8]);
        File.WriteAllBytes(Path.Combine(temp.Path, "SeedModel1.safetensors"), [0]);

        string text = File.ReadAllText(MarkdownReport.Write(temp.Path, [record, Runs.Model2()]));

        string files = text[text.IndexOf("### Files", StringComparison.Ordinal)..text.IndexOf("## SeedModel2", StringComparison.Ordinal)];
        Assert.Contains("| [SeedModel1.json](SeedModel1.json) | the run record (JSON)", files, StringComparison.Ordinal);
        Assert.Contains("| [SeedModel1.onnx](SeedModel1.onnx) | the trained model as an ONNX inference graph (opset 17): input `input` (batch, 1, 28, 28), output `output` |", files, StringComparison.Ordinal);
        Assert.Contains("| [SeedModel1.safetensors](SeedModel1.safetensors) | the trained weights as safetensors", files, StringComparison.Ordinal);
        Assert.Contains("| [SeedModel1-loss.png](SeedModel1-loss.png) | the loss plot |", files, StringComparison.Ordinal);
        // SeedModel2 has neither a record nor an exported model in this folder: only its chart is listed.
        string second = text[text.LastIndexOf("### Files", StringComparison.Ordinal)..];
        Assert.DoesNotContain(".onnx", second, StringComparison.Ordinal);
        Assert.DoesNotContain(".json", second, StringComparison.Ordinal);
        Assert.Contains("[SeedModel2-loss.png](SeedModel2-loss.png)", second, StringComparison.Ordinal);
    }

    [Fact]
    public void Runs_from_two_machines_get_an_environment_row_each()
    {
        using var temp = new TempDirectory();
        var other = Runs.Model2() with { Environment = Runs.Model2().Environment with { Machine = "laptop", ProcessorCount = 8 } };

        string text = File.ReadAllText(MarkdownReport.Write(temp.Path, [Runs.Model1(), other]));

        Assert.Contains("| SeedModel1 | 0.1.0 |", text, StringComparison.Ordinal);
        Assert.Contains("| SeedModel2 | 0.1.0 |", text, StringComparison.Ordinal);
        Assert.Contains("| 8 | laptop |", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_records_of_one_model_are_refused()
    {
        using var temp = new TempDirectory();

        var error = Assert.Throws<ArgumentException>(() => MarkdownReport.Write(temp.Path, [Runs.Model1(), Runs.Model1(test: 0.5)]));

        Assert.Contains("SeedModel1-loss.png", error.Message, StringComparison.Ordinal);
        Assert.Empty(temp.FileNames());
    }
}
