using System;
using System.Collections.Generic;
using System.Linq;
using Dsl;
using Dsl.Runtime.Tests.Training;
using Dsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Numerics;

// One-layer probes for Keras's center, scale, keepdims and noise_shape options.

[Input(3, 2, 2)]
[BatchNorm(Scale = false, Epsilon = 0.01, Momentum = 0.8)]
public partial class BatchNormWithoutScaleProbe;

[Input(4, 3)]
[BatchNorm(Center = false, Momentum = 0.6)]
public partial class BatchNormWithoutCenterProbe;

[Input(5)]
[BatchNorm(Center = false, Scale = false, Epsilon = 0.1, Momentum = 0.5)]
public partial class BatchNormWithoutEitherProbe;

[Input(3, 4, 5)]
[GlobalAvgPool2D(Keepdims = true)]
public partial class KeptGlobalAvgPool2DProbe;

[Input(3, 4, 5)]
[GlobalMaxPool2D(Keepdims = true)]
public partial class KeptGlobalMaxPool2DProbe;

[Input(7, 3)]
[GlobalAvgPool1D(Keepdims = true)]
public partial class KeptGlobalAvgPool1DProbe;

[Input(7, 3)]
[GlobalMaxPool1D(Keepdims = true)]
public partial class KeptGlobalMaxPool1DProbe;

[Input(6, 5, 4)]
[Dropout(0.4, NoiseShape = new[] { 6, 1, 1 })]
public partial class ChannelNoiseDropoutProbe;

[Input(6, 5, 4)]
[Dropout(0.25, NoiseShape = new[] { 1, 5, 1 })]
public partial class RowNoiseDropoutProbe;

[Input(9, 4)]
[Dropout(0.5, NoiseShape = new[] { 1, 4 })]
public partial class SequenceNoiseDropoutProbe;

[Input(6, 5, 4)]
[Dropout(0, NoiseShape = new[] { 6, 1, 1 })]
public partial class ZeroRateNoiseDropoutProbe;

/// <summary>
/// Keras's center, scale, keepdims and noise_shape against references written from Keras's definitions as plain loops
/// over float arrays (images channels first, sequences (steps, features), as this DSL lays tensors out): nothing below calls a TorchSharp operation to
/// compute an expected value. Dropout's masks are random, so their checks are the structure Keras's definition implies
/// (one draw per mask entry, broadcast; kept values scaled by 1 / (1 − rate)) and a kept share within six standard
/// deviations of 1 − rate, under a fixed seed.
/// </summary>
[Collection(TrainingCollection.Name)]   // seeded draws: nothing else may reseed the global generator meanwhile
public class KerasOptionsNumericsTests
{
    private const float Tolerance = 1e-5f;

    public static TheoryData<string, bool, bool> BatchNorms() => new()
    {
        // model, center, scale
        { nameof(BatchNormWithoutScaleProbe), true, false },
        { nameof(BatchNormWithoutCenterProbe), false, true },
        { nameof(BatchNormWithoutEitherProbe), false, false },
    };

    [Theory]
    [MemberData(nameof(BatchNorms))]
    public void Batch_normalization_without_gamma_or_beta_keeps_exactly_kerass_trainable_weights(string name, bool center, bool scale)
    {
        var info = ModelCatalog.Get(name);
        using var model = info.Create();
        int channels = Channels(info.InputShape);
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var expected = new List<string>();
        if (scale)
            expected.Add("batch_normalization_1.weight");
        if (center)
            expected.Add("batch_normalization_1.bias");
        Assert.Equal(expected, parameters.Keys);
        Assert.All(parameters.Values, p => Assert.Equal(new long[] { channels }, p.shape));
        Assert.Equal(info.TrainableParameterCount, parameters.Values.Sum(p => p.numel()));
        // The moving statistics keep TorchSharp's state-dict keys, so the file formats read them as for any BatchNorm.
        Assert.Equal(expected.Concat(new[] { "batch_normalization_1.running_mean", "batch_normalization_1.running_var" }).Order(), model.state_dict().Keys.Order());
    }

