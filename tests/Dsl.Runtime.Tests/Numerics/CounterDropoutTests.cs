using System;
using System.Linq;
using Dsl.Modules;
using Dsl.Runtime.Tests.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Numerics;

/// <summary>
/// The runtime's dropout layer with its counter-based masks: the generator is SplitMix64 (checked against the published
/// outputs of Vigna's reference code), the SIMD and scalar paths write the same mask, each element is kept with
/// probability 1 − rate independently of its neighbours, kept values are scaled exactly as Keras scales them, the
/// gradient is the mask, the input's memory layout is kept, and the global generator's seed decides every mask.
/// </summary>
[Collection(TrainingCollection.Name)]   // seeded draws from the global generator: nothing else may reseed it meanwhile
public class CounterDropoutTests
{
    [Fact]
    public void The_draws_are_SplitMix64s_outputs()
    {
        // splitmix64.c (Vigna) seeded with 1234567: its first five outputs, as its test vectors print them.
        ulong[] published = { 6457827717110365317, 3203168211198807973, 9817491932198370423, 4593380528125082431, 16408922859458223821 };
        Assert.Equal(published, Enumerable.Range(1, 5).Select(pair => CounterDropoutMask.Draw64(1234567, pair)));
    }

    [Theory]
    [InlineData(1, 512)]
    [InlineData(7, 512)]
    [InlineData(16, 512)]
    [InlineData(1001, 512)]
    [InlineData(4099, 512)]
    [InlineData(4099, 256)]
    [InlineData(15, 256)]
    [InlineData(4099, 0)]
    public void Every_vector_width_writes_what_each_draw_says(int length, int vectorBits)
    {
        if (vectorBits == 512 && !System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated
            || vectorBits == 256 && !System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated)
            vectorBits = 0;   // the path this CPU cannot run: still check the scalar one
        const ulong seed = 0xDEADBEEFCAFEUL;
        uint threshold = CounterDropoutMask.Threshold(0.35);
        var values = new float[length];
        CounterDropoutMask.Fill(values, seed, threshold, 2.5f, vectorBits);
        for (int i = 0; i < length; i++)
        {
            ulong z = CounterDropoutMask.Draw64(seed, i / 2);
            uint draw = i % 2 == 0 ? (uint)z : (uint)(z >> 32);
            Assert.Equal(draw >= threshold ? 2.5f : 0f, values[i]);
        }
    }

    [Theory]
    [InlineData(0.2)]
    [InlineData(0.5)]
    [InlineData(0.7)]
    public void Each_value_is_kept_with_probability_one_minus_the_rate_and_scaled_as_Keras_scales_it(double rate)
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        var x = ones(64, 32, 16, 16);                       // 524,288 values
        var y = CounterDropoutMask.Draw(x, rate).mul(x);
        float scale = (float)(1 / (1 - rate));
        var kept = y.ne(0);
        Assert.True(y.masked_select(kept).eq(scale).all().item<bool>(), "every kept value is 1 / (1 - rate)");
        double n = y.numel(), share = kept.sum().item<long>() / n;
        double sigma = Math.Sqrt(rate * (1 - rate) / n);
        Assert.InRange(share, 1 - rate - 5 * sigma, 1 - rate + 5 * sigma);

