using System;
using System.Linq;
using Dsl;
using Dsl.Reporting;
using Dsl.Training;
using Samples.Mnist.Reporting;

namespace Mnist.Tests;

/// <summary>The seed notebook's comparison table, which belongs to the sample (the runtime's table is general).</summary>
public class NotebookTableTests
{
    [Fact]
    public void Rows_keep_the_given_order_and_put_each_accuracy_in_its_own_column()
    {
        var rows = NotebookTable.Rows([Runs.Model3(test: 0.9869, train: 0.9888), Runs.Model1(test: 0.9921, train: 0.9952)]);

        Assert.Equal(["Model3", "Model1"], rows.Select(r => r.Model));
        Assert.Equal(new ComparisonRow("Model1", new ArchitectureColumns(3, "64-28-12", 1, "2", 3, 1), 43_362, 0.9921, 0.9952), rows[1]);
    }

    [Fact]
    public void Text_table_has_the_seed_headers_and_one_aligned_line_per_model()
    {
        string text = NotebookTable.ToText([Runs.Model1(test: 0.9921, train: 0.9952), Runs.Model2(test: 0.6461, train: 0.6492), Runs.Model3()]);
        var lines = text.TrimEnd('\n').Split('\n');

        Assert.Equal(7, lines.Length); // rule, header, rule, 3 rows, rule
        Assert.All(lines, l => Assert.Equal(lines[0].Length, l.Length));
        Assert.Equal(["Model", "#ConvLayers", "size of Convnets", "#Maxpool", "size of Maxpool", "#Dropout", "#Dense", "Params", "Test ACC", "Train ACC"], Cells(lines[1]));
        Assert.Equal(["Model1", "3", "64-28-12", "1", "2", "3", "1", "43,362", "0.9921", "0.9952"], Cells(lines[3]));
        Assert.Equal(["Model2", "5", "60-40-28-14-8", "4", "2-2-2-2", "5", "1", "36,436", "0.6461", "0.6492"], Cells(lines[4]));
        Assert.Equal(["Model3", "7", "80-70-50-30-20-16-8", "2", "3-2", "7", "2", "121,016", "0.9869", "0.9888"], Cells(lines[5]));
        Assert.Matches(@"^\+(-+\+){10}$", lines[0]);
    }

    [Fact]
    public void Markdown_table_has_the_same_cells_and_a_dash_for_missing_values()
    {
        var unmeasured = Runs.Model2() with { Final = new FinalMetrics { TestAccuracy = 0.6461 } };

        string markdown = NotebookTable.ToMarkdown([Runs.Model1(test: 0.9921, train: 0.9952), unmeasured]);
        var lines = markdown.TrimEnd('\n').Split('\n');

        Assert.Equal(4, lines.Length);
        Assert.Equal("| Model | #ConvLayers | size of Convnets | #Maxpool | size of Maxpool | #Dropout | #Dense | Params | Test ACC | Train ACC |", lines[0]);
        Assert.Equal("|---|---:|---|---:|---|---:|---:|---:|---:|---:|", lines[1]);
        Assert.Equal("| Model1 | 3 | 64-28-12 | 1 | 2 | 3 | 1 | 43,362 | 0.9921 | 0.9952 |", lines[2]);
        Assert.Equal("| Model2 | 5 | 60-40-28-14-8 | 4 | 2-2-2-2 | 5 | 1 | 36,436 | 0.6461 | — |", lines[3]);
    }

    [Fact]
    public void Markdown_escapes_pipes_in_model_names() =>
        Assert.Contains("| A\\|B | 3 |", NotebookTable.ToMarkdown([Runs.Model1() with { Model = "A|B" }]), StringComparison.Ordinal);

    // The true counts of the seed's code; its hand-filled table said 5 max pools and 4 dropouts for Model2,
    // and "80-70-50-30-20-16-4" with 4 dropouts for Model3.
    [Fact]
    public void Seed_model_1_columns_are_counted_from_its_layers() =>
        Assert.Equal(new ArchitectureColumns(3, "64-28-12", 1, "2", 3, 1),
            ArchitectureColumns.From(ArchitectureRecord.From(ModelCatalog.Get("Model1")).Layers));