    [Theory]
    [MemberData(nameof(BatchNorms))]
    public void Inference_normalises_with_the_moving_statistics_and_leaves_out_a_missing_gamma_or_beta(string name, bool center, bool scale)
    {
        using var scope = NewDisposeScope();
        var info = ModelCatalog.Get(name);
        using var model = info.Create();
        int channels = Channels(info.InputShape);
        var mean = Enumerable.Range(0, channels).Select(c => 0.3f * c - 0.2f).ToArray();
        var variance = Enumerable.Range(0, channels).Select(c => 0.5f + 0.75f * c).ToArray();
        var gamma = Enumerable.Range(0, channels).Select(c => 1.5f - 0.4f * c).ToArray();
        var beta = Enumerable.Range(0, channels).Select(c => 0.1f * c + 0.05f).ToArray();
        Set(model, "batch_normalization_1.running_mean", mean);
        Set(model, "batch_normalization_1.running_var", variance);
        if (scale)
            Set(model, "batch_normalization_1.weight", gamma);
        if (center)
            Set(model, "batch_normalization_1.bias", beta);
        double epsilon = BatchNormEpsilon(name);
        int[] shape = new[] { 2 }.Concat(info.InputShape).ToArray();
        var input = Values(shape, i => MathF.Sin(i * 0.9f) * (1 + i % 4));

        // Keras: gamma · (x − moving_mean) / sqrt(moving_variance + epsilon) + beta, gamma 1 without scale, beta 0 without center.
        var expected = input.Select((x, i) =>
        {
            int c = ChannelOf(i, info.InputShape);
            return (float)(((x - mean[c]) / Math.Sqrt(variance[c] + epsilon) * (scale ? gamma[c] : 1)) + (center ? beta[c] : 0));
        }).ToArray();
        model.eval();
        AssertClose(expected, Run(model, input, shape));
    }

    [Theory]
    [MemberData(nameof(BatchNorms))]
    public void Training_normalises_with_the_batch_statistics_and_moves_the_moving_ones_by_kerass_momentum(string name, bool center, bool scale)
    {
        using var scope = NewDisposeScope();
        var info = ModelCatalog.Get(name);
        using var model = info.Create();
        int channels = Channels(info.InputShape);
        var oldMean = Enumerable.Range(0, channels).Select(c => 0.25f * c).ToArray();
        var oldVariance = Enumerable.Range(0, channels).Select(c => 1f + 0.5f * c).ToArray();
        Set(model, "batch_normalization_1.running_mean", oldMean);
        Set(model, "batch_normalization_1.running_var", oldVariance);
        var gamma = Enumerable.Range(0, channels).Select(c => 0.5f + c).ToArray();
        var beta = Enumerable.Range(0, channels).Select(c => -0.25f * c).ToArray();
        if (scale)
            Set(model, "batch_normalization_1.weight", gamma);
        if (center)
            Set(model, "batch_normalization_1.bias", beta);
        double epsilon = BatchNormEpsilon(name), momentum = BatchNormMomentum(name);
        int[] shape = new[] { 3 }.Concat(info.InputShape).ToArray();
        var input = Values(shape, i => MathF.Cos(i * 1.7f) * (2 + i % 3) + i % 5);

        // Each channel's values over the batch and the positions.
        var byChannel = Enumerable.Range(0, channels).Select(c => input.Where((_, i) => ChannelOf(i, info.InputShape) == c).Select(v => (double)v).ToArray()).ToArray();
        var batchMean = byChannel.Select(v => v.Average()).ToArray();
        var batchVariance = byChannel.Select((v, c) => v.Sum(x => (x - batchMean[c]) * (x - batchMean[c])) / v.Length).ToArray();
        // Keras normalises with the batch's mean and (biased) variance: gamma · (x − mean) / sqrt(variance + epsilon) + beta.
        var expected = input.Select((x, i) =>
        {
            int c = ChannelOf(i, info.InputShape);
            return (float)(((x - batchMean[c]) / Math.Sqrt(batchVariance[c] + epsilon) * (scale ? gamma[c] : 1)) + (center ? beta[c] : 0));
        }).ToArray();
        model.train();
        AssertClose(expected, Run(model, input, shape, train: true));

        // moving = momentum · moving + (1 − momentum) · batch statistic, Keras's momentum being the share kept. The moving
        // variance takes the unbiased batch variance (n / (n − 1) times Keras's), as TorchSharp's BatchNorm1d and
        // BatchNorm2d do for every BatchNorm layer with gamma and beta: the kind keeps one convention whatever its options.
        var movingMean = Get(model, "batch_normalization_1.running_mean");
        var movingVariance = Get(model, "batch_normalization_1.running_var");
        for (int c = 0; c < channels; c++)
        {
            int n = byChannel[c].Length;
            AssertNear(momentum * oldMean[c] + (1 - momentum) * batchMean[c], movingMean[c], $"moving mean {c}");
            AssertNear(momentum * oldVariance[c] + (1 - momentum) * batchVariance[c] * n / (n - 1), movingVariance[c], $"moving variance {c}");
        }
    }