        // Neighbours are independent: in memory order (the two halves of one draw, and across draws) and across channels.
        var flat = kept.flatten().to_type(ScalarType.Float64);
        double both = flat.narrow(0, 0, (long)n - 1).mul(flat.narrow(0, 1, (long)n - 1)).mean().item<double>();
        double expected = (1 - rate) * (1 - rate), bothSigma = Math.Sqrt(expected * (1 - expected) / n);
        Assert.InRange(both, expected - 6 * bothSigma, expected + 6 * bothSigma);
        var channels = kept.to_type(ScalarType.Float64);
        double acrossChannels = channels.narrow(1, 0, 31).mul(channels.narrow(1, 1, 31)).mean().item<double>();
        Assert.InRange(acrossChannels, expected - 6 * bothSigma, expected + 6 * bothSigma);
    }

    [Fact]
    public void The_global_seed_decides_the_mask_and_each_draw_is_new()
    {
        using var scope = NewDisposeScope();
        var x = ones(8, 4, 6, 6);
        manual_seed(5);
        var first = CounterDropoutMask.Draw(x, 0.4);
        var second = CounterDropoutMask.Draw(x, 0.4);
        manual_seed(5);
        var again = CounterDropoutMask.Draw(x, 0.4);
        Assert.True(Same(first, again));
        Assert.False(Same(first, second));
    }

    [Fact]
    public void A_channels_last_input_gets_a_channels_last_mask_drawn_in_memory_order()
    {
        using var scope = NewDisposeScope();
        var logical = rand(4, 6, 5, 5);
        var channelsLast = logical.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
        manual_seed(9);
        var mask = CounterDropoutMask.Draw(channelsLast, 0.3);
        Assert.Equal(channelsLast.stride(), mask.stride());
        // The same seed over a contiguous (N, H, W, C) tensor: the same draws position by position in memory.
        manual_seed(9);
        var nhwc = CounterDropoutMask.Draw(zeros(4, 5, 5, 6), 0.3);
        Assert.True(Same(mask.permute(0, 2, 3, 1), nhwc));
        var dropout = new Dsl.Modules.Dropout(0.3);
        dropout.train();
        Assert.Equal(channelsLast.stride(), dropout.call(channelsLast).stride());
    }

    [Fact]
    public void The_gradient_is_the_mask_and_evaluation_is_the_identity()
    {
        using var scope = NewDisposeScope();
        var dropout = new Dsl.Modules.Dropout(0.25);
        dropout.train();
        var x = rand(16, 10, 9).add(0.5).requires_grad_(true);
        manual_seed(3);
        var y = dropout.call(x);
        y.sum().backward();
        var mask = y.detach().div(x.detach());
        Assert.True(x.grad!.allclose(mask, rtol: 1e-6, atol: 0));
        Assert.True(mask.eq(0).logical_or(mask.sub(1 / 0.75).abs().lt(1e-5)).all().item<bool>());

        dropout.eval();
        Assert.True(Same(dropout.call(x), x));
        var none = new Dsl.Modules.Dropout(0);
        none.train();
        Assert.True(Same(none.call(x), x));
    }

    [Fact]
    public void Libtorch_masks_are_libtorchs_own_and_other_types_fall_back_to_them()
    {
        using var scope = NewDisposeScope();
        var x = rand(32, 8, 7, 7);
        var dropout = new Dsl.Modules.Dropout(0.5) { MaskSource = DropoutMaskSource.Libtorch };
        dropout.train();
        manual_seed(21);
        var ours = dropout.call(x);
        manual_seed(21);
        var libtorch = nn.functional.dropout(x, 0.5, training: true);
        Assert.True(Same(ours, libtorch));

        var doubles = x.to_type(ScalarType.Float64);
        Assert.False(CounterDropoutMask.Supports(doubles));
        dropout.MaskSource = DropoutMaskSource.Counter;
        manual_seed(21);
        var fallback = dropout.call(doubles);
        manual_seed(21);
        Assert.True(Same(fallback, nn.functional.dropout(doubles, 0.5, training: true)));

        var halves = x.to_type(ScalarType.BFloat16);
        var dropped = dropout.call(halves);
        Assert.Equal(ScalarType.BFloat16, dropped.dtype);
        Assert.True(dropped.eq(0).logical_or(dropped.eq(halves.mul(2))).all().item<bool>());
    }

    [Fact]
    public void The_trainer_option_sets_every_dropout_layer_before_training()
    {
        using var model = new SmallDropoutNet();
        using var trainer = new Dsl.Training.Trainer(model, TestOptions.Create() with { DropoutMasks = DropoutMaskSource.Libtorch });
        using var x = rand(32, 1, 12, 12);
        using var y = randint(0, 10, 32);
        trainer.Fit(x, y);
        var layers = model.modules().OfType<Dsl.Modules.Dropout>().ToList();
        Assert.NotEmpty(layers);
        Assert.All(layers, layer => Assert.Equal(DropoutMaskSource.Libtorch, layer.MaskSource));
    }

    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
}
