using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text.Json;
using Dsl.Bench.Common;
using Dsl.Data;
using Dsl.Reporting;
using Dsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Bench.Training;

/// <summary>
/// <c>worker</c>: one measurement of our side in a process of its own (so its peak memory is its own), started by
/// <see cref="TrainingBench"/>. Loads the images, warms up on a throwaway model, then trains the seeded model with the
/// project's <see cref="Trainer"/> and evaluates after every epoch, timing the two apart; prints one result line.
/// </summary>
internal static class TrainingWorker
{
    public static int Run(Args args)
    {
        var settings = WorkerSettings.Parse(args);
        args.EnsureAllUsed();
        var variant = Variants.Get(settings.Variant);

        // Inter-op threads can only be set before libtorch's first parallel work.
        if (settings.InteropThreads is int interop)
            torch.set_num_interop_threads(interop);
        torch.set_num_threads(settings.Threads);

        using var mnist = Workload.LoadMnist(settings);
        var data = Workload.From(mnist, settings);

        var info = ModelCatalog.Get(variant.ModelName(settings.Model));
        var options = variant.Configure(new TrainerOptions
        {
            Epochs = settings.Epochs,
            BatchSize = settings.BatchSize,
            EvaluationBatchSize = settings.EvalBatchSize,
            Optimizer = OptimizerSettings.Adam(),
            Seed = settings.Seed,
            Threads = settings.Threads,
            InteropThreads = settings.InteropThreads,
        });

        var (warmup, epochs) = variant.BFloat16
            ? BFloat16Loop.Run(info, options, data, settings.WarmupSteps)
            : RunTrainer(info, options, data, settings.WarmupSteps, variant.Progress?.Invoke() ?? SilentProgress.Instance);

        var environment = EnvironmentRecord.Capture();
        var result = new WorkerResult
        {
            Framework = "dsl",
            Variant = variant.Name,
            Model = settings.Model,
            Parameters = info.ParameterCount,
            Precision = variant.BFloat16 ? "bfloat16" : "float32",
            TrainImages = settings.TrainImages,
            EvalImages = settings.EvalImages,
            BatchSize = settings.BatchSize,
            EvalBatchSize = options.EvaluationBatchSize ?? settings.EvalBatchSize,
            Threads = torch.get_num_threads(),
            InteropThreads = settings.InteropThreads,
            WarmupSeconds = warmup,
            Epochs = epochs,
            PeakRssBytes = ProcessMemory.PeakResidentBytes(),
            Versions = new()
            {
                ["dsl_runtime"] = environment.DslRuntime,
                ["torchsharp"] = environment.TorchSharp,
                ["libtorch"] = environment.LibTorch,
                ["dotnet"] = environment.DotNet,
                ["model_class"] = info.FullName,
            },
        };
        Console.WriteLine(WorkerResult.Marker + JsonSerializer.Serialize(result, BenchJson.Compact));
        return 0;
    }

    /// <summary>Warm-up on a throwaway model (oneDNN builds its kernels on first use), then the measured run.</summary>
    private static (double Warmup, List<EpochMeasurement> Epochs) RunTrainer(ModelInfo info, TrainerOptions options, Workload data, int warmupSteps, ITrainingProgress progress)
    {
        double warmup = 0;
        if (warmupSteps > 0)
        {
            var clock = Stopwatch.StartNew();
            Trainer.Seed(options.Seed + 1);
            using var scratch = info.Create();
            using var trainer = new Trainer(scratch, options with { Epochs = 1 });
            long n = Math.Min(data.TrainX.shape[0], (long)warmupSteps * options.BatchSize);
            long m = Math.Min(data.EvalX.shape[0], options.EffectiveEvaluationBatchSize);
            using (var x = data.TrainX.narrow(0, 0, n))
            using (var y = data.TrainY.narrow(0, 0, n))
                trainer.Fit(x, y, progress: SilentProgress.Instance);
            using (var x = data.EvalX.narrow(0, 0, m))
            using (var y = data.EvalY.narrow(0, 0, m))
                trainer.Evaluate(x, y);
            warmup = clock.Elapsed.TotalSeconds;
        }

        Trainer.Seed(options.Seed);
        using var model = info.Create();
        using var measured = new Trainer(model, options);
        var epochs = new List<EpochMeasurement>();
        // Fit without validation data times the training alone (EpochRecord.Seconds); the evaluation after each epoch is
        // the same call Fit's validation makes, timed apart.
        measured.EpochCompleted += (_, e) =>
        {
            var clock = Stopwatch.StartNew();
            var evaluation = measured.Evaluate(data.EvalX, data.EvalY);
            clock.Stop();
            epochs.Add(new EpochMeasurement(e.Record.Epoch, e.Record.Seconds, clock.Elapsed.TotalSeconds,
                e.Record.Loss, e.Record.Accuracy ?? double.NaN, evaluation.Loss, evaluation.Accuracy ?? double.NaN));
        };
        measured.Fit(data.TrainX, data.TrainY, progress: progress);
        return (warmup, epochs);
    }
}
