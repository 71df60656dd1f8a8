using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Training;

/// <summary>
/// The optimizer engine's first three steps on two small parameters with fixed gradients, against
/// <see cref="KerasReference"/> (Keras's equations in double arithmetic), to float32 precision.
/// </summary>
public sealed class OptimizerStepTests
{
    private static readonly double[][] Initial = [[0.5, -1.0, 2.0, 0.25], [-0.3, 0.8, 1.1, -2.0]];

    // Per step, per parameter. The second parameter's gradients shrink after step 1, so AMSGrad's maximum matters.
    private static readonly double[]?[][] Gradients =
    [
        [[0.3, -1.2, 0.05, 0.0], [2.0, -0.5, 0.7, 1.5]],
        [[0.1, -0.4, -0.2, 0.6], [0.02, 0.01, -0.03, 0.04]],
        [[-0.5, 0.2, 0.3, -0.1], [0.01, -0.02, 0.005, 0.0]],
    ];

    private static readonly double[] Constant = [0.1, 0.1, 0.1];

    private sealed record Case(OptimizerSettings Settings, Func<KerasReference.Rule> Reference, double[] Rates, KerasReference.Options? Options = null, bool SecondWithoutGradientAtStep2 = false);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["sgd"] = new(OptimizerSettings.Sgd(0.1), () => new KerasReference.Sgd(2, 4, 0, false), Constant),
        ["sgd-momentum"] = new(OptimizerSettings.Sgd(0.1, momentum: 0.9), () => new KerasReference.Sgd(2, 4, 0.9, false), Constant),
        ["sgd-nesterov"] = new(OptimizerSettings.Sgd(0.1, momentum: 0.9, nesterov: true), () => new KerasReference.Sgd(2, 4, 0.9, true), Constant),
        ["adam"] = new(OptimizerSettings.Adam(0.1), () => new KerasReference.Adam(2, 4, 0.9, 0.999, 1e-7, false), Constant),
        ["adam-amsgrad"] = new(OptimizerSettings.Adam(0.1, amsgrad: true), () => new KerasReference.Adam(2, 4, 0.9, 0.999, 1e-7, true), Constant),
        // A large epsilon makes Keras's placement (added to sqrt(v), before the bias correction) visible.
        ["adam-large-epsilon"] = new(OptimizerSettings.Adam(0.1, beta1: 0.8, beta2: 0.9, epsilon: 0.1), () => new KerasReference.Adam(2, 4, 0.8, 0.9, 0.1, false), Constant),
        ["adamw"] = new(OptimizerSettings.AdamW(0.1, weightDecay: 0.5), () => new KerasReference.Adam(2, 4, 0.9, 0.999, 1e-7, false), Constant, new(WeightDecay: 0.5)),
        ["adamw-amsgrad"] = new(OptimizerSettings.AdamW(0.1, amsgrad: true), () => new KerasReference.Adam(2, 4, 0.9, 0.999, 1e-7, true), Constant, new(WeightDecay: 0.004)),
        ["rmsprop"] = new(OptimizerSettings.RmsProp(0.1), () => new KerasReference.RmsProp(2, 4, 0.9, 0, 1e-7, false), Constant),
        ["rmsprop-momentum"] = new(OptimizerSettings.RmsProp(0.1, momentum: 0.5), () => new KerasReference.RmsProp(2, 4, 0.9, 0.5, 1e-7, false), Constant),
        ["rmsprop-centered"] = new(OptimizerSettings.RmsProp(0.1, rho: 0.8, centered: true), () => new KerasReference.RmsProp(2, 4, 0.8, 0, 1e-7, true), Constant),
        ["rmsprop-centered-momentum"] = new(OptimizerSettings.RmsProp(0.1, momentum: 0.5, centered: true), () => new KerasReference.RmsProp(2, 4, 0.9, 0.5, 1e-7, true), Constant),
        ["adagrad"] = new(OptimizerSettings.Adagrad(0.1), () => new KerasReference.Adagrad(2, 4, 0.1, 1e-7), Constant),
        ["adagrad-zero-start"] = new(OptimizerSettings.Adagrad(0.1, initialAccumulatorValue: 0, epsilon: 1e-3), () => new KerasReference.Adagrad(2, 4, 0, 1e-3), Constant),
        ["nadam"] = new(OptimizerSettings.Nadam(0.1), () => new KerasReference.Nadam(2, 4, 0.9, 0.999, 1e-7), Constant),
        ["nadam-betas"] = new(OptimizerSettings.Nadam(0.1, beta1: 0.5, beta2: 0.9, epsilon: 1e-3), () => new KerasReference.Nadam(2, 4, 0.5, 0.9, 1e-3), Constant),
        // Keras's base options: clipping (each alone), weight decay on optimizers other than AdamW.
        ["sgd-clipnorm"] = new(OptimizerSettings.Sgd(0.1) with { ClipNorm = 1.0 }, () => new KerasReference.Sgd(2, 4, 0, false), Constant, new(ClipNorm: 1.0)),
        ["sgd-clipvalue"] = new(OptimizerSettings.Sgd(0.1) with { ClipValue = 0.5 }, () => new KerasReference.Sgd(2, 4, 0, false), Constant, new(ClipValue: 0.5)),
        ["sgd-global-clipnorm"] = new(OptimizerSettings.Sgd(0.1) with { GlobalClipNorm = 1.5 }, () => new KerasReference.Sgd(2, 4, 0, false), Constant, new(GlobalClipNorm: 1.5)),
        ["adam-clipnorm"] = new(OptimizerSettings.Adam(0.1) with { ClipNorm = 0.5 }, () => new KerasReference.Adam(2, 4, 0.9, 0.999, 1e-7, false), Constant, new(ClipNorm: 0.5)),
        ["rmsprop-global-clipnorm"] = new(OptimizerSettings.RmsProp(0.1) with { GlobalClipNorm = 0.7 }, () => new KerasReference.RmsProp(2, 4, 0.9, 0, 1e-7, false), Constant, new(GlobalClipNorm: 0.7)),
        ["sgd-weight-decay"] = new(OptimizerSettings.Sgd(0.1, momentum: 0.9) with { WeightDecay = 0.3 }, () => new KerasReference.Sgd(2, 4, 0.9, false), Constant, new(WeightDecay: 0.3)),
        ["nadam-weight-decay-clipvalue"] = new(OptimizerSettings.Nadam(0.1) with { WeightDecay = 0.2, ClipValue = 0.25 }, () => new KerasReference.Nadam(2, 4, 0.9, 0.999, 1e-7), Constant, new(WeightDecay: 0.2, ClipValue: 0.25)),
        // Schedules: step t trains with schedule(t), t from 0; weight decay uses the same rate.
        ["sgd-exponential-decay"] = new(OptimizerSettings.Sgd() with { Schedule = new ExponentialDecay(0.1, decaySteps: 1, decayRate: 0.5) }, () => new KerasReference.Sgd(2, 4, 0, false), [0.1, 0.05, 0.025]),
        ["adamw-piecewise"] = new(OptimizerSettings.AdamW(weightDecay: 0.1) with { Schedule = new PiecewiseConstantDecay([0, 1], [0.1, 0.05, 0.02]) }, () => new KerasReference.Adam(2, 4, 0.9, 0.999, 1e-7, false), [0.1, 0.05, 0.02], new(WeightDecay: 0.1)),
        // A parameter without a gradient is skipped: no decay, no update, its slots untouched.
        ["adamw-missing-gradient"] = new(OptimizerSettings.AdamW(0.1, weightDecay: 0.5), () => new KerasReference.Adam(2, 4, 0.9, 0.999, 1e-7, false), Constant, new(WeightDecay: 0.5), SecondWithoutGradientAtStep2: true),
        ["nadam-missing-gradient"] = new(OptimizerSettings.Nadam(0.1), () => new KerasReference.Nadam(2, 4, 0.9, 0.999, 1e-7), Constant, SecondWithoutGradientAtStep2: true),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void The_first_three_steps_follow_Kerass_equations(string name)
    {
        var c = Cases[name];
        var rule = c.Reference();
        var expected = Initial.Select(w => w.Select(Float).ToArray()).ToArray();
        using var first = Parameter(Initial[0]);
        using var second = Parameter(Initial[1]);
        using var optimizer = c.Settings.Create([first, second]);
        var secondAfter = new List<float[]>();

        for (int step = 0; step < 3; step++)
        {
            var gradients = Gradients[step].Select(g => g?.Select(Float).ToArray()).ToArray();
            if (c.SecondWithoutGradientAtStep2 && step == 1)
                gradients[1] = null;
            using (torch.NewDisposeScope())
            {
                first.grad = Tensor(gradients[0]!);
                second.grad = gradients[1] is { } g ? Tensor(g) : null;
            }
            Assert.Equal(c.Rates[step], optimizer.LearningRate, 15);

            optimizer.Step();
            KerasReference.Apply(rule, c.Options ?? new(), expected, gradients, c.Rates[step], step);

            AssertClose(expected[0], first, $"{name}, step {step + 1}, parameter 0");
            AssertClose(expected[1], second, $"{name}, step {step + 1}, parameter 1");
            secondAfter.Add(Values(second));
        }
        Assert.Equal(3, optimizer.Iterations);
        // Guard: every case moves the weights well beyond the tolerance.
        Assert.True(Math.Abs(expected[0][0] - Initial[0][0]) > 1e-3, $"{name} barely moved the weights");
        if (c.SecondWithoutGradientAtStep2)
            Assert.Equal(secondAfter[0], secondAfter[1]); // skipped exactly: no weight decay either
    }

