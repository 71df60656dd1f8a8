using System;
using System.Linq;
using Dsl.Training;

namespace Dsl.Runtime.Tests.Training;

/// <summary>A learning-rate schedule inside the trainer: the rate of every step, and the callbacks it excludes.</summary>
[Collection(TrainingCollection.Name)]
public sealed class ScheduleTrainingTests : IDisposable
{
    private readonly LabeledTensors _train = SyntheticDigits.Create(count: 96, size: 12, seed: 41);

    public void Dispose() => _train.Dispose();

    [Fact]
    public void The_trainer_reports_the_schedules_rate_at_its_step_count()
    {
        var schedule = new ExponentialDecay(0.01, decaySteps: 2, decayRate: 0.5);
        Trainer.Seed(3);
        using var model = new SmallDropoutNet();
        using var trainer = new Trainer(model, TestOptions.Create(epochs: 3, batchSize: 32) with { Optimizer = OptimizerSettings.Sgd() with { Schedule = schedule } });
        Assert.Equal(0.01, trainer.LearningRate);

        var history = trainer.Fit(_train.Images, _train.Labels);

        // Three steps per epoch; each epoch records the rate of its first step.
        Assert.Equal(9, trainer.OptimizerIterations);
        Assert.Equal(new double?[] { 0.01, 0.01 * Math.Pow(0.5, 1.5), 0.01 * Math.Pow(0.5, 3) }, history.LearningRate);
        Assert.Equal(schedule.At(9), trainer.LearningRate);
    }

    [Fact]
    public void Setting_a_scheduled_rate_fails_as_in_Keras()
    {
        using var model = new SmallDropoutNet();
        using var trainer = new Trainer(model, TestOptions.Create() with { Optimizer = OptimizerSettings.Adam() with { Schedule = new CosineDecay(1e-3, 100) } });

        var error = Assert.Throws<InvalidOperationException>(() => trainer.LearningRate = 1e-4);

        Assert.Contains("The learning rate follows TrainerOptions.Optimizer.Schedule (CosineDecay", error.Message, StringComparison.Ordinal);
        Assert.Contains("hence its learning rate is not settable", error.Message, StringComparison.Ordinal);
        Assert.Contains("use a constant LearningRate and no Schedule", error.Message, StringComparison.Ordinal);
        Assert.Equal(1e-3, trainer.LearningRate);
    }

    [Fact]
    public void Callbacks_that_set_the_rate_cannot_join_a_schedule()
    {
        using var model = new SmallDropoutNet();
        using var trainer = new Trainer(model, TestOptions.Create() with { Optimizer = OptimizerSettings.Adam() with { Schedule = new InverseTimeDecay(1e-3, 10, 0.5) } });

        var plateau = Assert.Throws<InvalidOperationException>(() => trainer.Callbacks.Add(new ReduceLROnPlateau(monitor: "loss")));
        var scheduler = Assert.Throws<InvalidOperationException>(() => trainer.Callbacks.Insert(0, new LearningRateScheduler(epoch => 1e-3)));
        trainer.Callbacks.Add(new EarlyStopping(monitor: "loss"));

        Assert.Contains("ReduceLROnPlateau sets the learning rate, but TrainerOptions.Optimizer.Schedule (InverseTimeDecay", plateau.Message, StringComparison.Ordinal);
        Assert.Contains("Use the schedule or ReduceLROnPlateau, not both", plateau.Message, StringComparison.Ordinal);
        Assert.Contains("Use the schedule or LearningRateScheduler, not both", scheduler.Message, StringComparison.Ordinal);
        Assert.IsType<EarlyStopping>(Assert.Single(trainer.Callbacks));
        Assert.Throws<InvalidOperationException>(() => trainer.Callbacks[0] = new ReduceLROnPlateau(monitor: "loss"));

        // Without a schedule both are welcome.
        using var constant = new Trainer(model, TestOptions.Create());
        constant.Callbacks.Add(new ReduceLROnPlateau(monitor: "loss"));
        constant.Callbacks.Add(new LearningRateScheduler(epoch => 1e-3));
        Assert.Equal(2, constant.Callbacks.Count);
    }
}
