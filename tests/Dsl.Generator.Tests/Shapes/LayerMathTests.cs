using Dsl.Generator.Layers.Geometry;

namespace Dsl.Generator.Tests.Shapes;

/// <summary>Keras's output-length and "same" padding arithmetic (TensorFlow's conv_output_length / SAME padding).</summary>
public class LayerMathTests
{
    [Theory]
    [InlineData(28, 3, 1, 26)]
    [InlineData(28, 2, 2, 14)]
    [InlineData(7, 2, 2, 3)]     // the seed's Model2: 7 → 3
    [InlineData(3, 2, 2, 1)]     // 3 → 1
    [InlineData(28, 3, 3, 9)]    // the seed's Model3: 28 → 9
    [InlineData(9, 2, 2, 4)]
    [InlineData(11, 2, 3, 4)]
    [InlineData(1, 2, 2, 0)]     // a 2x2 pool on 1x1 leaves nothing
    [InlineData(2, 3, 1, 0)]
    [InlineData(2, 5, 2, -1)]
    public void Valid_output_length_is_floor_of_input_minus_window_over_stride_plus_one(int input, int window, int stride, int expected) =>
        Assert.Equal(expected, LayerMath.OutputLength(input, window, stride, Padding.Valid));

    [Theory]
    [InlineData(28, 3, 1, 28)]
    [InlineData(28, 3, 2, 14)]
    [InlineData(15, 3, 2, 8)]
    [InlineData(7, 2, 2, 4)]
    [InlineData(1, 7, 1, 1)]
    [InlineData(10, 5, 3, 4)]
    public void Same_output_length_is_ceil_of_input_over_stride(int input, int window, int stride, int expected) =>
        Assert.Equal(expected, LayerMath.OutputLength(input, window, stride, Padding.Same));

    [Theory]
    [InlineData(28, 3, 1, 1, 1)]  // odd kernel, stride 1: symmetric
    [InlineData(28, 2, 1, 0, 1)]  // even kernel: the extra cell goes after (bottom/right)
    [InlineData(28, 3, 2, 0, 1)]  // stride 2 on an even input: 13*2 + 3 - 28 = 1
    [InlineData(15, 3, 2, 1, 1)]
    [InlineData(11, 5, 3, 1, 2)]
    [InlineData(5, 1, 3, 0, 0)]   // stride larger than the window never needs padding here
    [InlineData(5, 7, 1, 3, 3)]
    public void Same_padding_puts_the_smaller_half_first(int input, int window, int stride, int before, int after) =>
        Assert.Equal((before, after), LayerMath.SamePadding(input, window, stride));

    [Theory]
    [InlineData(7, 2, 3)]
    [InlineData(-1, 2, -1)]
    [InlineData(-3, 2, -2)]
    [InlineData(-4, 2, -2)]
    [InlineData(0, 5, 0)]
    public void Floor_division_rounds_toward_negative_infinity(int a, int b, int expected) =>
        Assert.Equal(expected, LayerMath.FloorDiv(a, b));
}
