using System.Linq;
using Dsl.Runtime.Tests.Models;

namespace Dsl.Runtime.Tests;

public class SeedModelTests
{
    [Fact]
    public void Parameter_counts_match_the_seed_notebook()
    {
        Assert.Equal(43_362, SeedModel1.ParameterCount);
        Assert.Equal(36_436, SeedModel2.ParameterCount);
        Assert.Equal(121_016, SeedModel3.ParameterCount);
    }

    [Fact]
    public void Per_layer_parameters_and_shapes_match_the_seed_summaries()
    {
        // Keras prints (None, H, W, C); ours are (C, H, W).
        AssertLayers(SeedModel1.Layers,
            ("conv2d_1", new[] { 64, 28, 28 }, 640), ("max_pooling2d_1", new[] { 64, 14, 14 }, 0),
            ("dropout_1", new[] { 64, 14, 14 }, 0), ("conv2d_2", new[] { 28, 14, 14 }, 16156),
            ("dropout_2", new[] { 28, 14, 14 }, 0), ("conv2d_3", new[] { 12, 14, 14 }, 3036),
            ("dropout_3", new[] { 12, 14, 14 }, 0), ("flatten_1", new[] { 2352 }, 0), ("dense_1", new[] { 10 }, 23530));
        AssertLayers(SeedModel2.Layers,
            ("conv2d_1", new[] { 60, 28, 28 }, 600), ("dropout_1", new[] { 60, 28, 28 }, 0),
            ("max_pooling2d_1", new[] { 60, 14, 14 }, 0), ("conv2d_2", new[] { 40, 14, 14 }, 21640),
            ("dropout_2", new[] { 40, 14, 14 }, 0), ("max_pooling2d_2", new[] { 40, 7, 7 }, 0),
            ("conv2d_3", new[] { 28, 7, 7 }, 10108), ("dropout_3", new[] { 28, 7, 7 }, 0),
            ("max_pooling2d_3", new[] { 28, 3, 3 }, 0), ("conv2d_4", new[] { 14, 3, 3 }, 3542),
            ("max_pooling2d_4", new[] { 14, 1, 1 }, 0), ("dropout_4", new[] { 14, 1, 1 }, 0),
            ("conv2d_5", new[] { 8, 1, 1 }, 456), ("dropout_5", new[] { 8, 1, 1 }, 0),
            ("flatten_1", new[] { 8 }, 0), ("dense_1", new[] { 10 }, 90));
        AssertLayers(SeedModel3.Layers,
            ("conv2d_1", new[] { 80, 28, 28 }, 2080), ("max_pooling2d_1", new[] { 80, 9, 9 }, 0),
            ("conv2d_2", new[] { 70, 9, 9 }, 50470), ("dropout_1", new[] { 70, 9, 9 }, 0),
            ("conv2d_3", new[] { 50, 9, 9 }, 31550), ("dropout_2", new[] { 50, 9, 9 }, 0),
            ("conv2d_4", new[] { 30, 9, 9 }, 13530), ("dropout_3", new[] { 30, 9, 9 }, 0),
            ("conv2d_5", new[] { 20, 9, 9 }, 5420), ("max_pooling2d_2", new[] { 20, 4, 4 }, 0),
            ("dropout_4", new[] { 20, 4, 4 }, 0), ("conv2d_6", new[] { 16, 4, 4 }, 2896),
            ("dropout_5", new[] { 16, 4, 4 }, 0), ("conv2d_7", new[] { 8, 4, 4 }, 1160),
            ("dropout_6", new[] { 8, 4, 4 }, 0), ("flatten_1", new[] { 128 }, 0),
            ("dense_1", new[] { 100 }, 12900), ("dropout_7", new[] { 100 }, 0), ("dense_2", new[] { 10 }, 1010));
    }

    private static void AssertLayers(System.Collections.Generic.IReadOnlyList<LayerInfo> layers, params (string Name, int[] Shape, long Parameters)[] expected)
    {
        Assert.Equal(expected.Select(e => e.Name), layers.Select(l => l.Name));
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Shape, layers[i].OutputShape);
            Assert.Equal(expected[i].Parameters, layers[i].ParameterCount);
        }
    }
}
