using System;
using Dsl.Training;

namespace Dsl.Runtime.Tests.Callbacks;

/// <summary>EarlyStopping on crafted histories, against Keras 3's early_stopping.py.</summary>
public class EarlyStoppingTests
{
    [Fact]
    public void Stops_once_patience_epochs_pass_without_improvement()
    {
        using var run = new CallbackHarness(new EarlyStopping(patience: 2));

        var history = run.Run([1.0, 0.9, 0.95, 0.94, 0.93, 0.92]);

        // Best 0.9 at epoch 2; epochs 3 and 4 do not improve on it, so training stops after epoch 4.
        Assert.Equal(4, history.Count);
        Assert.Equal(new TrainingStop(4, "EarlyStopping", history.Stop!.Reason) { Monitor = "val_loss", Best = 0.9, BestEpoch = 2 }, history.Stop);
        Assert.Contains("val_loss did not improve", history.Stop.Reason, StringComparison.Ordinal);
        Assert.Null(history.WeightsFromEpoch);
    }

    [Fact]
    public void Patience_zero_stops_at_the_first_epoch_without_improvement()
    {
        using var run = new CallbackHarness(new EarlyStopping(patience: 0));
        Assert.Equal(3, run.Run([1.0, 0.5, 0.6, 0.4]).Count);
    }

    [Fact]
    public void Improvements_smaller_than_min_delta_do_not_count_and_its_sign_is_ignored()
    {
        double[] slowlyFalling = [1.0, 0.995, 0.99, 0.985, 0.98, 0.975];
        using var without = new CallbackHarness(new EarlyStopping(patience: 2));
        using var positive = new CallbackHarness(new EarlyStopping(patience: 2, minDelta: 0.01));
        using var negative = new CallbackHarness(new EarlyStopping(patience: 2, minDelta: -0.01));

        Assert.Null(without.Run(slowlyFalling).Stop);
        // Each step (0.005) is below min_delta: only epoch 1 counts, so epochs 2 and 3 exhaust the patience.
        Assert.Equal(3, positive.Run(slowlyFalling).Stop?.Epoch);
        Assert.Equal(3, negative.Run(slowlyFalling).Stop?.Epoch);
    }

    [Fact]
    public void A_step_exactly_min_delta_is_not_an_improvement()
    {
        // Keras: improvement means (value + min_delta) < best for a loss, strictly.
        using var run = new CallbackHarness(new EarlyStopping(patience: 1, minDelta: 0.25));
        Assert.Equal(2, run.Run([1.0, 0.75, 0.5]).Stop?.Epoch);
    }

    [Fact]
    public void Auto_mode_maximises_accuracy_and_minimises_loss()
    {
        double[] accuracy = [0.5, 0.6, 0.55, 0.58, 0.7];
        using var auto = new CallbackHarness(new EarlyStopping(monitor: "val_accuracy", patience: 1));
        using var min = new CallbackHarness(new EarlyStopping(monitor: "val_accuracy", patience: 1, mode: MonitorMode.Min));
        using var loss = new CallbackHarness(new EarlyStopping(monitor: "loss", patience: 1));

        Assert.Equal(3, auto.Run(accuracy, "val_accuracy").Stop?.Epoch);       // 0.55 does not beat 0.6
        Assert.Equal(2, min.Run(accuracy, "val_accuracy").Stop?.Epoch);        // taken as lower-is-better, 0.6 is worse
        Assert.Equal(2, loss.Run([0.3, 0.4, 0.2], "loss").Stop?.Epoch);
    }

    [Fact]
    public void Auto_mode_refuses_a_name_whose_direction_it_cannot_tell()
    {
        // Keras 3 asks the run's metrics for a direction; learning_rate is no metric, so training refuses to begin.
        using var run = new CallbackHarness(new EarlyStopping(monitor: "learning_rate"));
        var error = Assert.Throws<ArgumentException>(() => run.Run([1.0, 0.9], monitor: "learning_rate"));
        Assert.Contains("MonitorMode.Max", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, run.History.Count);
        Assert.Equal("learning_rate", new EarlyStopping(monitor: "learning_rate", mode: MonitorMode.Min).Monitor);
    }

    [Fact]
    public void A_monitor_the_run_does_not_log_is_an_error_before_the_first_epoch()
    {
        using var run = new CallbackHarness(new EarlyStopping());
        var error = Assert.Throws<InvalidOperationException>(() => run.Run([1.0, 0.9], validation: false));
        Assert.Contains("'val_loss'", error.Message, StringComparison.Ordinal);
        Assert.Contains("no validation data", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, run.History.Count);
    }

