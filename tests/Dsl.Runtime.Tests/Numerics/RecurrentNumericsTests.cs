using System;
using System.Linq;
using Dsl.Modules;
using Dsl.Runtime.Tests.Data;
using Dsl.Runtime.Tests.Models;
using Dsl.Runtime.Tests.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Numerics;

/// <summary>
/// The recurrent modules against <see cref="KerasRecurrentReference"/>, Keras's equations in double precision: SimpleRNN,
/// LSTM and GRU (both reset_after forms), forwards and backwards, returning sequences or the last output, with masks
/// (state carried through masked steps, the previous output or zeros at them), Bidirectional's four merges, and the
/// generated models' modules; dropout masks are drawn once per call; repeated calls leak no tensor.
/// </summary>
[Collection(TrainingCollection.Name)]   // dropout masks drawn from the process-wide generator, seeded and compared
public sealed class RecurrentNumericsTests
{
    private const double Tolerance = 2e-5;

    public static TheoryData<string, bool, bool, bool> Cases()
    {
        var data = new TheoryData<string, bool, bool, bool>();
        foreach (var cell in new[] { "simple_rnn", "lstm", "gru", "gru_reset_before" })
        {
            foreach (bool backwards in new[] { false, true })
            {
                foreach (bool sequences in new[] { false, true })
                    data.Add(cell, backwards, sequences, false);
            }
            data.Add(cell, false, true, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_cell_computes_kerass_equations(string cell, bool goBackwards, bool returnSequences, bool otherActivations)
    {
        using var scope = NewDisposeScope();
        var random = new Random(cell.Length * 31 + (goBackwards ? 7 : 0) + (returnSequences ? 3 : 0));
        var settings = new RecurrentSettings(
            Activation: otherActivations ? Activation.Softsign : Activation.Tanh,
            RecurrentActivation: otherActivations ? Activation.HardSigmoid : Activation.Sigmoid,
            ReturnSequences: returnSequences,
            GoBackwards: goBackwards);
        var (module, reference) = Build(cell, features: 3, units: 4, settings, random);
        if (otherActivations)
            reference = reference with { Activation = x => x / (1 + Math.Abs(x)), RecurrentActivation = x => Math.Min(Math.Max(x + 3, 0), 6) / 6 };
        var x = Random3(random, 2, 6, 3);
        module.eval();
        AssertClose(reference.Run(x), module.forward(ToTensor(x)), returnSequences);
    }

    [Theory]
    [InlineData("simple_rnn", false, false)]
    [InlineData("lstm", false, true)]
    [InlineData("lstm", true, true)]
    [InlineData("gru", true, false)]
    [InlineData("gru_reset_before", false, true)]
    [InlineData("lstm", true, false)]
    public void Masked_steps_keep_the_state_and_output_the_previous_output_or_zeros(string cell, bool goBackwards, bool zeroOutput)
    {
        using var scope = NewDisposeScope();
        var random = new Random(17);
        // Padding at the end, at the start, and a gap in the middle (Keras carries the state through all of them).
        var mask = new bool[3, 7]
        {
            { true, true, true, true, false, false, false },
            { false, false, true, true, true, true, true },
            { true, false, true, true, false, true, false },
        };
        foreach (bool sequences in new[] { false, true })
        {
            var settings = new RecurrentSettings(ReturnSequences: sequences, GoBackwards: goBackwards);
            var (module, reference) = Build(cell, features: 2, units: 3, settings, random);
            module.ZeroOutputForMask = zeroOutput;
            reference = reference with { ZeroOutputForMask = zeroOutput };
            var x = Random3(random, 3, 7, 2);
            var maskTensor = tensor(Enumerable.Range(0, 3).SelectMany(b => Enumerable.Range(0, 7).Select(t => mask[b, t])).ToArray()).view(3, 7);
            AssertClose(reference.Run(x, mask), module.forward(ToTensor(x), maskTensor), sequences);
        }
    }

    [Fact]
    public void A_mask_of_all_real_steps_changes_nothing_and_a_masked_sample_stays_at_zero()
    {
        using var scope = NewDisposeScope();
        var (module, _) = Build("lstm", 2, 3, new RecurrentSettings(ReturnSequences: true), new Random(3));
        var x = randn(2, 5, 2);
        // Unmasked, the LSTM runs in libtorch's kernel; masked, step by step: the same values to float rounding.
        Assert.True(module.forward(x).allclose(module.forward(x, ones(2, 5, dtype: ScalarType.Bool)), rtol: 1e-5, atol: 1e-6));
        var none = module.forward(x, zeros(2, 5, dtype: ScalarType.Bool));
        Assert.Equal(0, none.abs().max().item<float>());
    }

    [Theory]
    [InlineData(MergeMode.Concat, true)]
    [InlineData(MergeMode.Sum, false)]
    [InlineData(MergeMode.Mul, true)]
    [InlineData(MergeMode.Ave, false)]
    public void Bidirectional_merges_the_forward_layer_with_the_backward_one_flipped_back(MergeMode mode, bool returnSequences)
    {
        using var scope = NewDisposeScope();
        var random = new Random((int)mode + 11);
        var (forward, forwardReference) = Build("gru", 3, 4, new RecurrentSettings(ReturnSequences: returnSequences), random);
        var (backward, backwardReference) = Build("gru", 3, 4, new RecurrentSettings(ReturnSequences: returnSequences, GoBackwards: true), random);
        using var layer = new Bidirectional("forward_gru", forward, "backward_gru", backward, mode);
        var mask = new bool[2, 5] { { true, true, true, false, false }, { true, true, true, true, true } };
        var x = Random3(random, 2, 5, 3);
        // Keras's Bidirectional outputs zeros at masked steps of layers that return sequences.
        var y = (forwardReference with { ZeroOutputForMask = returnSequences }).Run(x, mask);
        var reversed = (backwardReference with { ZeroOutputForMask = returnSequences }).Run(x, mask);
        int steps = y.GetLength(1), units = y.GetLength(2);
        var expected = new double[2, steps, mode == MergeMode.Concat ? 2 * units : units];
        for (int b = 0; b < 2; b++)
        {
            for (int t = 0; t < steps; t++)
            {
                for (int u = 0; u < units; u++)
                {
                    double a = y[b, t, u], r = reversed[b, returnSequences ? steps - 1 - t : t, u];
                    switch (mode)
                    {
                        case MergeMode.Concat:
                            expected[b, t, u] = a;
                            expected[b, t, units + u] = r;
                            break;
                        case MergeMode.Sum:
                            expected[b, t, u] = a + r;
                            break;
                        case MergeMode.Mul:
                            expected[b, t, u] = a * r;
                            break;
                        default:
                            expected[b, t, u] = (a + r) / 2;
                            break;
                    }
                }
            }
        }
        var maskTensor = tensor(new[] { true, true, true, false, false, true, true, true, true, true }).view(2, 5);
        AssertClose(expected, layer.forward(ToTensor(x), maskTensor), returnSequences);
    }

    [Fact]
    public void The_generated_lstm_is_kerass_lstm_with_its_state_dict_in_kerass_layout()
    {
        using var scope = NewDisposeScope();
        using var model = new LstmClassifier();
        var keys = model.state_dict().Keys.ToArray();
        Assert.Equal(new[] { "lstm_1.kernel", "lstm_1.recurrent_kernel", "lstm_1.bias", "dense_1.weight", "dense_1.bias" }, keys);
        Assert.Equal(new long[] { 8, 64 }, model.lstm_1.Kernel.shape);
        Assert.Equal(new long[] { 16, 64 }, model.lstm_1.RecurrentKernel.shape);
        var reference = new KerasRecurrentReference("lstm", ToArray(model.lstm_1.Kernel), ToArray(model.lstm_1.RecurrentKernel), ToVector(model.lstm_1.Bias!), null);
        var x = Random3(new Random(5), 3, 12, 8);
        model.eval();
        AssertClose(reference.Run(x), model.lstm_1.forward(ToTensor(x)), false);
    }

    [Fact]
    public void Bidirectional_and_time_distributed_layers_nest_under_kerass_names()
    {
        using var scope = NewDisposeScope();
        using var merges = new BidirectionalMerges();
        Assert.Equal(
            new[] { "forward_encoder.kernel", "forward_encoder.recurrent_kernel", "forward_encoder.bias", "backward_encoder.kernel", "backward_encoder.recurrent_kernel", "backward_encoder.bias" },
            merges.state_dict().Keys.Where(k => k.StartsWith("bidirectional_1.", StringComparison.Ordinal)).Select(k => k["bidirectional_1.".Length..]));
        Assert.Contains("bidirectional_2.forward_gru.bias", merges.state_dict().Keys);
        Assert.Contains("bidirectional_2.backward_simple_rnn.kernel", merges.state_dict().Keys);
        Assert.False(merges.bidirectional_1.Forward.Settings.GoBackwards);
        Assert.True(merges.bidirectional_1.Backward.Settings.GoBackwards);
        using var distributed = new TimeDistributedDense();
        Assert.Contains("time_distributed_1.dense.weight", distributed.state_dict().Keys);
        Assert.Contains("time_distributed_3.dense.bias", distributed.state_dict().Keys);
        using var nested = new TimeDistributedLstm();
        Assert.Contains("time_distributed_1.lstm.recurrent_kernel", nested.state_dict().Keys);
    }

    [Fact]
    public void Time_distributed_applies_its_layer_to_each_step_alone()
    {
        using var scope = NewDisposeScope();
        using var model = new TimeDistributedLstm();
        model.eval();
        var x = randn(2, 4, 6, 3);
        var all = model.time_distributed_1.forward(x);
        for (int step = 0; step < 4; step++)
            Assert.True(all.select(1, step).allclose(model.time_distributed_1.InnerAs<Lstm>().forward(x.select(1, step)), rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void Dropout_draws_its_masks_once_per_call_and_only_in_training()
    {
        using var scope = NewDisposeScope();
        var x = randn(3, 6, 4);
        foreach (var cell in new[] { "simple_rnn", "lstm", "gru", "gru_reset_before" })
        {
            var (module, _) = Build(cell, 4, 5, new RecurrentSettings(ReturnSequences: true, Dropout: 0.3, RecurrentDropout: 0.4), new Random(1));
            module.eval();
            var evaluation = module.forward(x);
            TensorAssert.Identical(evaluation, module.forward(x));
            module.train();
            torch.manual_seed(9);
            var first = module.forward(x);
            torch.manual_seed(9);
            TensorAssert.Identical(first, module.forward(x));
            Assert.False(first.allclose(evaluation));
            // The gradient reaches every weight through the masked steps.
            first.sum().backward();
            Assert.All(module.parameters(), p => Assert.True(p.grad is not null && p.grad.abs().sum().item<float>() > 0));
        }
    }

    [Fact]
    public void Repeated_calls_leak_no_tensors_in_either_mode()
    {
        var statistics = DisposeScopeManager.Statistics.TensorStatistics;
        using var input = randn(2, 5, 3);
        using var mask = ones(2, 5, dtype: ScalarType.Bool);
        foreach (var cell in new[] { "simple_rnn", "lstm", "gru", "gru_reset_before" })
        {
            var (module, _) = Build(cell, 3, 4, new RecurrentSettings(ReturnSequences: cell == "lstm", Dropout: 0.2, RecurrentDropout: 0.2), new Random(2));
            using (module)
            {
                foreach (bool training in new[] { true, false })
                {
                    module.train(training);
                    using (module.forward(input))
                    {
                    }
                    long before = statistics.ThreadTotalLiveCount;
                    for (int call = 0; call < 3; call++)
                    {
                        using var output = module.forward(input, mask);
                        var (last, states) = module.ForwardWithStates(input);
                        last.Dispose();
                        foreach (var state in states)
                            state.Dispose();
                    }
                    Assert.True(before == statistics.ThreadTotalLiveCount, $"{cell} (training {training}) left {statistics.ThreadTotalLiveCount - before} tensors alive");
                }
            }
        }
    }

    [Fact]
    public void Return_state_gives_kerass_final_states()
    {
        using var scope = NewDisposeScope();
        var (module, _) = Build("lstm", 2, 3, new RecurrentSettings(ReturnSequences: true), new Random(4));
        var x = randn(2, 5, 2);
        var mask = tensor(new[] { true, true, false, false, false, true, true, true, true, true }).view(2, 5);
        var (output, states) = module.ForwardWithStates(x, mask);
        Assert.Equal(2, states.Length);
        // h is the last real step's output, carried through the padding.
        Assert.True(states[0][0].allclose(output[0][1]));
        Assert.True(states[0][1].allclose(output[1][4]));
    }

    [Fact]
    public void A_generated_layer_with_return_state_outputs_kerass_final_states()
    {
        using var scope = NewDisposeScope();
        using var model = new RecurrentStates();
        model.eval();
        var source = randn(3, 8, 5);
        var target = randn(3, 6, 4);
        var outputs = model.forward(source, target);
        // The GRU goes backwards: its sequence is in processing order, and its final state is the last output of it.
        Assert.Equal(new long[] { 3, 6, 3 }, outputs.decoder_output.shape);
        Assert.True(outputs.decoder_state_h.allclose(outputs.decoder_output.select(1, 5)));
        var (_, expected) = model.decoder.ForwardWithStates(target);
        Assert.True(outputs.decoder_state_h.allclose(expected[0]));
        // The LSTM's state_h and state_c, joined, are what the classifier reads: Keras's [h, c] after the last step.
        var (last, states) = model.encoder.ForwardWithStates(source);
        Assert.True(last.allclose(states[0]));
        var joined = cat(new[] { states[0], states[1] }, 1);
        Assert.True(outputs.label.allclose(model.label.forward(joined), rtol: 1e-5, atol: 1e-6));
        Assert.Equal(new[] { "output", "state_h", "state_c" }, RecurrentStates.Layers.Single(l => l.Name == "encoder").OutputNames);
    }

    [Fact]
    public void Bidirectional_without_a_merge_outputs_both_layers_the_backward_one_in_the_inputs_order()
    {
        using var scope = NewDisposeScope();
        using var model = new UnmergedBidirectional();
        model.eval();
        var x = randn(2, 6, 3);
        var outputs = model.forward(x);
        var forward = model.both.Forward.forward(x);
        var backward = model.both.Backward.forward(x).flip(1);
        Assert.True(outputs.subtract_1.allclose(forward - backward, rtol: 1e-5, atol: 1e-6));
        Assert.True(outputs.tail.allclose(model.tail.forward(backward), rtol: 1e-5, atol: 1e-6));
        Assert.Throws<InvalidOperationException>(() => model.both.forward(x, null));
    }

    [Fact]
    public void Masked_steps_are_skipped_so_padding_before_or_after_the_real_steps_gives_the_same_final_state()
    {
        using var scope = NewDisposeScope();
        using var model = new MaskedRecurrences();
        model.eval();
        var real = randn(1, 4, 3);
        var padding = zeros(1, 2, 3);
        var after = model.forward(cat(new[] { real, padding }, 1));
        var before = model.forward(cat(new[] { padding, real }, 1));
        Assert.True(after.last_output.allclose(before.last_output, rtol: 1e-5, atol: 1e-6));
        Assert.True(after.last_state_h.allclose(before.last_state_h, rtol: 1e-5, atol: 1e-6));
        // Without the mask the padded steps would count: the same sequence unmasked differs.
        var unmasked = model.last.forward(model.time_distributed_1.forward(model.bidirectional_1.forward(model.lstm_1.forward(cat(new[] { real, padding }, 1)))));
        Assert.False(unmasked.allclose(after.last_output, rtol: 1e-5, atol: 1e-6));
    }

    [Theory]
    [InlineData("simple_rnn", false, false)]
    [InlineData("lstm", false, true)]
    [InlineData("lstm", true, false)]
    [InlineData("gru", true, true)]
    [InlineData("gru_reset_before", false, true)]
    public void Initial_states_start_the_first_step_and_a_masked_first_step_outputs_the_initial_h(string cell, bool goBackwards, bool masked)
    {
        using var scope = NewDisposeScope();
        var random = new Random(cell.Length * 13 + (goBackwards ? 1 : 0));
        // Padding where the processing starts: the first outputs are the initial h, as in Keras.
        var mask = new bool[2, 5]
        {
            { false, false, true, true, true },
            { true, true, true, false, false },
        };
        foreach (bool sequences in new[] { false, true })
        {
            var (module, reference) = Build(cell, features: 3, units: 4, new RecurrentSettings(ReturnSequences: sequences, GoBackwards: goBackwards), random);
            module.eval();
            var x = Random3(random, 2, 5, 3);
            var h = Random2(random, 2, 4);
            var c = Random2(random, 2, 4);
            var states = cell == "lstm" ? new[] { ToTensor(h), ToTensor(c) } : new[] { ToTensor(h) };
            var maskTensor = masked ? tensor(mask.Cast<bool>().ToArray()).view(2, 5) : null;
            var (expected, finalH, finalC) = reference.RunWithStates(x, masked ? mask : null, h, cell == "lstm" ? c : null);
            var (output, final) = module.ForwardWithStates(ToTensor(x), maskTensor, states);
            AssertClose(expected, output, sequences);
            AssertClose(To3(finalH), final[0], false);
            if (cell == "lstm")
                AssertClose(To3(finalC), final[1], false);
            // Through call (what generated models run), the same; and the states matter.
            AssertClose(expected, module.CallMasked(ToTensor(x), maskTensor, states), sequences);
            Assert.False(module.CallMasked(ToTensor(x), maskTensor).allclose(output, rtol: 1e-4, atol: 1e-5));
        }
    }

    [Fact]
    public void Initial_states_of_the_wrong_count_or_shape_are_refused_with_what_the_layer_needs()
    {
        using var scope = NewDisposeScope();
        var (lstm, _) = Build("lstm", 3, 4, new RecurrentSettings(), new Random(1));
        var x = randn(2, 5, 3);
        var count = Assert.Throws<ArgumentException>(() => lstm.CallMasked(x, null, zeros(2, 4)));
        Assert.Contains("carries 2 states", count.Message, StringComparison.Ordinal);
        var shape = Assert.Throws<ArgumentException>(() => lstm.CallMasked(x, null, zeros(2, 4), zeros(3, 4)));
        Assert.Contains("(N, units) = (2, 4)", shape.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_generated_seq2seq_decoder_starts_from_the_encoders_final_states()
    {
        using var scope = NewDisposeScope();
        using var model = new Seq2SeqStates();
        model.eval();
        var random = new Random(8);
        var source = Random3(random, 3, 5, 3);
        var target = Random3(random, 3, 4, 2);
        var encoder = new KerasRecurrentReference("lstm", ToArray(model.encoder.Kernel), ToArray(model.encoder.RecurrentKernel), ToVector(model.encoder.Bias!), null);
        var decoder = new KerasRecurrentReference("lstm", ToArray(model.decoder.Kernel), ToArray(model.decoder.RecurrentKernel), ToVector(model.decoder.Bias!), null)
        {
            ReturnSequences = true,
        };
        var (_, h, c) = encoder.RunWithStates(source);
        var (sequence, _, _) = decoder.RunWithStates(target, null, h, c);
        AssertClose(sequence, model.decoder.CallMasked(ToTensor(target), null, ToTensor(h), ToTensor(c)), true);
        // The whole model: the decoder's steps through the softmax Dense, from the reference's decoder output.
        var expected = model.dense_1.forward(ToTensor(sequence)).softmax(-1);
        var actual = model.forward(ToTensor(source), ToTensor(target));
        Assert.True(actual.allclose(expected, rtol: 1e-4, atol: 1e-5));
        var decoderInfo = Seq2SeqStates.Layers.Single(l => l.Name == "decoder");
        Assert.Equal(new[] { "decoder_input", "encoder.state_h", "encoder.state_c" }, decoderInfo.Inputs);
    }

    private static double[,,] To3(double[,] values)
    {
        var result = new double[values.GetLength(0), 1, values.GetLength(1)];
        for (int b = 0; b < values.GetLength(0); b++)
        {
            for (int u = 0; u < values.GetLength(1); u++)
                result[b, 0, u] = values[b, u];
        }
        return result;
    }

    private static (Recurrent Module, KerasRecurrentReference Reference) Build(string cell, int features, int units, RecurrentSettings settings, Random random)
    {
        int gates = cell switch { "lstm" => 4, "simple_rnn" => 1, _ => 3 };
        bool resetAfter = cell != "gru_reset_before";
        Recurrent module = cell switch
        {
            "simple_rnn" => new SimpleRnn(features, units, true, settings),
            "lstm" => new Lstm(features, units, true, settings),
            _ => new Gru(features, units, true, resetAfter, settings),
        };
        var kernel = Random2(random, features, gates * units);
        var recurrent = Random2(random, units, gates * units);
        var bias = Enumerable.Range(0, gates * units).Select(_ => random.NextDouble() - 0.5).ToArray();
        var recurrentBias = cell == "gru" ? Enumerable.Range(0, gates * units).Select(_ => random.NextDouble() - 0.5).ToArray() : null;
        using (no_grad())
        {
            module.Kernel.copy_(ToTensor(kernel));
            module.RecurrentKernel.copy_(ToTensor(recurrent));
            var flat = recurrentBias is null ? bias : bias.Concat(recurrentBias).ToArray();
            module.Bias!.copy_(tensor(flat.Select(v => (float)v).ToArray()).view(module.Bias.shape));
        }
        var reference = new KerasRecurrentReference(cell == "gru_reset_before" ? "gru" : cell, kernel, recurrent, bias, recurrentBias)
        {
            ResetAfter = resetAfter,
            GoBackwards = settings.GoBackwards,
            ReturnSequences = settings.ReturnSequences,
        };
        return (module, reference);
    }

    private static void AssertClose(double[,,] expected, Tensor actual, bool sequences)
    {
        var values = actual.to_type(ScalarType.Float64).data<double>().ToArray();
        int n = expected.GetLength(0), steps = expected.GetLength(1), units = expected.GetLength(2);
        Assert.Equal(sequences ? new long[] { n, steps, units } : new long[] { n, units }, actual.shape);
        for (int b = 0; b < n; b++)
        {
            for (int t = 0; t < steps; t++)
            {
                for (int u = 0; u < units; u++)
                {
                    double e = expected[b, t, u], a = values[((b * steps) + t) * units + u];
                    Assert.True(Math.Abs(e - a) <= Tolerance, $"sample {b}, step {t}, unit {u}: Keras gives {e:G9}, the module {a:G9}");
                }
            }
        }
    }

    private static double[,] Random2(Random random, int rows, int columns)
    {
        var values = new double[rows, columns];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
                values[i, j] = (random.NextDouble() - 0.5) * 1.4;
        }
        return values;
    }

    private static double[,,] Random3(Random random, int n, int steps, int features)
    {
        var values = new double[n, steps, features];
        for (int b = 0; b < n; b++)
        {
            for (int t = 0; t < steps; t++)
            {
                for (int d = 0; d < features; d++)
                    values[b, t, d] = (random.NextDouble() - 0.5) * 3;
            }
        }
        return values;
    }

    private static Tensor ToTensor(double[,] values) =>
        tensor(values.Cast<double>().Select(v => (float)v).ToArray()).view(values.GetLength(0), values.GetLength(1));

    private static Tensor ToTensor(double[,,] values) =>
        tensor(values.Cast<double>().Select(v => (float)v).ToArray()).view(values.GetLength(0), values.GetLength(1), values.GetLength(2));

    private static double[,] ToArray(Tensor matrix)
    {
        var flat = matrix.detach().to_type(ScalarType.Float64).data<double>().ToArray();
        int rows = (int)matrix.shape[0], columns = (int)matrix.shape[1];
        var values = new double[rows, columns];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
                values[i, j] = flat[i * columns + j];
        }
        return values;
    }

    private static double[] ToVector(Tensor vector) => vector.detach().to_type(ScalarType.Float64).data<double>().ToArray();
}
