using System;
using System.Linq;
using System.Text.Json;
using Dsl.Training;

namespace Dsl.Runtime.Tests.Training;

/// <summary>Each schedule at several steps against Keras's formula (written out here) and against known values.</summary>
public sealed class LearningRateScheduleTests
{
    private static readonly long[] Steps = [0, 1, 5, 9, 10, 11, 20, 37, 99, 100, 101, 150, 1000, 5000];

    [Fact]
    public void ExponentialDecay_is_initial_times_rate_to_the_step_over_decay_steps()
    {
        var schedule = new ExponentialDecay(0.1, decaySteps: 10, decayRate: 0.5);
        var stairs = new ExponentialDecay(0.1, decaySteps: 10, decayRate: 0.5, staircase: true);

        foreach (long step in Steps)
        {
            Assert.Equal(0.1 * Math.Pow(0.5, step / 10.0), schedule.At(step), 15);
            Assert.Equal(0.1 * Math.Pow(0.5, Math.Floor(step / 10.0)), stairs.At(step), 15);
        }
        Assert.Equal(0.1, schedule.At(0));
        Assert.Equal(0.05, schedule.At(10), 15);
        Assert.Equal(0.025, schedule.At(20), 15);
        Assert.Equal(0.05, stairs.At(19), 15);
        Assert.Equal(0.025, stairs.At(20), 15);
    }

    [Fact]
    public void PiecewiseConstantDecay_changes_after_each_boundary()
    {
        // Keras's example: 1.0 for the first 100001 steps, 0.5 for the next 10000, then 0.1.
        var schedule = new PiecewiseConstantDecay([100_000, 110_000], [1.0, 0.5, 0.1]);

        Assert.Equal(1.0, schedule.At(0));
        Assert.Equal(1.0, schedule.At(100_000));
        Assert.Equal(0.5, schedule.At(100_001));
        Assert.Equal(0.5, schedule.At(110_000));
        Assert.Equal(0.1, schedule.At(110_001));
        Assert.Equal(0.1, schedule.At(long.MaxValue));
        var single = new PiecewiseConstantDecay([3], [0.2, 0.02]);
        Assert.Equal([0.2, 0.2, 0.2, 0.2, 0.02], new[] { 0L, 1, 2, 3, 4 }.Select(single.At));
    }

    [Fact]
    public void CosineDecay_without_warmup_falls_along_half_a_cosine_to_alpha()
    {
        var plain = new CosineDecay(0.1, decaySteps: 1000);
        var floored = new CosineDecay(0.1, decaySteps: 1000, alpha: 0.1);

        foreach (long step in Steps)
        {
            double s = Math.Min(step, 1000);
            double cosine = 0.5 * (1 + Math.Cos(Math.PI * s / 1000));
            Assert.Equal(0.1 * cosine, plain.At(step), 15);
            Assert.Equal(0.1 * ((1 - 0.1) * cosine + 0.1), floored.At(step), 15);
        }
        Assert.Equal(0.1, plain.At(0));
        Assert.Equal(0.05, plain.At(500), 15);
        Assert.Equal(0.0, plain.At(1000), 15);
        Assert.Equal(0.0, plain.At(5000), 15);
        Assert.Equal(0.055, floored.At(500), 15);
        Assert.Equal(0.01, floored.At(1000), 15);
    }

    [Fact]
    public void CosineDecay_with_warmup_climbs_linearly_then_decays_from_the_target()
    {
        // Keras 3's warm-up form: from initial to warmup_target over warmup_steps, then decay over decay_steps.
        var schedule = new CosineDecay(0.0, decaySteps: 1000, warmupTarget: 0.1, warmupSteps: 100);

        foreach (long step in Steps)
        {
            double s = Math.Min(step, 1100);
            double expected = s < 100
                ? (0.1 - 0.0) * (s / 100) + 0.0
                : 0.1 * (0.5 * (1 + Math.Cos(Math.PI * (s - 100) / 1000)));
            Assert.Equal(expected, schedule.At(step), 15);
        }
        Assert.Equal(0.0, schedule.At(0));
        Assert.Equal(0.05, schedule.At(50), 15);
        Assert.Equal(0.1, schedule.At(100), 15);
        Assert.Equal(0.05, schedule.At(600), 15);
        Assert.Equal(0.0, schedule.At(1100), 15);
        Assert.Equal(0.0, schedule.At(9999), 15);
        // A target without warm-up steps starts the decay from the target at once.
        Assert.Equal(0.3, new CosineDecay(0.1, 100, warmupTarget: 0.3).At(0), 15);
    }

