using System;
using System.Linq;
using Dsl.Reporting;
using Dsl.Training;

namespace Dsl.Runtime.Tests.Reporting;

public class ComparisonTableTests
{
    [Fact]
    public void Text_table_has_the_general_columns_and_one_aligned_line_per_model()
    {
        string text = ComparisonTable.ToText([Runs.Model1(test: 0.9921, train: 0.9952), Runs.Model2(test: 0.6461, train: 0.6492)]);
        var lines = text.TrimEnd('\n').Split('\n');

        Assert.Equal(6, lines.Length); // rule, header, rule, 2 rows, rule
        Assert.All(lines, l => Assert.Equal(lines[0].Length, l.Length));
        Assert.Equal(["Model", "Params", "Epochs", "Test loss", "Test ACC", "Train ACC", "Time per epoch"], Cells(lines[1]));
        Assert.Equal(["SeedModel1", "43,362", "4", "0.0301", "0.9921", "0.9952", "40.8 s"], Cells(lines[3]));
        Assert.Matches(@"^\+(-+\+){7}$", lines[0]);
    }

    [Fact]
    public void Markdown_table_has_the_same_cells_a_dash_for_missing_values_and_marks_an_early_stop()
    {
        var unmeasured = Runs.Model2() with { Final = new FinalMetrics { TestAccuracy = 0.6461 } };
        var stopped = Runs.Model3() with { Stop = new TrainingStop(4, "EarlyStopping", "val_loss did not improve") };

        var lines = ComparisonTable.ToMarkdown([unmeasured, stopped]).TrimEnd('\n').Split('\n');

        Assert.Equal("| Model | Params | Epochs | Test loss | Test ACC | Train ACC | Time per epoch |", lines[0]);
        Assert.Equal("| SeedModel2 | 36,436 | 4 | — | 0.6461 | — | 40.8 s |", lines[2]);
        Assert.Equal("| SeedModel3 | 121,016 | 4 (stopped) | 0.0301 | 0.9869 | 0.9888 | 40.8 s |", lines[3]);
    }

    [Fact]
    public void Markdown_escapes_pipes_in_model_names() =>
        Assert.Contains("| A\\|B | 43,362 |", ComparisonTable.ToMarkdown([Runs.Model1() with { Model = "A|B" }]), StringComparison.Ordinal);

    [Fact]
    public void Verdict_names_the_best_model_and_its_lead_over_the_runner_up() =>
        Assert.Equal("SeedModel1 is best: test accuracy 0.9921, 0.52 points above SeedModel3 (0.9869).",
            ComparisonTable.Verdict([Runs.Model2(), Runs.Model3(test: 0.9869), Runs.Model1(test: 0.9921)]));

    [Fact]
    public void Verdict_ranks_by_test_accuracy_not_train_accuracy() =>
        Assert.Equal("SeedModel3 is best: test accuracy 0.9900, 0.10 points above SeedModel1 (0.9890).",
            ComparisonTable.Verdict([Runs.Model1(test: 0.9890, train: 0.9999), Runs.Model3(test: 0.9900, train: 0.9500)]));

    [Fact]
    public void Verdict_reports_a_tie_for_best() =>
        Assert.Equal("SeedModel1 and SeedModel3 tie for best: test accuracy 0.9921, 34.60 points above SeedModel2 (0.6461).",
            ComparisonTable.Verdict([Runs.Model1(test: 0.9921), Runs.Model2(test: 0.6461), Runs.Model3(test: 0.99214)]));

    [Fact]
    public void Verdict_reports_a_tie_of_all_models() =>
        Assert.Equal("SeedModel1 and SeedModel2 tie: test accuracy 0.9800.",
            ComparisonTable.Verdict([Runs.Model1(test: 0.98), Runs.Model2(test: 0.98)]));

    [Fact]
    public void Verdict_handles_a_single_model() =>
        Assert.Equal("SeedModel2 is the only model: test accuracy 0.6461.", ComparisonTable.Verdict([Runs.Model2(test: 0.6461)]));

    [Fact]
    public void Verdict_leaves_out_models_without_a_test_accuracy()
    {
        var unmeasured = Runs.Model3() with { Final = new FinalMetrics() };

        Assert.Equal("SeedModel1 is best: test accuracy 0.9921. SeedModel3 has no test accuracy.",
            ComparisonTable.Verdict([Runs.Model1(test: 0.9921), unmeasured]));
        Assert.Equal("No models to compare.", ComparisonTable.Verdict([]));
    }

    private static string[] Cells(string line) => line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
}