    [Fact]
    public void Without_gamma_beta_still_learns_and_nothing_else_does()
    {
        using var scope = NewDisposeScope();
        using var model = new BatchNormWithoutScaleProbe();
        model.train();
        using var input = tensor(Values(new[] { 4, 3, 2, 2 }, i => MathF.Sin(i * 0.37f) + i % 3), new long[] { 4, 3, 2, 2 });
        using var output = model.forward(input);
        using var loss = output.mul(tensor(new[] { 1f, 2f, 3f }).reshape(1, 3, 1, 1)).sum();
        loss.backward();
        var beta = Assert.Single(model.parameters());
        // d(sum of c·y)/d(beta_c) = c · (positions × batch) = c · 16.
        Assert.Equal(new[] { 16f, 32f, 48f }, beta.grad!.data<float>().ToArray());
    }

    public static TheoryData<string, bool> KeptPools() => new()
    {
        { nameof(KeptGlobalAvgPool2DProbe), false },
        { nameof(KeptGlobalMaxPool2DProbe), true },
        { nameof(KeptGlobalAvgPool1DProbe), false },
        { nameof(KeptGlobalMaxPool1DProbe), true },
    };

    [Theory]
    [MemberData(nameof(KeptPools))]
    public void Global_pooling_with_keepdims_keeps_size_1_dimensions_with_each_channels_mean_or_maximum(string name, bool max)
    {
        using var scope = NewDisposeScope();
        var info = ModelCatalog.Get(name);
        using var model = info.Create();
        int[] shape = new[] { 2 }.Concat(info.InputShape).ToArray();
        var input = Values(shape, i => MathF.Sin(i * 2.3f) * (1 + i % 7));
        int channels = Channels(info.InputShape), perSample = info.InputShape.Aggregate(1, (a, b) => a * b);

        var expected = new float[shape[0] * channels];
        for (int n = 0; n < shape[0]; n++)
        {
            for (int c = 0; c < channels; c++)
            {
                var cell = Enumerable.Range(n * perSample, perSample).Where(i => ChannelOf(i, info.InputShape) == c).Select(i => input[i]).ToArray();
                expected[(n * channels) + c] = max ? cell.Max() : cell.Sum() / cell.Length;
            }
        }
        model.eval();
        using var x = tensor(input, shape.Select(d => (long)d).ToArray());
        using var y = ((nn.Module<Tensor, Tensor>)model).forward(x);
        // Keras keeps the pooled axes as 1s: (N, 1, C) for a sequence, (N, C, 1, 1) for an image here.
        Assert.Equal(shape.Length == 3 ? new long[] { shape[0], 1, channels } : new long[] { shape[0], channels, 1, 1 }, y.shape);
        Assert.Equal(new[] { shape[0] }.Concat(info.OutputShape).Select(d => (long)d), y.shape);
        AssertClose(expected, y.contiguous().data<float>().ToArray());
    }