    [Fact]
    public void Seed_model_2_columns_are_counted_from_its_layers() =>
        Assert.Equal(new ArchitectureColumns(5, "60-40-28-14-8", 4, "2-2-2-2", 5, 1),
            ArchitectureColumns.From(ArchitectureRecord.From(ModelCatalog.Get("Model2")).Layers));

    [Fact]
    public void Seed_model_3_columns_are_counted_from_its_layers() =>
        Assert.Equal(new ArchitectureColumns(7, "80-70-50-30-20-16-8", 2, "3-2", 7, 2),
            ArchitectureColumns.From(ArchitectureRecord.From(ModelCatalog.Get("Model3")).Layers));

    /// <summary>A block use's layers count as the model's: ResidualCnn's stem, two in its first unit, three in its second.</summary>
    [Fact]
    public void Layers_inside_blocks_are_counted() =>
        Assert.Equal(new ArchitectureColumns(6, "16-16-16-32-32-32", 1, "2", 1, 1),
            ArchitectureColumns.From(ArchitectureRecord.From(ModelCatalog.Get("ResidualCnn")).AllLayers));

    /// <summary>TwoViewCnn calls one encoder twice: its layers are counted once, as Keras lists a shared layer once.</summary>
    [Fact]
    public void A_shared_block_is_counted_once() =>
        Assert.Equal(new ArchitectureColumns(2, "16-32", 2, "2-2", 1, 1),
            ArchitectureColumns.From(ArchitectureRecord.From(ModelCatalog.Get("TwoViewCnn")).AllLayers));

    [Fact]
    public void Non_square_pools_show_both_sides_and_other_kinds_are_not_counted()
    {
        LayerRecord[] layers =
        [
            new() { Name = "conv2d_1", Kind = "Conv2D", Size = 16 },
            new() { Name = "max_pooling2d_1", Kind = "MaxPool2D", Window = [2, 3] },
            new() { Name = "average_pooling2d_1", Kind = "AvgPool2D", Window = [2, 2] },
            new() { Name = "batch_normalization_1", Kind = "BatchNorm" },
            new() { Name = "max_pooling2d_2", Kind = "MaxPool2D", Window = [2, 2] },
            new() { Name = "global_average_pooling2d_1", Kind = "GlobalAvgPool2D" },
            new() { Name = "dense_1", Kind = "Dense", Size = 10 },
        ];

        Assert.Equal(new ArchitectureColumns(1, "16", 2, "2x3-2", 0, 1), ArchitectureColumns.From(layers));
    }

    [Fact]
    public void A_model_without_convolutions_has_empty_size_lists() =>
        Assert.Equal(new ArchitectureColumns(0, "", 0, "", 0, 2),
            ArchitectureColumns.From([new LayerRecord { Name = "dense_1", Kind = "Dense", Size = 5 }, new LayerRecord { Name = "dense_2", Kind = "Dense", Size = 2 }]));

    private static string[] Cells(string line) => line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
}

/// <summary>Run records of the sample's models built by hand (no training).</summary>
internal static class Runs
{
    public static RunRecord Of(string model, double testAccuracy, double trainAccuracy) => new()
    {
        Model = model,
        Architecture = ArchitectureRecord.From(ModelCatalog.Get(model)),
        Config = new RunConfig { Epochs = 1, BatchSize = 128, Optimizer = "Adam", LearningRate = 1e-3 },
        Epochs = [new EpochRecord(1, 0.5, 0.9, 0.4, testAccuracy, 40)],
        Final = new FinalMetrics { TestLoss = 0.03, TestAccuracy = testAccuracy, TrainLoss = 0.02, TrainAccuracy = trainAccuracy },
        StartedUtc = new DateTime(2025, 3, 1, 10, 0, 0, DateTimeKind.Utc),
        FinishedUtc = new DateTime(2025, 3, 1, 10, 10, 0, DateTimeKind.Utc),
    };

    public static RunRecord Model1(double test = 0.9921, double train = 0.9952) => Of("Model1", test, train);

    public static RunRecord Model2(double test = 0.6461, double train = 0.6492) => Of("Model2", test, train);

    public static RunRecord Model3(double test = 0.9869, double train = 0.9888) => Of("Model3", test, train);
}
