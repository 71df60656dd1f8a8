using System;
using System.IO;
using System.Linq;
using Dsl.Training;
using Spectre.Console;
using TorchSharp;

namespace Dsl.Runtime.Tests.Training;

[Collection(TrainingCollection.Name)]
public sealed class ProgressTests
{
    [Fact]
    public void The_end_of_epoch_line_reads_like_Keras()
    {
        var plan = new EpochPlan(3, 12, 60000, 469);
        var record = new EpochRecord(3, 0.03444, 0.98901, 0.02412, 0.992, 41.2);

        Assert.Equal(
            "Epoch 3/12 - 60000/60000 - 41s 88ms/step - loss: 0.0344 - accuracy: 0.9890 - val_loss: 0.0241 - val_accuracy: 0.9920",
            KerasFormat.EpochLine(plan, record));
        Assert.Equal(
            "Epoch 3/12 - 60000/60000 - 41s 88ms/step - loss: 0.0344 - accuracy: 0.9890",
            KerasFormat.EpochLine(plan, record with { ValidationLoss = null, ValidationAccuracy = null }));
    }

    [Theory]
    [InlineData(2.4, 1, "2s/step")]
    [InlineData(0.5, 100, "5ms/step")]
    [InlineData(0.05, 100, "500us/step")]
    public void Time_per_step_uses_Keras_units(double seconds, int steps, string expected) =>
        Assert.Equal(expected, KerasFormat.PerStep(seconds, steps));

    [Theory]
    [InlineData(9.4, "9s")]
    [InlineData(75, "1:15")]
    [InlineData(3725, "1:02:05")]
    public void The_ETA_uses_Keras_format(double seconds, string expected) =>
        Assert.Equal(expected, KerasFormat.Eta(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Line_progress_writes_one_Keras_line_per_epoch()
    {
        using var data = SyntheticDigits.Create(count: 100, size: 12, seed: 18);
        using var model = new SmallDropoutNet();
        using var trainer = new Trainer(model, TestOptions.Create(epochs: 2));
        using var output = new StringWriter();

        trainer.Fit(data.Images, data.Labels, data.Images, data.Labels, new LineProgress(output));

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("Epoch 1/2 - 100/100 - ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("Epoch 2/2 - 100/100 - ", lines[1], StringComparison.Ordinal);
        Assert.All(lines, line => Assert.Matches(@"\d+s \d+(ms|us|s)/step - loss: \d\.\d{4} - accuracy: \d\.\d{4} - val_loss: \d\.\d{4} - val_accuracy: \d\.\d{4}$", line));
        Assert.Equal(KerasFormat.EpochLine(new EpochPlan(2, 2, 100, 4), trainer.History.Epochs[1]), lines[1]);
    }

    [Fact]
    public void The_live_bar_finishes_each_epoch_with_the_Keras_line_and_closes_on_failure()
    {
        using var data = SyntheticDigits.Create(count: 100, size: 12, seed: 19);
        using var nan = torch.full(data.Images.shape, double.NaN);
        using var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(output),
        });
        var progress = new LiveProgress(console);
        using var model = new SmallDropoutNet();
        using var trainer = new Trainer(model, TestOptions.Create(epochs: 2));

        trainer.Fit(data.Images, data.Labels, progress: progress);
        using var divergent = new Trainer(model, TestOptions.Create(epochs: 1));
        Assert.Throws<TrainingDivergedException>(() => divergent.Fit(nan, data.Labels, progress: progress));

        string text = output.ToString();
        Assert.Contains(KerasFormat.EpochLine(new EpochPlan(1, 2, 100, 4), trainer.History.Epochs[0]), text, StringComparison.Ordinal);
        Assert.Contains(KerasFormat.EpochLine(new EpochPlan(2, 2, 100, 4), trainer.History.Epochs[1]), text, StringComparison.Ordinal);
        Assert.Contains("Epoch 1/1 stopped: TrainingDivergedException", text, StringComparison.Ordinal);
        Assert.DoesNotContain("live progress unavailable", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_throttled_display_gets_the_running_metrics_only_as_often_as_it_redraws_and_at_the_epochs_last_batch()
    {
        using var data = SyntheticDigits.Create(count: 100, size: 12, seed: 19);
        using var model = new SmallDropoutNet();
        using var trainer = new Trainer(model, TestOptions.Create(epochs: 1));
        var rarely = new ThrottledRecorder(TimeSpan.FromHours(1));
        trainer.Fit(data.Images, data.Labels, progress: rarely);

        // 100 samples in batches of 32: four batches, metrics read at the first and the last only; every batch has its loss.
        Assert.Equal(4, rarely.Batches.Count);
        Assert.Equal(new[] { true, false, false, true }, rarely.Batches.Select(b => b.Metrics is not null));
        Assert.All(rarely.Batches, b => Assert.True(double.IsFinite(b.Loss)));
        // The last batch's running accuracy is the epoch's.
        Assert.Equal(trainer.History.Epochs[0].Accuracy!.Value, rarely.Batches[^1].Accuracy, 6);

        using var again = new Trainer(new SmallDropoutNet(), TestOptions.Create(epochs: 1));
        var always = new ThrottledRecorder(TimeSpan.Zero);
        again.Fit(data.Images, data.Labels, progress: always);
        Assert.All(always.Batches, b => Assert.NotNull(b.Metrics));
        Assert.Equal(TimeSpan.FromMilliseconds(250), new LiveProgress(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) })).MetricsInterval);
    }

    private sealed class ThrottledRecorder(TimeSpan interval) : IThrottledProgress
    {
        public System.Collections.Generic.List<BatchProgress> Batches { get; } = new();

        public TimeSpan MetricsInterval => interval;

        public void EpochStarted(EpochPlan plan)
        {
        }

        public void BatchCompleted(BatchProgress progress) => Batches.Add(progress);

        public void EpochCompleted(EpochPlan plan, EpochRecord record)
        {
        }

        public void EpochAborted(EpochPlan plan, Exception reason)
        {
        }
    }
}