    public static TheoryData<string> NoiseDropouts() => new()
    {
        nameof(ChannelNoiseDropoutProbe),
        nameof(RowNoiseDropoutProbe),
        nameof(SequenceNoiseDropoutProbe),
    };

    [Theory]
    [MemberData(nameof(NoiseDropouts))]
    public void Dropout_with_a_noise_shape_drops_whole_broadcast_blocks_and_scales_the_kept_ones(string name)
    {
        using var scope = NewDisposeScope();
        var info = ModelCatalog.Get(name);
        using var model = info.Create();
        var dropout = info.Layers.Single();
        var noise = ((Dsl.Modules.NoiseShapeDropout)model.named_children().Single().module).NoiseShape.ToArray();
        double rate = dropout.Rate, keep = 1 - rate;
        const int Batch = 300;
        int[] shape = new[] { Batch }.Concat(info.InputShape).ToArray();
        var input = Values(shape, i => 1 + (i % 13) * 0.25f);   // never 0, so a zero is a dropped value
        Trainer.Seed(2024);
        model.train();
        var output = Run(model, input, shape, train: true);

        // Keras: one Bernoulli(1 − rate) draw per entry of the mask (batch, noise shape), broadcast over the input;
        // where it is 1 the value is x / (1 − rate), else 0. Every input position maps to its mask entry.
        int[] sample = info.InputShape.ToArray();
        var draws = new Dictionary<(int Sample, int Entry), bool>();
        for (int i = 0; i < input.Length; i++)
        {
            int n = i / sample.Aggregate(1, (a, b) => a * b);
            int entry = MaskEntry(i % sample.Aggregate(1, (a, b) => a * b), sample, noise);
            bool kept = output[i] != 0;
            if (kept)
                Assert.True(Math.Abs(output[i] - input[i] / keep) <= Tolerance * 10, $"{name} at {i}: kept {input[i]} became {output[i]}, not {input[i] / keep}");
            if (draws.TryGetValue((n, entry), out bool earlier))
                Assert.True(earlier == kept, $"{name}: sample {n}, mask entry {entry} is kept at one position and dropped at another");
            else
                draws[(n, entry)] = kept;
        }
        long entries = Batch * noise.Aggregate(1L, (a, b) => a * b);
        Assert.Equal(entries, draws.Count);
        double share = draws.Values.Count(k => k) / (double)entries;
        Assert.True(Math.Abs(share - keep) <= 6 * Math.Sqrt(keep * rate / entries), $"{name}: {share:P1} of the mask kept, 1 − rate is {keep:P1}");
        // Each sample draws its own mask.
        var perSample = Enumerable.Range(0, Batch).Select(n => string.Concat(draws.Where(d => d.Key.Sample == n).OrderBy(d => d.Key.Entry).Select(d => d.Value ? '1' : '0'))).Distinct().Count();
        Assert.True(perSample > 1, $"{name}: every sample got the same mask");
    }

    [Theory]
    [MemberData(nameof(NoiseDropouts))]
    [InlineData(nameof(ZeroRateNoiseDropoutProbe))]
    public void Dropout_with_a_noise_shape_is_the_identity_in_evaluation(string name)
    {
        using var scope = NewDisposeScope();
        var info = ModelCatalog.Get(name);
        using var model = info.Create();
        int[] shape = new[] { 5 }.Concat(info.InputShape).ToArray();
        var input = Values(shape, i => MathF.Cos(i * 0.61f));
        model.eval();
        Assert.Equal(input, Run(model, input, shape));
    }

    [Fact]
    public void Dropout_with_a_noise_shape_at_rate_0_is_the_identity_in_training()
    {
        using var scope = NewDisposeScope();
        using var model = new ZeroRateNoiseDropoutProbe();
        int[] shape = { 4, 6, 5, 4 };
        var input = Values(shape, i => MathF.Sin(i * 0.13f));
        model.train();
        Assert.Equal(input, Run(model, input, shape, train: true));
    }

