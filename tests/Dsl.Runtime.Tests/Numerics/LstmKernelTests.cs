using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Modules;
using Dsl.Runtime.Tests.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Numerics;

/// <summary>
/// The LSTM's loop in libtorch's kernel computes what the step-by-step loop computes: outputs, final states, and the
/// gradients of the input, the initial states and every parameter, to float rounding, for every option the kernel takes
/// (bias or none, backwards, sequences or the last output, initial states, input dropout in training). Where it cannot
/// (a mask, recurrent dropout, other activations, a dtype other than float32) the layer keeps its step-by-step loop. The step-by-step loop
/// is itself held to Keras's equations in <see cref="RecurrentNumericsTests"/>.
/// </summary>
[Collection(TrainingCollection.Name)]   // seeded dropout masks from the global generator
public sealed class LstmKernelTests
{
    public static TheoryData<bool, bool, bool, bool, double> Options()
    {
        var data = new TheoryData<bool, bool, bool, bool, double>();
        foreach (bool bias in new[] { true, false })
        {
            foreach (bool backwards in new[] { false, true })
            {
                foreach (bool sequences in new[] { false, true })
                    data.Add(bias, backwards, sequences, false, 0);
            }
        }
        data.Add(true, false, true, true, 0);
        data.Add(true, true, false, true, 0.3);
        data.Add(false, false, true, false, 0.5);
        return data;
    }

    [Theory]
    [MemberData(nameof(Options))]
    public void The_kernel_gives_the_step_by_step_outputs_states_and_gradients(bool useBias, bool goBackwards, bool returnSequences, bool initialStates, double dropout)
    {
        using var scope = NewDisposeScope();
        var settings = new RecurrentSettings(ReturnSequences: returnSequences, GoBackwards: goBackwards, Dropout: dropout);
        var (kernel, stepwise) = Pair(features: 5, units: 6, useBias, settings, seed: 3);
        var x = randn(4, 7, 5);
        var states = initialStates ? new[] { randn(4, 6), randn(4, 6) } : null;

        var (fusedOut, fusedGrads) = Run(kernel, x, states);
        var (stepOut, stepGrads) = Run(stepwise, x, states);

        Assert.Equal(stepOut.Length, fusedOut.Length);
        foreach (var (fused, step) in fusedOut.Zip(stepOut))
        {
            Assert.Equal(step.shape, fused.shape);
            Assert.True(fused.allclose(step, rtol: 1e-5, atol: 1e-6), $"outputs differ by {fused.sub(step).abs().max().item<float>():E2}");
        }
        Assert.Equal(stepGrads.Keys.Order(), fusedGrads.Keys.Order());
        foreach (var (name, grad) in stepGrads)
            Assert.True(fusedGrads[name].allclose(grad, rtol: 1e-4, atol: 1e-5), $"the gradient of {name} differs by {fusedGrads[name].sub(grad).abs().max().item<float>():E2}");
    }

    [Fact]
    public void Masks_recurrent_dropout_and_other_activations_keep_the_step_by_step_loop()
    {
        using var scope = NewDisposeScope();
        var x = randn(3, 5, 4);
        var mask = tensor(new[,] { { true, true, true, false, false }, { true, true, true, true, true }, { false, true, true, true, true } });
        var (kernel, stepwise) = Pair(4, 3, true, new RecurrentSettings(ReturnSequences: true), seed: 5);
        kernel.eval();
        stepwise.eval();
        // With a mask the kernel's layer runs the loop itself: the same values to the last bit.
        Assert.True(kernel.forward(x, mask).eq(stepwise.forward(x, mask)).all().item<bool>());

        foreach (var settings in new[]
        {
            new RecurrentSettings(RecurrentDropout: 0.3),
            new RecurrentSettings(Activation: Activation.Softsign),
            new RecurrentSettings(RecurrentActivation: Activation.HardSigmoid),
        })
        {
            var (a, b) = Pair(4, 3, true, settings, seed: 8);
            a.train();
            b.train();
            manual_seed(4);
            var fromKernelLayer = a.forward(x);
            manual_seed(4);
            Assert.True(fromKernelLayer.eq(b.forward(x)).all().item<bool>());
        }
    }

    [Fact]
    public void The_trainer_switches_the_kernel_and_both_train_alike()
    {
        var losses = new List<double>();
        foreach (bool libtorch in new[] { true, false })
        {
            manual_seed(12);
            using var model = new Dsl.Runtime.Tests.Models.LstmClassifier();
            var lstm = model.modules().OfType<Lstm>().Single();
            Assert.True(lstm.UseLibtorchKernel);
            using var trainer = new Dsl.Training.Trainer(model, TestOptions.Create(epochs: 2, seed: 4) with { LibtorchLstm = libtorch });
            using var x = randn(64, 12, 8);
            using var y = randint(0, 3, 64);
            var history = trainer.Fit(x, y);
            Assert.Equal(libtorch, lstm.UseLibtorchKernel);
            losses.Add(history.Epochs[^1].Loss);
        }
        Assert.InRange(Math.Abs(losses[0] - losses[1]), 0, 1e-4);
    }

    [Fact]
    public void Without_the_option_the_trainer_leaves_a_layers_own_choice()
    {
        manual_seed(12);
        using var model = new Dsl.Runtime.Tests.Models.LstmClassifier();
        var lstm = model.modules().OfType<Lstm>().Single();
        lstm.UseLibtorchKernel = false;
        using var trainer = new Dsl.Training.Trainer(model, TestOptions.Create(epochs: 1, seed: 4));
        using var x = randn(16, 12, 8);
        using var y = randint(0, 3, 16);
        trainer.Fit(x, y);
        Assert.False(lstm.UseLibtorchKernel);
    }

    private static (Lstm Kernel, Lstm Stepwise) Pair(long features, long units, bool useBias, RecurrentSettings settings, int seed)
    {
        manual_seed(seed);
        var kernel = new Lstm(features, units, useBias, settings);
        var stepwise = new Lstm(features, units, useBias, settings) { UseLibtorchKernel = false };
        using (no_grad())
        {
            foreach (var ((_, a), (_, b)) in kernel.named_parameters().Zip(stepwise.named_parameters()))
            {
                nn.init.uniform_(a, -0.5, 0.5);
                b.copy_(a);
            }
        }
        return (kernel, stepwise);
    }

    /// <summary>Output and states, then the gradients of a fixed weighting of all of them (so every output matters).</summary>
    private static (Tensor[] Outputs, Dictionary<string, Tensor> Gradients) Run(Lstm lstm, Tensor x, Tensor[]? states)
    {
        lstm.train();
        var input = x.detach().clone().requires_grad_(true);
        var initial = states?.Select(s => s.detach().clone().requires_grad_(true)).ToArray();
        manual_seed(77);   // the same input dropout mask on both sides
        var outputs = lstm.CallWithStates(input, null, initial);
        var loss = zeros(1);
        for (int k = 0; k < outputs.Length; k++)
            loss = loss + outputs[k].mul(linspace(-1, 1, outputs[k].numel()).reshape(outputs[k].shape)).sum() * (k + 1);
        loss.backward();
        var gradients = lstm.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.clone());
        gradients["input"] = input.grad!.clone();
        for (int k = 0; k < (initial?.Length ?? 0); k++)
            gradients["initial state " + k] = initial![k].grad!.clone();
        return (outputs.Select(o => o.detach()).ToArray(), gradients);
    }
}
