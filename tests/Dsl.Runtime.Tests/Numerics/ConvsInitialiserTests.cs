using System;
using System.Linq;
using Dsl.Runtime.Tests.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Numerics;

/// <summary>
/// The convolution family starts like Keras: Glorot-uniform kernels within ±sqrt(6 / (fan_in + fan_out)), fans
/// counted on Keras's kernel shape (keras/src/initializers/random_initializers.py, compute_fans: the product of the
/// spatial sizes times the second-to-last, resp. last, dimension), spread over that whole range, and zero biases.
/// </summary>
public class ConvsInitialiserTests
{
    [Fact]
    public void Depthwise_kernel_uses_keras_fans_not_those_of_the_grouped_torchsharp_weight()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(11);
        using var model = new DepthwiseInitProbe();
        // Keras kernel (3, 3, 16, 4): fan_in 16·9, fan_out 4·9. TorchSharp's xavier on (64, 1, 3, 3) would use 1·9 and 64·9.
        double keras = Limit(16 * 9, 4 * 9);
        Assert.True(Limit(9, 64 * 9) < 0.9 * keras);
        AssertGlorot(model.depthwise_conv2d_1.weight, keras);
        AssertZeros(model.depthwise_conv2d_1.bias);
    }

    [Fact]
    public void Separable_depthwise_and_pointwise_kernels_use_keras_fans_and_only_the_pointwise_has_a_zero_bias()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(12);
        using var model = new SeparableInitProbe();
        var children = model.separable_conv2d_1.named_children().ToDictionary(c => c.name, c => (Conv2d)c.module);
        // Depthwise kernel (3, 3, 16, 4); pointwise kernel (1, 1, 64, 32).
        AssertGlorot(children["depthwise"].weight, Limit(16 * 9, 4 * 9));
        Assert.Null(children["depthwise"].bias);
        AssertGlorot(children["pointwise"].weight, Limit(64, 32));
        AssertZeros(children["pointwise"].bias);
        var keys = model.state_dict().Keys.Order().ToArray();
        Assert.Equal(new[] { "separable_conv2d_1.depthwise.weight", "separable_conv2d_1.pointwise.bias", "separable_conv2d_1.pointwise.weight" }, keys);
    }

    [Fact]
    public void Transposed_kernel_uses_keras_fans_and_a_zero_bias()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(13);
        using var model = new TransposeInitProbe();
        // Keras kernel (3, 3, 16, 24): fan_in 16·9, fan_out 24·9 (TorchSharp's default would be Kaiming-uniform, bound 1/sqrt(16·9)).
        double keras = Limit(16 * 9, 24 * 9);
        Assert.True(1 / Math.Sqrt(16 * 9) < 0.9 * keras);
        AssertGlorot(model.conv2d_transpose_1.weight, keras);
        AssertZeros(model.conv2d_transpose_1.bias);
        Assert.Equal(new[] { "conv2d_transpose_1.bias", "conv2d_transpose_1.weight" }, model.state_dict().Keys.Order());
    }

    [Fact]
    public void Grouped_kernel_uses_keras_fans_and_a_zero_bias()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(14);
        using var model = new GroupedInitProbe();
        // Keras kernel (3, 3, 16 / 4, 32): fan_in 4·9, fan_out 32·9, as TorchSharp's xavier on (32, 4, 3, 3).
        AssertGlorot(model.conv2d_1.weight, Limit(4 * 9, 32 * 9));
        AssertZeros(model.conv2d_1.bias);
    }

    private static double Limit(long fanIn, long fanOut) => Math.Sqrt(6.0 / (fanIn + fanOut));

    private static void AssertGlorot(Tensor weight, double limit)
    {
        var values = weight.data<float>().ToArray();
        Assert.True(values.Length >= 500, "too few values to see the range: " + values.Length);
        Assert.All(values, v => Assert.InRange(v, -limit, limit));
        // Spread over the whole range: with 500+ uniform draws both ends are reached within 10%.
        Assert.True(values.Max() > 0.9 * limit, $"max {values.Max()} of limit {limit}");
        Assert.True(values.Min() < -0.9 * limit, $"min {values.Min()} of limit {limit}");
    }

    private static void AssertZeros(Tensor? bias)
    {
        Assert.NotNull(bias);
        Assert.All(bias!.data<float>().ToArray(), v => Assert.Equal(0f, v));
    }
}