    [Fact]
    public void Kerass_epsilon_placement_differs_measurably_from_PyTorchs_in_the_large_epsilon_case()
    {
        // Guard for the "adam-large-epsilon" case: PyTorch's rule (epsilon after the bias correction) gives another value.
        double g = Float(0.3), beta1 = 0.8, beta2 = 0.9, eps = 0.1, lr = 0.1;
        double m = (1 - beta1) * g, v = (1 - beta2) * g * g;
        double keras = lr * Math.Sqrt(1 - beta2) / (1 - beta1) * m / (Math.Sqrt(v) + eps);
        double pytorch = lr * (m / (1 - beta1)) / (Math.Sqrt(v / (1 - beta2)) + eps);
        Assert.True(Math.Abs(keras - pytorch) > 1e-2, $"{keras} vs {pytorch}");
    }

    [Fact]
    public void A_step_without_any_gradient_fails_clearly_and_counts_nothing()
    {
        using var weight = Parameter(Initial[0]);
        using var optimizer = OptimizerSettings.Adam().Create([weight]);

        var error = Assert.Throws<InvalidOperationException>(optimizer.Step);

        Assert.Contains("no gradients for any parameter; call backward()", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, optimizer.Iterations);
    }

    [Fact]
    public void ZeroGrad_zeroes_gradients_in_place_and_leaves_missing_ones_missing()
    {
        using var withGradient = Parameter(Initial[0]);
        using var without = Parameter(Initial[1]);
        using var optimizer = OptimizerSettings.Sgd().Create([withGradient, without]);
        using (torch.NewDisposeScope())
            withGradient.grad = Tensor(Gradients[0][0]!);
        using var before = withGradient.grad!;

        optimizer.ZeroGrad();

        // The tensor taken before sees the zeros: the same storage, not a new gradient every batch.
        Assert.Equal([0f, 0f, 0f, 0f], Values(before));
        Assert.Null(without.grad);
    }

