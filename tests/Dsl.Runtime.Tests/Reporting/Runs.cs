using System;
using System.Linq;
using Dsl.Reporting;
using Dsl.Runtime.Tests.Models;
using Dsl.Training;

namespace Dsl.Runtime.Tests.Reporting;

/// <summary>Run records built by hand from the real generated seed models and synthetic epochs (no training).</summary>
internal static class Runs
{
    public static readonly DateTime Started = new(2025, 3, 1, 10, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// A run of <paramref name="model"/> with <paramref name="epochs"/> epochs whose values differ per epoch and, through
    /// <paramref name="testAccuracy"/>, per model (so plotted lines do not overlap), with decimals that are not short,
    /// so a lossy round trip would show.
    /// </summary>
    public static RunRecord Of(ModelInfo model, double testAccuracy, double trainAccuracy, int epochs = 4, bool validation = true, DateTime? finished = null)
    {
        var history = Enumerable.Range(1, epochs).Select(i => new EpochRecord(
            i,
            Loss: 1.0 / (i + 0.1) + (1 - testAccuracy),
            Accuracy: 0.9 + 0.01 * i + 1.0 / 3e4,
            ValidationLoss: validation ? 0.8 / (i + 0.3) : null,
            ValidationAccuracy: validation ? testAccuracy - 0.05 / i : null,
            Seconds: 40.0 + i / 3.0)).ToArray();
        return new RunRecord
        {
            Model = model.Name,
            Source = model.Source,
            Architecture = ArchitectureRecord.From(model),
            Config = new RunConfig
            {
                Epochs = epochs, BatchSize = 128, Optimizer = "Adam", LearningRate = 1e-3, Seed = 42,
                TrainLimit = 12_800, TrainSamples = 12_800, TestSamples = 10_000, Threads = 2,
            },
            Epochs = history,
            Final = new FinalMetrics { TestLoss = 0.0301, TestAccuracy = testAccuracy, TrainLoss = 0.0213, TrainAccuracy = trainAccuracy },
            Environment = new EnvironmentRecord
            {
                DslRuntime = "0.1.0", TorchSharp = "0.107.0", LibTorch = "2.10.0.0", DotNet = ".NET 10.0.0",
                Os = "Debian GNU/Linux 12 (x64)", ProcessorCount = 2, Cpu = "AMD EPYC", Machine = "build-1",
            },
            StartedUtc = Started,
            FinishedUtc = finished ?? Started.AddMinutes(10),
        };
    }

    public static RunRecord Model1(double test = 0.9921, double train = 0.9952) => Of(SeedModel1.Info, test, train);

    public static RunRecord Model2(double test = 0.6461, double train = 0.6492) => Of(SeedModel2.Info, test, train);

    public static RunRecord Model3(double test = 0.9869, double train = 0.9888) => Of(SeedModel3.Info, test, train);
}