    [Fact]
    public void Dropout_with_a_noise_shape_passes_the_gradient_through_the_kept_values_only()
    {
        using var scope = NewDisposeScope();
        using var model = new ChannelNoiseDropoutProbe();
        Trainer.Seed(7);
        model.train();
        using var input = ones(8, 6, 5, 4).requires_grad_();
        using var output = model.forward(input);
        output.sum().backward();
        var kept = output.detach().contiguous().data<float>().ToArray();
        var gradient = input.grad!.contiguous().data<float>().ToArray();
        // d(x / (1 − rate))/dx where kept, 0 where dropped.
        for (int i = 0; i < kept.Length; i++)
            Assert.Equal(kept[i] == 0 ? 0f : 1f / 0.6f, gradient[i], 5);
    }

    /// <summary>The flat index, within one sample's mask, of the entry that covers position <paramref name="index"/> of a sample.</summary>
    private static int MaskEntry(int index, int[] sample, long[] noise)
    {
        int entry = 0, rest = index;
        var coordinates = new int[sample.Length];
        for (int d = sample.Length - 1; d >= 0; d--)
        {
            coordinates[d] = rest % sample[d];
            rest /= sample[d];
        }
        for (int d = 0; d < sample.Length; d++)
            entry = (entry * (int)noise[d]) + (noise[d] == 1 ? 0 : coordinates[d]);
        return entry;
    }

    private static double BatchNormEpsilon(string name) => name switch
    {
        nameof(BatchNormWithoutScaleProbe) => 0.01,
        nameof(BatchNormWithoutEitherProbe) => 0.1,
        _ => 0.001,
    };

    private static double BatchNormMomentum(string name) => name switch
    {
        nameof(BatchNormWithoutScaleProbe) => 0.8,
        nameof(BatchNormWithoutCenterProbe) => 0.6,
        _ => 0.5,
    };

    /// <summary>The channels (features) of a per-sample shape: an image's first axis, a sequence's or a vector's last.</summary>
    private static int Channels(IReadOnlyList<int> sample) => sample.Count == 3 ? sample[0] : sample[sample.Count - 1];

    /// <summary>The channel of flat index <paramref name="i"/> of a batch of <paramref name="sample"/>-shaped values.</summary>
    private static int ChannelOf(int i, IReadOnlyList<int> sample) =>
        sample.Count == 3 ? i / (sample[1] * sample[2]) % sample[0] : i % sample[sample.Count - 1];

    private static float[] Values(int[] shape, Func<int, float> value) =>
        Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(value).ToArray();

    private static float[] Run(nn.Module model, float[] input, int[] shape, bool train = false)
    {
        Assert.Equal(train, model.training);
        using var x = tensor(input, shape.Select(d => (long)d).ToArray());
        using var output = ((nn.Module<Tensor, Tensor>)model).forward(x);
        Assert.Equal(shape.Select(d => (long)d), output.shape);
        return output.contiguous().data<float>().ToArray();
    }

    private static void Set(nn.Module model, string name, float[] values)
    {
        var target = model.named_parameters().Select(p => (p.name, tensor: (Tensor)p.parameter))
            .Concat(model.named_buffers().Select(b => (b.name, tensor: b.buffer)))
            .Single(t => t.name == name).tensor;
        using var noGrad = no_grad();
        using var source = tensor(values, target.shape);
        target.copy_(source);
    }

    private static float[] Get(nn.Module model, string name) =>
        model.named_buffers().Single(b => b.name == name).buffer.contiguous().data<float>().ToArray();

    private static void AssertNear(double expected, float actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-5 * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected}, got {actual}");

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance * Math.Max(1, Math.Abs(expected[i])), $"at {i}: expected {expected[i]}, got {actual[i]}");
    }
}
