using System;
using Dsl.Runtime.Tests.Models;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests;

public class InputGuardTests
{
    [Fact]
    public void A_wrong_input_shape_throws_an_argument_exception_naming_both_shapes()
    {
        using var model = new SeedModel1();
        using var input = randn(4, 3, 28, 28);
        var error = Assert.Throws<ArgumentException>(() => model.forward(input));
        Assert.Contains("SeedModel1", error.Message);
        Assert.Contains("(N, 1, 28, 28)", error.Message);
        Assert.Contains("(4, 3, 28, 28)", error.Message);
    }

    [Fact]
    public void A_missing_batch_dimension_is_reported_not_sent_to_libtorch()
    {
        using var model = new SeedModel1();
        using var input = randn(1, 28, 28);
        var error = Assert.Throws<ArgumentException>(() => model.forward(input));
        Assert.Contains("(1, 28, 28)", error.Message);
    }

    [Fact]
    public void An_integer_input_is_rejected_with_a_hint()
    {
        using var model = new FlatMlp();
        using var input = zeros(new long[] { 2, 784 }, dtype: ScalarType.Int64);
        var error = Assert.Throws<ArgumentException>(() => model.forward(input));
        Assert.Contains("floating-point", error.Message);
    }

    [Fact]
    public void Forward_logits_skips_only_the_final_softmax()
    {
        using var scope = NewDisposeScope();
        using var model = new SeedModel1();
        model.eval();
        var input = randn(2, 1, 28, 28);
        var logits = model.ForwardLogits(input);
        var probabilities = model.forward(input);
        Assert.True(probabilities.allclose(nn.functional.softmax(logits, 1)));
        Assert.True(probabilities.sum(1).allclose(ones(2)));
    }
}
