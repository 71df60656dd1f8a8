using System;
using System.Linq;
using Dsl.Training;

namespace Dsl.Runtime.Tests.Callbacks;

/// <summary>ReduceLROnPlateau on crafted histories, against Keras 3's reduce_lr_on_plateau.py.</summary>
public class ReduceLROnPlateauTests
{
    private static readonly double[] Flat = Enumerable.Repeat(1.0, 8).ToArray();

    [Fact]
    public void Lowers_the_rate_by_factor_after_patience_epochs_without_improvement()
    {
        using var run = new CallbackHarness(new ReduceLROnPlateau(factor: 0.5, patience: 2, minDelta: 0));

        run.Run(Flat.Take(6).ToArray());

        // Epoch 1 sets the best; epochs 2 and 3 wait, and the reduction at the end of epoch 3 applies from epoch 4.
        Assert.Equal([0.1, 0.1, 0.1, 0.05, 0.05, 0.025], run.LearningRates);
    }

    [Fact]
    public void An_improvement_resets_the_wait_count()
    {
        using var run = new CallbackHarness(new ReduceLROnPlateau(factor: 0.5, patience: 2, minDelta: 0));
        run.Run([1.0, 1.0, 0.9, 0.9, 0.9]);
        Assert.Equal([0.1, 0.1, 0.1, 0.1, 0.1], run.LearningRates);
        Assert.Equal(0.05, run.LearningRate);
    }

    [Fact]
    public void Improvements_below_min_delta_count_as_a_plateau()
    {
        double[] creeping = [1.0, 0.99997, 0.99994, 0.99991];
        using var defaults = new CallbackHarness(new ReduceLROnPlateau(factor: 0.5, patience: 1));        // Keras's min_delta 1e-4
        using var exact = new CallbackHarness(new ReduceLROnPlateau(factor: 0.5, patience: 1, minDelta: 0));

        defaults.Run(creeping);
        exact.Run(creeping);

        Assert.Equal([0.1, 0.1, 0.05, 0.025], defaults.LearningRates);
        Assert.Equal([0.1, 0.1, 0.1, 0.1], exact.LearningRates);
    }

    [Fact]
    public void Cooldown_suspends_counting_for_that_many_epochs_after_a_reduction()
    {
        using var plain = new CallbackHarness(new ReduceLROnPlateau(factor: 0.5, patience: 1, minDelta: 0));
        using var cooled = new CallbackHarness(new ReduceLROnPlateau(factor: 0.5, patience: 1, minDelta: 0, cooldown: 2));

        plain.Run(Flat.Take(7).ToArray());
        cooled.Run(Flat.Take(7).ToArray());

        Assert.Equal([0.1, 0.1, 0.05, 0.025, 0.0125, 0.00625, 0.003125], plain.LearningRates);
        // Reductions at the ends of epochs 2, 4 and 6: after each, the next epoch only counts down the cooldown.
        Assert.Equal([0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.0125], cooled.LearningRates);
    }

    [Fact]
    public void The_rate_never_goes_below_min_lr_and_stays_there()
    {
        var callback = new ReduceLROnPlateau(factor: 0.1, patience: 1, minDelta: 0, minLr: 0.005);
        using var run = new CallbackHarness(callback);

        run.Run(Flat.Take(6).ToArray());

        Assert.Equal([0.1, 0.1, 0.01, 0.005, 0.005, 0.005], run.LearningRates.Select(r => Math.Round(r, 12)));
        // At min_lr nothing is reduced any more, so the wait count just grows (Keras).
        Assert.Equal(3, callback.Wait);
    }

    [Fact]
    public void A_rate_equal_to_min_lr_in_float32_is_not_reduced_again()
    {
        // 0.1 * 0.1 is 0.010000000000000002 in double: above min_lr 0.01, but equal to it as a float32, which is how
        // Keras compares. So it is left alone (and the wait count keeps growing) rather than "reduced" to 0.01.
        var callback = new ReduceLROnPlateau(factor: 0.1, patience: 1, minDelta: 0, minLr: 0.01);
        using var run = new CallbackHarness(callback);

        run.Run(Flat.Take(5).ToArray());

        Assert.Equal(0.1 * 0.1, run.LearningRate);
        Assert.Equal(3, callback.Wait);
    }

    [Fact]
    public void Max_mode_is_inferred_for_accuracy()
    {
        using var run = new CallbackHarness(new ReduceLROnPlateau(monitor: "val_accuracy", factor: 0.5, patience: 1, minDelta: 0));
        run.Run([0.5, 0.6, 0.7, 0.65], "val_accuracy");
        Assert.Equal([0.1, 0.1, 0.1, 0.1], run.LearningRates);
        Assert.Equal(0.05, run.LearningRate);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(0.0)]
    public void A_factor_outside_zero_to_one_is_rejected(double factor)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceLROnPlateau(factor: factor));
        Assert.Contains("factor must be in (0, 1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void State_round_trips_mid_cooldown()
    {
        double[] values = Flat.Take(7).ToArray();
        using var uninterrupted = new CallbackHarness(new ReduceLROnPlateau(factor: 0.5, patience: 1, minDelta: 0, cooldown: 2));
        uninterrupted.Run(values);

        var first = new ReduceLROnPlateau(factor: 0.5, patience: 1, minDelta: 0, cooldown: 2);
        using var before = new CallbackHarness(first);
        before.Run(values, stopAfter: 3);    // in cooldown after the reduction at epoch 2
        Assert.Equal(1, first.CooldownCounter);
        var second = new ReduceLROnPlateau(factor: 0.5, patience: 1, minDelta: 0, cooldown: 2);
        second.SetState(first.GetState());
        using var after = new CallbackHarness(second) { History = before.History, LearningRate = before.LearningRate };
        after.Run(values);

        Assert.Equal(uninterrupted.LearningRates.Skip(3), after.LearningRates);
    }
}
