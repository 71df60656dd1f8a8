using System;
using System.IO;
using System.Linq;
using Dsl.Reporting;
using Dsl.Training;

namespace Dsl.Runtime.Tests.Training;

/// <summary>The trainer, checkpoints and reports work on a graph model as on any other.</summary>
[Collection(TrainingCollection.Name)]
public sealed class GraphTrainingTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly LabeledImagesPair _data = new(SyntheticDigits.Create(count: 512, size: 12, seed: 1), SyntheticDigits.Create(count: 256, size: 12, seed: 2));

    public void Dispose()
    {
        _data.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void A_graph_model_learns()
    {
        Trainer.Seed(1);
        using var model = new SmallResidualNet();
        using var trainer = new Trainer(model, TestOptions.Create(epochs: 6, batchSize: 16, seed: 1));
        var history = trainer.Fit(_data.Train.Images, _data.Train.Labels, _data.Test.Images, _data.Test.Labels);

        Assert.True(history.Loss[^1] < history.Loss[0] / 2, $"training loss {string.Join(", ", history.Loss)}");
        Assert.True(history.ValidationAccuracy[^1] > 0.9, $"validation accuracy {string.Join(", ", history.ValidationAccuracy)}");
    }

    [Fact]
    public void A_resumed_graph_model_repeats_the_uninterrupted_run_and_its_record_shows_the_graph()
    {
        string path = _folder.File("graph.ckpt");
        History uninterrupted;
        Trainer.Seed(3);
        using (var model = new SmallResidualNet())
        using (var trainer = new Trainer(model, TestOptions.Create(epochs: 3, batchSize: 32, seed: 3)))
            uninterrupted = trainer.Fit(_data.Train.Images, _data.Train.Labels, _data.Test.Images, _data.Test.Labels);

        Trainer.Seed(3);
        using (var model = new SmallResidualNet())
        using (var trainer = new Trainer(model, TestOptions.Create(epochs: 1, batchSize: 32, seed: 3)))
        {
            trainer.EpochCompleted += (_, _) => trainer.SaveCheckpoint(path);
            trainer.Fit(_data.Train.Images, _data.Train.Labels, _data.Test.Images, _data.Test.Labels);
        }

        Trainer.Seed(99);
        using var resumedModel = new SmallResidualNet();
        using var resumed = new Trainer(resumedModel, TestOptions.Create(epochs: 3, batchSize: 32, seed: 3));
        Assert.True(resumed.TryLoadCheckpoint(path));
        var history = resumed.Fit(_data.Train.Images, _data.Train.Labels, _data.Test.Images, _data.Test.Labels);
        Assert.Equal(uninterrupted.Loss, history.Loss);
        Assert.Equal(uninterrupted.ValidationAccuracy, history.ValidationAccuracy);

        // The architecture record keeps the graph: each layer's inputs, the Connected-to summary and the diagram.
        var architecture = ArchitectureRecord.From(SmallResidualNet.Info);
        Assert.Equal(new[] { "stem", "conv2d_1" }, architecture.Layers.Single(l => l.Name == "add_1").Inputs);
        Assert.Contains("Connected to", architecture.Summary, StringComparison.Ordinal);
        Assert.Contains(" --> ", architecture.Diagram, StringComparison.Ordinal);
        var record = RunRecord.From(SmallResidualNet.Info, new RunConfig { Epochs = 3, BatchSize = 32 }, history, new FinalMetrics(), DateTime.UtcNow, DateTime.UtcNow);
        string json = RunRecords.Write(_folder.Path, record);
        Assert.Equal(record.Architecture, RunRecords.Read(json).Architecture);
    }

    private sealed class LabeledImagesPair : IDisposable
    {
        public LabeledImagesPair(LabeledTensors train, LabeledTensors test)
        {
            Train = train;
            Test = test;
        }

        public LabeledTensors Train { get; }

        public LabeledTensors Test { get; }

        public void Dispose()
        {
            Train.Dispose();
            Test.Dispose();
        }
    }
}
