using System.Linq;
using Dsl.Runtime.Tests.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests;

/// <summary>
/// "same" padding must behave like Keras/TensorFlow, not like PyTorch: the odd extra padding goes to the
/// bottom/right, max pooling never picks a padded cell, and average pooling averages only real cells.
/// </summary>
public class KerasPaddingTests
{
    // 1 2 3
    // 4 5 6
    // 7 8 9
    private static Tensor Grid(float offset = 0) => (arange(1, 10, dtype: float32) + offset).reshape(1, 1, 3, 3);

    [Fact]
    public void An_even_kernel_pads_only_the_bottom_and_right()
    {
        using var scope = NewDisposeScope();
        using var model = new EvenKernelSameConv();
        using (no_grad())
            model.conv2d_1.weight!.fill_(1);
        var output = model.forward(Grid());
        // Each output sums the 2x2 window starting at its own cell; cells past the edge are zero.
        var expected = new float[] { 12, 16, 9, 24, 28, 15, 15, 17, 9 };
        Assert.Equal(expected, output.data<float>().ToArray());
    }

    [Fact]
    public void Same_max_pooling_never_picks_a_padded_cell()
    {
        using var scope = NewDisposeScope();
        using var model = new OddInputSameMaxPool();
        // All values negative: a zero-padded cell would win every edge window.
        var output = model.forward(Grid(offset: -100));
        Assert.Equal(new float[] { -95, -94, -92, -91 }, output.data<float>().ToArray());
    }

    [Fact]
    public void Same_average_pooling_averages_only_real_cells()
    {
        using var scope = NewDisposeScope();
        using var model = new OddInputSameAvgPool();
        var output = model.forward(Grid());
        // Windows: {1,2,4,5}, {3,6}, {7,8}, {9}.
        Assert.Equal(new float[] { 3f, 4.5f, 7.5f, 9f }, output.data<float>().ToArray());
    }

    [Fact]
    public void Symmetric_same_average_pooling_also_excludes_padding()
    {
        using var scope = NewDisposeScope();
        using var model = new SymmetricSameAvgPool();
        var output = model.forward(Grid());
        Assert.Equal(3f, output[0, 0, 0, 0].item<float>());   // mean of 1,2,4,5
        Assert.Equal(5f, output[0, 0, 1, 1].item<float>());   // mean of all nine
    }
}