    [Fact]
    public void InverseTimeDecay_is_initial_over_one_plus_rate_times_the_step_fraction()
    {
        // Keras's example: decay_steps 1, decay_rate 0.5.
        var schedule = new InverseTimeDecay(0.1, decaySteps: 1, decayRate: 0.5);
        var stairs = new InverseTimeDecay(0.1, decaySteps: 10, decayRate: 1, staircase: true);

        foreach (long step in Steps)
        {
            Assert.Equal(0.1 / (1 + 0.5 * step), schedule.At(step), 15);
            Assert.Equal(0.1 / (1 + 1 * Math.Floor(step / 10.0)), stairs.At(step), 15);
        }
        Assert.Equal(0.05, schedule.At(2), 15);
        Assert.Equal(0.1, stairs.At(9), 15);
        Assert.Equal(0.05, stairs.At(10), 15);
    }

    [Fact]
    public void PolynomialDecay_reaches_the_end_rate_and_cycles_on_request()
    {
        // Keras's example: 0.1 to 0.01 in 10000 steps with power 0.5.
        var schedule = new PolynomialDecay(0.1, decaySteps: 10_000, endLearningRate: 0.01, power: 0.5);
        var cycling = new PolynomialDecay(0.1, decaySteps: 100, endLearningRate: 0.0, cycle: true);

        foreach (long step in Steps)
        {
            double s = Math.Min(step, 10_000);
            Assert.Equal((0.1 - 0.01) * Math.Pow(1 - s / 10_000, 0.5) + 0.01, schedule.At(step), 15);
            double decaySteps = 100 * (step == 0 ? 1 : Math.Ceiling(step / 100.0));
            Assert.Equal(0.1 * (1 - step / decaySteps), cycling.At(step), 15);
        }
        Assert.Equal(0.1, schedule.At(0));
        Assert.Equal(0.01, schedule.At(10_000), 15);
        Assert.Equal(0.01, schedule.At(20_000), 15);
        Assert.Equal(0.05, cycling.At(50), 15);
        Assert.Equal(0.0, cycling.At(100), 15);
        Assert.Equal(0.025, cycling.At(150), 15);   // decay_steps doubled to 200
        Assert.Equal(0.0001, new PolynomialDecay(0.1, 10).At(10), 15);   // Keras's default end rate
    }