    [Fact]
    public void With_a_baseline_improvements_that_miss_it_do_not_reset_the_patience_count()
    {
        double[] values = [1.0, 0.9, 0.95, 0.96, 0.97];
        using var plain = new CallbackHarness(new EarlyStopping(patience: 2));
        using var baseline = new CallbackHarness(new EarlyStopping(patience: 2, baseline: 0.5));
        using var beaten = new CallbackHarness(new EarlyStopping(patience: 2, baseline: 0.95));

        Assert.Equal(4, plain.Run(values).Stop?.Epoch);
        // Epochs 1 and 2 improve but stay above 0.5, so the count is never reset: 3 epochs counted by epoch 3.
        Assert.Equal(3, baseline.Run(values).Stop?.Epoch);
        Assert.Contains("baseline", baseline.History.Stop!.Reason, StringComparison.Ordinal);
        // 0.9 beats a baseline of 0.95, so it behaves like no baseline.
        Assert.Equal(4, beaten.Run(values).Stop?.Epoch);
    }

    [Fact]
    public void Start_from_epoch_leaves_the_warm_up_epochs_unmonitored()
    {
        double[] values = [1.0, 2.0, 3.0, 2.5, 2.6];
        using var plain = new CallbackHarness(new EarlyStopping(patience: 0));
        using var warm = new CallbackHarness(new EarlyStopping(patience: 0, startFromEpoch: 2));

        Assert.Equal(2, plain.Run(values).Stop?.Epoch);
        var history = warm.Run(values);

        // Epochs 1 and 2 are ignored; epoch 3 sets the best, epoch 4 improves, epoch 5 does not.
        Assert.Equal(5, history.Stop?.Epoch);
        Assert.Equal((2.5, 4), (history.Stop!.Best!.Value, history.Stop.BestEpoch!.Value));
    }

    [Fact]
    public void Restore_best_weights_puts_back_the_best_epochs_weights_and_the_history_says_so()
    {
        using var restoring = new CallbackHarness(new EarlyStopping(patience: 2, restoreBestWeights: true, verbose: 1));
        using var keeping = new CallbackHarness(new EarlyStopping(patience: 2));

        var history = restoring.Run([0.5, 0.3, 0.4, 0.45, 0.1]);
        keeping.Run([0.5, 0.3, 0.4, 0.45, 0.1]);

        Assert.Equal(4, history.Stop?.Epoch);
        Assert.Equal(2.0, restoring.WeightsEpoch());   // the weights set before epoch 2 ended
        Assert.Equal(2, history.WeightsFromEpoch);
        Assert.Equal(4.0, keeping.WeightsEpoch());     // the last epoch's
        Assert.Equal(["Epoch 4: early stopping", "Restoring model weights from the end of the best epoch: 2."], restoring.Messages);
    }

    [Fact]
    public void Restore_best_weights_also_applies_when_training_runs_to_the_end()
    {
        using var run = new CallbackHarness(new EarlyStopping(patience: 5, restoreBestWeights: true));

        var history = run.Run([0.5, 0.2, 0.4]);

        Assert.Null(history.Stop);
        Assert.Equal(2.0, run.WeightsEpoch());
        Assert.Equal(2, history.WeightsFromEpoch);
    }

    [Fact]
    public void A_reused_instance_starts_afresh_on_a_new_run()
    {
        var callback = new EarlyStopping(patience: 1);
        using (var first = new CallbackHarness(callback))
            Assert.Equal(2, first.Run([1.0, 2.0]).Stop?.Epoch);
        using var second = new CallbackHarness(callback);
        Assert.Equal(3, second.Run([5.0, 4.0, 4.5]).Stop?.Epoch);
        Assert.Equal(4.0, callback.Best);
    }

    [Fact]
    public void State_round_trips_so_a_resumed_run_stops_where_the_uninterrupted_one_did()
    {
        double[] values = [1.0, 0.8, 0.85, 0.9, 0.95, 0.99];
        using var uninterrupted = new CallbackHarness(new EarlyStopping(patience: 3, restoreBestWeights: true));
        var expected = uninterrupted.Run(values);

        var first = new EarlyStopping(patience: 3, restoreBestWeights: true);
        using var before = new CallbackHarness(first);
        before.Run(values, stopAfter: 3);   // interrupted mid-patience (wait = 1)
        var state = first.GetState();

        var second = new EarlyStopping(patience: 3, restoreBestWeights: true);
        second.SetState(state);
        using var after = new CallbackHarness(second);
        after.History = before.History;
        var resumed = after.Run(values);

        Assert.Equal(expected.Stop, resumed.Stop);
        Assert.Equal(5, resumed.Stop?.Epoch);
        Assert.Equal(2.0, after.WeightsEpoch());   // best weights came through the state
    }
}
