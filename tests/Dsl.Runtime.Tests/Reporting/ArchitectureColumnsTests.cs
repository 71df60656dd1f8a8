using Dsl.Reporting;
using Dsl.Runtime.Tests.Models;

namespace Dsl.Runtime.Tests.Reporting;

public class ArchitectureColumnsTests
{
    // The true counts of the seed's code; its hand-filled table said 5 max pools and 4 dropouts for Model2,
    // and "80-70-50-30-20-16-4" with 4 dropouts for Model3.
    [Fact]
    public void Seed_model_1_columns_are_counted_from_its_layers() =>
        Assert.Equal(new ArchitectureColumns(3, "64-28-12", 1, "2", 3, 1),
            ArchitectureColumns.From(ArchitectureRecord.From(SeedModel1.Info).Layers));

    [Fact]
    public void Seed_model_2_columns_are_counted_from_its_layers() =>
        Assert.Equal(new ArchitectureColumns(5, "60-40-28-14-8", 4, "2-2-2-2", 5, 1),
            ArchitectureColumns.From(ArchitectureRecord.From(SeedModel2.Info).Layers));

    [Fact]
    public void Seed_model_3_columns_are_counted_from_its_layers() =>
        Assert.Equal(new ArchitectureColumns(7, "80-70-50-30-20-16-8", 2, "3-2", 7, 2),
            ArchitectureColumns.From(ArchitectureRecord.From(SeedModel3.Info).Layers));

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
}
