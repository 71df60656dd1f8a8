using System.Collections.Generic;
using System.Linq;
using Dsl.Training;
using TorchSharp;
using Xunit.Abstractions;

namespace Dsl.Runtime.Tests.Training;

[Collection(TrainingCollection.Name)]
public sealed class MemoryTests
{
    private readonly ITestOutputHelper _output;

    public MemoryTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> Optimizers => new(Settings.Keys);

    // Each engine, with the options that allocate temporaries (clipping, centered, AMSGrad, schedules).
    private static readonly Dictionary<string, OptimizerSettings> Settings = new()
    {
        ["adam"] = OptimizerSettings.Adam(),
        ["sgd-momentum"] = OptimizerSettings.Sgd(0.01, momentum: 0.9),
        ["adamw-amsgrad-global-clipnorm"] = OptimizerSettings.AdamW(amsgrad: true) with { GlobalClipNorm = 1.0 },
        ["rmsprop-centered-momentum-clipnorm"] = OptimizerSettings.RmsProp(momentum: 0.5, centered: true) with { ClipNorm = 1.0 },
        ["adagrad-clipvalue"] = OptimizerSettings.Adagrad(0.05) with { ClipValue = 0.5 },
        ["nadam-schedule-weight-decay"] = OptimizerSettings.Nadam() with { WeightDecay = 0.01, Schedule = new CosineDecay(1e-3, 20) },
    };

    /// <summary>
    /// Counts this thread's live tensors (TorchSharp 0.107's <c>DisposeScopeManager.Statistics.TensorStatistics
    /// .ThreadTotalLiveCount</c>: created minus disposed on this thread). Per thread, so tests elsewhere cannot disturb
    /// it, and a tensor left to the finalizer counts as leaked, unlike the global <c>torch.Tensor.TotalCount</c>.
    /// </summary>
    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Live_tensors_do_not_grow_after_the_first_epoch_and_none_are_left_behind(string optimizer)
    {
        // The real-MNIST fixture: 512 training images.
        using var data = Dsl.Runtime.Tests.Fixtures.MnistFixture.LoadTrain();
        Trainer.Seed(11);
        using var model = new TinyMnistNet();
        var statistics = DisposeScopeManager.Statistics.TensorStatistics;
        long beforeTrainer = statistics.ThreadTotalLiveCount;
        var afterEpoch = new List<long>();
        var afterBatch = new LiveTensorProbe(statistics);
        var options = TestOptions.Create(epochs: 5, batchSize: 64, optimizer: Settings[optimizer]);

        using (var trainer = new Trainer(model, options))
        {
            trainer.EpochCompleted += (_, _) => afterEpoch.Add(statistics.ThreadTotalLiveCount);
            // Validation data too, so evaluation batches are covered; then a separate evaluation.
            trainer.Fit(data.Images, data.Labels, data.Images, data.Labels, afterBatch);
            long afterFit = statistics.ThreadTotalLiveCount;
            trainer.Evaluate(data.Images, data.Labels);
            Assert.Equal(afterFit, statistics.ThreadTotalLiveCount);
        }

        _output.WriteLine($"{optimizer}: live tensors on this thread before the trainer {beforeTrainer}, after each epoch {string.Join(", ", afterEpoch)}, " +
            $"after the trainer's disposal {statistics.ThreadTotalLiveCount}; after batches {string.Join(", ", afterBatch.Counts.Select(c => c.Live).Distinct())}");
        Assert.Equal(5, afterEpoch.Count);
        Assert.True(afterEpoch.Skip(1).All(count => count == afterEpoch[0]), $"live tensors after each epoch: {string.Join(", ", afterEpoch)}");
        // Within epochs too: every batch frees what it allocated (a leak confined to the epoch would pass the check above).
        var laterBatches = afterBatch.Counts.Where(c => c.Epoch > 1).Select(c => c.Live).Distinct().ToList();
        Assert.True(laterBatches.Count == 1, $"live tensors after batches of epochs 2-5: {string.Join(", ", laterBatches)}");
        // Only the optimizer's state lived beyond Fit, and disposing the trainer freed it.
        Assert.Equal(beforeTrainer, statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void Optimizer_state_loaded_inside_a_callers_dispose_scope_outlives_it()
    {
        using var data = SyntheticDigits.Create(count: 64, size: 12, seed: 20);
        using var folder = new TemporaryFolder();
        string path = folder.File("sgd.ckpt");
        var options = TestOptions.Create(epochs: 2, optimizer: OptimizerSettings.Sgd(0.01, momentum: 0.9));
        using (var model = new SmallDropoutNet())
        using (var trainer = new Trainer(model, options with { Epochs = 1 }))
        {
            trainer.Fit(data.Images, data.Labels);
            trainer.SaveCheckpoint(path);
        }

        using var resumedModel = new SmallDropoutNet();
        using var resumed = new Trainer(resumedModel, options);
        using (torch.NewDisposeScope())
            resumed.LoadCheckpoint(path); // the loaded state passes through tensors created inside the caller's scope

        // Had the scope freed the buffers, the next step would fail on a disposed tensor.
        Assert.Equal(2, resumed.Fit(data.Images, data.Labels).Count);
    }

    [Theory]
    [InlineData("adam")]
    [InlineData("nadam-schedule-weight-decay")]
    public void Saving_and_loading_checkpoints_leaves_no_tensor_behind(string optimizer)
    {
        using var data = SyntheticDigits.Create(count: 64, size: 12, seed: 23);
        using var folder = new TemporaryFolder();
        string path = folder.File("memory.ckpt");
        var statistics = DisposeScopeManager.Statistics.TensorStatistics;
        using var model = new SmallDropoutNet();
        using var trainer = new Trainer(model, TestOptions.Create(epochs: 1, optimizer: Settings[optimizer]));
        trainer.Fit(data.Images, data.Labels);
        trainer.SaveCheckpoint(path);
        trainer.LoadCheckpoint(path);
        long before = statistics.ThreadTotalLiveCount;

        for (int i = 0; i < 3; i++)
        {
            trainer.SaveCheckpoint(path);
            trainer.LoadCheckpoint(path);
        }

        Assert.Equal(before, statistics.ThreadTotalLiveCount);
    }

    /// <summary>Samples the live-tensor count after every training batch.</summary>
    private sealed class LiveTensorProbe : ITrainingProgress
    {
        private readonly LifetimeStatistics _statistics;

        public LiveTensorProbe(LifetimeStatistics statistics) => _statistics = statistics;

        public List<(int Epoch, long Live)> Counts { get; } = new();

        public void EpochStarted(EpochPlan plan)
        {
        }

        public void BatchCompleted(BatchProgress progress) => Counts.Add((progress.Plan.Epoch, _statistics.ThreadTotalLiveCount));

        public void EpochCompleted(EpochPlan plan, EpochRecord record)
        {
        }

        public void EpochAborted(EpochPlan plan, System.Exception reason)
        {
        }
    }
}