    [Fact]
    public void A_negative_step_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialDecay(0.1, 10, 0.5).At(-1));
    }

    [Theory]
    [InlineData("exponential-steps", "decaySteps must be a positive, finite number of steps (Keras: \"Argument `decay_steps` must be > 0\")")]
    [InlineData("exponential-rate", "decayRate must be a positive, finite factor")]
    [InlineData("exponential-initial", "ExponentialDecay's initialLearningRate must be a finite learning rate of at least 0")]
    [InlineData("inverse-steps", "InverseTimeDecay's decaySteps must be a positive")]
    [InlineData("inverse-rate", "InverseTimeDecay's decayRate must be a finite number of at least 0")]
    [InlineData("polynomial-steps", "PolynomialDecay's decaySteps must be a positive")]
    [InlineData("polynomial-power", "power must be a positive, finite number (Keras's default is 1.0")]
    [InlineData("polynomial-end", "PolynomialDecay's endLearningRate must be a finite learning rate")]
    [InlineData("cosine-steps", "CosineDecay's decaySteps must be a positive")]
    [InlineData("cosine-alpha", "alpha must be in [0, 1]")]
    [InlineData("cosine-target", "CosineDecay's warmupTarget must be a finite learning rate")]
    [InlineData("cosine-warmup-steps", "warmupSteps must be a finite number of steps of at least 0")]
    [InlineData("cosine-warmup-without-target", "warmupSteps needs a warmupTarget")]
    [InlineData("piecewise-counts", "values must have one element more than its boundaries (Keras: \"The length of boundaries should be 1 less than the length of values\"); got 2 boundaries and 2 values")]
    [InlineData("piecewise-order", "boundaries must increase strictly; boundary 1 (5) is not above boundary 0 (5)")]
    [InlineData("piecewise-empty", "needs at least one boundary")]
    [InlineData("piecewise-value", "PiecewiseConstantDecay's values must be a finite learning rate")]
    public void Out_of_range_arguments_are_refused_with_what_to_give(string which, string message)
    {
        Action create = which switch
        {
            "exponential-steps" => () => _ = new ExponentialDecay(0.1, 0, 0.5),
            "exponential-rate" => () => _ = new ExponentialDecay(0.1, 10, -0.5),
            "exponential-initial" => () => _ = new ExponentialDecay(double.NaN, 10, 0.5),
            "inverse-steps" => () => _ = new InverseTimeDecay(0.1, -1, 0.5),
            "inverse-rate" => () => _ = new InverseTimeDecay(0.1, 1, double.PositiveInfinity),
            "polynomial-steps" => () => _ = new PolynomialDecay(0.1, 0),
            "polynomial-power" => () => _ = new PolynomialDecay(0.1, 10, power: 0),
            "polynomial-end" => () => _ = new PolynomialDecay(0.1, 10, endLearningRate: -1),
            "cosine-steps" => () => _ = new CosineDecay(0.1, double.NaN),
            "cosine-alpha" => () => _ = new CosineDecay(0.1, 10, alpha: 1.5),
            "cosine-target" => () => _ = new CosineDecay(0.1, 10, warmupTarget: -0.1, warmupSteps: 5),
            "cosine-warmup-steps" => () => _ = new CosineDecay(0.1, 10, warmupTarget: 0.2, warmupSteps: -5),
            "cosine-warmup-without-target" => () => _ = new CosineDecay(0.1, 10, warmupSteps: 5),
            "piecewise-counts" => () => _ = new PiecewiseConstantDecay([5, 10], [0.1, 0.01]),
            "piecewise-order" => () => _ = new PiecewiseConstantDecay([5, 5], [0.1, 0.01, 0.001]),
            "piecewise-empty" => () => _ = new PiecewiseConstantDecay([], [0.1]),
            _ => () => _ = new PiecewiseConstantDecay([5], [0.1, -0.01]),
        };

        var error = Assert.ThrowsAny<ArgumentException>(create);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schedules_round_trip_through_json_with_a_kind_and_compare_by_value()
    {
        LearningRateSchedule[] schedules =
        [
            new ExponentialDecay(0.1, 10, 0.5, staircase: true),
            new PiecewiseConstantDecay([10, 20], [0.1, 0.01, 0.001]),
            new CosineDecay(0.0, 1000, alpha: 0.1, warmupTarget: 0.1, warmupSteps: 100),
            new CosineDecay(0.3, 1000),
            new InverseTimeDecay(0.1, 1, 0.5),
            new PolynomialDecay(0.1, 10_000, 0.01, power: 0.5, cycle: true),
        ];
        string[] kinds = ["exponential_decay", "piecewise_constant_decay", "cosine_decay", "cosine_decay", "inverse_time_decay", "polynomial_decay"];

        for (int i = 0; i < schedules.Length; i++)
        {
            string json = JsonSerializer.Serialize(schedules[i], TrainingJson.Options);
            var back = JsonSerializer.Deserialize<LearningRateSchedule>(json, TrainingJson.Options);

            Assert.Contains($"\"kind\": \"{kinds[i]}\"", json, StringComparison.Ordinal);
            Assert.Equal(schedules[i], back);
            Assert.Equal(schedules[i].GetHashCode(), back!.GetHashCode());
            Assert.Equal(schedules[i].At(123), back.At(123));
        }
        Assert.NotEqual<LearningRateSchedule>(new PiecewiseConstantDecay([10, 20], [0.1, 0.01, 0.001]), new PiecewiseConstantDecay([10, 21], [0.1, 0.01, 0.001]));
        Assert.Equal("PiecewiseConstantDecay { Boundaries = [10, 20], Values = [0.1, 0.01, 0.001] }", new PiecewiseConstantDecay([10, 20], [0.1, 0.01, 0.001]).ToString());
    }
}