    [Theory]
    [InlineData("sgd", "iteration")]
    [InlineData("sgd-momentum", "iteration momentum/0 momentum/1")]
    [InlineData("adam", "iteration momentum/0 momentum/1 velocity/0 velocity/1")]
    [InlineData("adam-amsgrad", "iteration momentum/0 momentum/1 velocity/0 velocity/1 velocity_hat/0 velocity_hat/1")]
    [InlineData("adamw", "iteration momentum/0 momentum/1 velocity/0 velocity/1")]
    [InlineData("rmsprop", "iteration velocity/0 velocity/1")]
    [InlineData("rmsprop-centered-momentum", "iteration velocity/0 velocity/1 momentum/0 momentum/1 average_gradient/0 average_gradient/1")]
    [InlineData("adagrad", "iteration accumulator/0 accumulator/1")]
    [InlineData("nadam", "iteration momentum/0 momentum/1 velocity/0 velocity/1 u_product")]
    public void The_state_holds_Kerass_variables_by_name(string name, string expected)
    {
        using var first = Parameter(Initial[0]);
        using var second = Parameter([1.0, 2.0]);
        using var optimizer = Cases[name].Settings.Create([first, second]);
        var names = new List<string>();
        var shapes = new Dictionary<string, long[]>();

        optimizer.WriteState(state =>
        {
            names.AddRange(state.Keys);
            foreach (var (key, tensor) in state)
                shapes[key] = tensor.shape;
        });

        Assert.Equal(expected.Split(' ').Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        Assert.Empty(shapes["iteration"]);
        foreach (var key in names.Where(n => n.EndsWith("/1", StringComparison.Ordinal)))
            Assert.Equal([2L], shapes[key]);
    }

    [Fact]
    public void Adagrads_accumulators_start_at_the_initial_value()
    {
        using var weight = Parameter(Initial[0]);
        using var optimizer = OptimizerSettings.Adagrad(initialAccumulatorValue: 0.25).Create([weight]);
        float[]? accumulator = null;

        optimizer.WriteState(state => accumulator = state["accumulator/0"].data<float>().ToArray());

        Assert.Equal([0.25f, 0.25f, 0.25f, 0.25f], accumulator!);
    }

    [Theory]
    [InlineData("sgd-momentum")]
    [InlineData("adam-amsgrad")]
    [InlineData("rmsprop-centered-momentum")]
    [InlineData("adagrad")]
    [InlineData("nadam")]
    [InlineData("adamw-piecewise")]
    public void Loaded_state_continues_exactly_as_the_original(string name)
    {
        var settings = Cases[name].Settings;
        using var original = Parameter(Initial[0]);
        using var optimizer = settings.Create([original]);
        Step(optimizer, original, Gradients[0][0]!);
        Step(optimizer, original, Gradients[1][0]!);

        using var copy = Parameter(Values(original).Select(v => (double)v).ToArray());
        using var resumed = settings.Create([copy]);
        using (var saved = OwnedState.Of(optimizer))
            resumed.LoadState(saved.State);
        Step(optimizer, original, Gradients[2][0]!);
        Step(resumed, copy, Gradients[2][0]!);

        Assert.Equal(2 + 1, resumed.Iterations);
        Assert.Equal(Values(original), Values(copy));   // bit for bit
    }

    [Fact]
    public void State_that_does_not_fit_is_named_and_changes_nothing()
    {
        using var weight = Parameter(Initial[0]);
        using var optimizer = OptimizerSettings.Adam().Create([weight]);
        using var saved = OwnedState.Of(optimizer);
        var state = saved.State;
        using var scope = torch.NewDisposeScope();

        Assert.Contains("it lacks 'velocity/0'", optimizer.Misfit(Without(state, "velocity/0")), StringComparison.Ordinal);
        Assert.Contains("it holds 'velocity_hat/0', which this optimizer does not have",
            optimizer.Misfit(With(state, "velocity_hat/0", torch.zeros(4))), StringComparison.Ordinal);
        Assert.Contains("'momentum/0' has shape (5) in the checkpoint but (4) here",
            optimizer.Misfit(With(state, "momentum/0", torch.zeros(5))), StringComparison.Ordinal);
        Assert.Contains("'iteration' is Float32 in the checkpoint but Int64 here",
            optimizer.Misfit(With(state, "iteration", torch.tensor(3f))), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => optimizer.LoadState(With(state, "iteration", torch.tensor(3f))));
        Assert.Equal(0, optimizer.Iterations);
        Assert.Null(optimizer.Misfit(state));
    }

    [Fact]
    public void Slots_outlive_the_dispose_scope_the_optimizer_was_made_in()
    {
        using var weight = Parameter(Initial[0]);
        KerasOptimizer optimizer;
        using (torch.NewDisposeScope())
            optimizer = OptimizerSettings.Nadam().Create([weight]);
        using (optimizer)
        {
            Step(optimizer, weight, Gradients[0][0]!);
            Step(optimizer, weight, Gradients[1][0]!);
            Assert.Equal(2, optimizer.Iterations);
        }
    }

    [Fact]
    public void The_rate_of_a_scheduled_optimizer_follows_the_step_count_and_cannot_be_set()
    {
        using var weight = Parameter(Initial[0]);
        using var optimizer = (OptimizerSettings.Sgd() with { Schedule = new ExponentialDecay(0.1, 10, 0.5) }).Create([weight]);
        for (int i = 0; i < 20; i++)
            Step(optimizer, weight, Gradients[0][0]!);

        Assert.Equal(0.025, optimizer.LearningRate, 15);
        var error = Assert.Throws<InvalidOperationException>(() => optimizer.LearningRate = 0.5);
        Assert.Contains("hence its learning rate is not settable", error.Message, StringComparison.Ordinal);
        Assert.Contains("ExponentialDecay", error.Message, StringComparison.Ordinal);
    }

    private static void Step(KerasOptimizer optimizer, Parameter weight, double[] gradient)
    {
        using (torch.NewDisposeScope())
            weight.grad = Tensor(gradient.Select(Float).ToArray());
        optimizer.Step();
    }

    /// <summary>A copy of an optimizer's state, owned by the test (WriteState's own tensors are valid only during the call).</summary>
    private sealed class OwnedState : IDisposable
    {
        private OwnedState(Dictionary<string, Tensor> state) => State = state;

        public Dictionary<string, Tensor> State { get; }

        public static OwnedState Of(KerasOptimizer optimizer)
        {
            Dictionary<string, Tensor> copy = [];
            optimizer.WriteState(state => copy = state.ToDictionary(kv => kv.Key, kv => kv.Value.clone().DetachFromDisposeScope(), StringComparer.Ordinal));
            return new OwnedState(copy);
        }

        public void Dispose()
        {
            foreach (var tensor in State.Values)
                tensor.Dispose();
        }
    }

    private static Dictionary<string, Tensor> Without(Dictionary<string, Tensor> state, string name) =>
        state.Where(kv => kv.Key != name).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

    private static Dictionary<string, Tensor> With(Dictionary<string, Tensor> state, string name, Tensor tensor) =>
        new(state, StringComparer.Ordinal) { [name] = tensor };

    private static double Float(double value) => (float)value;

    private static Parameter Parameter(double[] values) => new(torch.tensor(values.Select(v => (float)v).ToArray()));

    private static Tensor Tensor(double[] values) => torch.tensor(values.Select(v => (float)v).ToArray());

    private static float[] Values(Tensor tensor) => tensor.data<float>().ToArray();

    private static void AssertClose(double[] expected, Tensor actual, string what)
    {
        var values = Values(actual);
        for (int k = 0; k < expected.Length; k++)
        {
            double tolerance = 1e-6 + 1e-5 * Math.Abs(expected[k]);
            Assert.True(Math.Abs(values[k] - expected[k]) <= tolerance, $"{what}, element {k}: expected {expected[k]:R}, got {values[k]:R}");
        }
    }
}
