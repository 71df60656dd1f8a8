using System;
using System.IO;
using System.Linq;
using Dsl.Reporting;
using Dsl.Runtime.Tests.Data;
using Dsl.Training;

namespace Dsl.Runtime.Tests.Reporting;

/// <summary>What the report says about validation, callbacks and stops, the architecture diagram hook, and a custom table.</summary>
public class ReportHooksTests
{
    [Fact]
    public void The_report_says_which_validation_was_used()
    {
        using var temp = new TempDirectory();
        var test = Runs.Model1() with { Config = Runs.Model1().Config with { Validation = "test", ValidationSamples = 10_000 } };
        var split = Runs.Model2() with { Config = Runs.Model2().Config with { Validation = "split:0.1", ValidationSamples = 1_280 } };

        string text = File.ReadAllText(MarkdownReport.Write(temp.Path, [test, split]));

        Assert.Contains("SeedModel1: Validation: on the test set after every epoch, as the seed notebook does.", text, StringComparison.Ordinal);
        Assert.Contains("SeedModel2: Validation: on the last 10% of the training data (Keras's validation_split=0.1, held out before shuffling). The test set was evaluated once, after training.", text, StringComparison.Ordinal);
        Assert.Contains("| Validation | the test set, after every epoch (10,000 samples) |", text, StringComparison.Ordinal);
        Assert.Contains("| Validation | the last 10% of the training data (1,280 samples), held out before shuffling |", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_early_stop_restored_weights_callbacks_and_learning_rates_are_in_the_report()
    {
        using var temp = new TempDirectory();
        var run = Runs.Model1();
        var record = run with
        {
            Config = run.Config with { Callbacks = "EarlyStopping(monitor='val_loss', patience=2, restore_best_weights=True)" },
            Epochs = [.. run.Epochs.Take(3), run.Epochs[3] with { LearningRate = 5e-4 }],
            Stop = new TrainingStop(4, "EarlyStopping", "val_loss did not improve by more than 0 for 2 epochs (best 0.3 at epoch 2)"),
            WeightsFromEpoch = 2,
        };

        string text = File.ReadAllText(MarkdownReport.Write(temp.Path, [record]));

        Assert.Contains("| Callbacks | EarlyStopping(monitor='val_loss', patience=2, restore_best_weights=True) |", text, StringComparison.Ordinal);
        Assert.Contains("| Stopped | after epoch 4 by EarlyStopping: val_loss did not improve by more than 0 for 2 epochs (best 0.3 at epoch 2) |", text, StringComparison.Ordinal);
        Assert.Contains("| Weights evaluated | epoch 2's (restored as the best) |", text, StringComparison.Ordinal);
        Assert.Contains("| Epoch | loss | accuracy | val_loss | val_accuracy | learning_rate | Seconds |", text, StringComparison.Ordinal);
        Assert.Contains("| 0.9671 | — | 40.7 s |", text, StringComparison.Ordinal);
        Assert.Contains("| 0.0005 | 41.3 s |", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mermaid_diagram_from_the_metadata_is_shown_and_none_is_invented()
    {
        using var temp = new TempDirectory();
        var run = Runs.Model1();
        const string diagram = "flowchart TD\n  input --> conv2d_1";

        string with = File.ReadAllText(MarkdownReport.Write(Path.Combine(temp.Path, "a"), [run with { Architecture = run.Architecture with { Diagram = diagram } }]));
        string without = File.ReadAllText(MarkdownReport.Write(Path.Combine(temp.Path, "b"), [run with { Architecture = run.Architecture with { Diagram = null } }]));

        Assert.Contains("### Architecture\n\n```mermaid\nflowchart TD\n  input --> conv2d_1\n```", with, StringComparison.Ordinal);
        Assert.DoesNotContain("mermaid", without, StringComparison.Ordinal);
        // The record carries the generated model's compile-time diagram.
        Assert.Equal(Models.SeedModel1.Diagram, ArchitectureRecord.From(Models.SeedModel1.Info).Diagram);
    }

    [Fact]
    public void A_program_can_put_its_own_comparison_table_in_the_report()
    {
        using var temp = new TempDirectory();
        var options = new MarkdownReportOptions { Comparison = records => "| custom |\n|---|\n| " + records.Count + " |\n", ComparisonNote = "Counted by hand." };

        string text = File.ReadAllText(MarkdownReport.Write(temp.Path, [Runs.Model1()], options));

        Assert.Contains("| custom |\n|---|\n| 1 |\n", text, StringComparison.Ordinal);
        Assert.Contains("Counted by hand. Test ACC and Train ACC", text, StringComparison.Ordinal);
        Assert.DoesNotContain("| Model | Params |", text, StringComparison.Ordinal);
    }
}
