using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text.Json;
using Dsl.Bench.Common;
using Dsl.Bench.Training;
using Dsl.Reporting;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Dsl.Bench.Peers;

/// <summary>
/// <c>torchsharp-twin</c>: the hand-written TorchSharp peer (<see cref="SeedTwins"/>) in a process of its own, started by
/// <c>train</c> with the same options as our worker. A plain loop as a C# user writes it, the same as
/// bench/pytorch_twin.py's plain one: shuffle, <c>index_select</c> a batch, <c>zero_grad</c>, forward, cross-entropy on the
/// logits, <c>backward</c>, <c>torch.optim.Adam</c>'s step, the loss and the hits read every batch; evaluation under
/// <c>inference_mode</c> with the sums kept on the device. Each batch's tensors live in a dispose scope. Prints one
/// result line with <see cref="WorkerResult"/>'s fields.
/// </summary>
internal static class TorchSharpTwinWorker
{
    public static int Run(Args args)
    {
        var settings = WorkerSettings.Parse(args);
        args.EnsureAllUsed();
        if (!SeedTwins.Has(settings.Model))
            throw new UsageException($"torchsharp-twin: no hand-written twin of {settings.Model}; there are {string.Join(", ", SeedTwins.Names)}.");
        if (settings.InteropThreads is int interop)
            torch.set_num_interop_threads(interop);
        torch.set_num_threads(settings.Threads);

        using var mnist = Workload.LoadMnist(settings);
        var data = Workload.From(mnist, settings);

        double warmup = 0;
        if (settings.WarmupSteps > 0)
        {
            var clock = Stopwatch.StartNew();
            torch.manual_seed(settings.Seed + 1);
            using var scratch = SeedTwins.Create(settings.Model);
            using var scratchAdam = Adam(scratch);
            long n = Math.Min(data.TrainX.shape[0], (long)settings.WarmupSteps * settings.BatchSize);
            long m = Math.Min(data.EvalX.shape[0], settings.EvalBatchSize);
            using (var x = data.TrainX.narrow(0, 0, n))
            using (var y = data.TrainY.narrow(0, 0, n))
                TrainEpoch(scratch, scratchAdam, x, y, settings.BatchSize, settings.Seed);
            using (var x = data.EvalX.narrow(0, 0, m))
            using (var y = data.EvalY.narrow(0, 0, m))
                Evaluate(scratch, x, y, settings.EvalBatchSize);
            warmup = clock.Elapsed.TotalSeconds;
        }

        torch.manual_seed(settings.Seed);
        using var model = SeedTwins.Create(settings.Model);
        using var optimizer = Adam(model);
        var epochs = new List<EpochMeasurement>();
        for (int epoch = 1; epoch <= settings.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            var (loss, accuracy) = TrainEpoch(model, optimizer, data.TrainX, data.TrainY, settings.BatchSize, settings.Seed * 1000L + epoch);
            double train = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var (evalLoss, evalAccuracy) = Evaluate(model, data.EvalX, data.EvalY, settings.EvalBatchSize);
            epochs.Add(new EpochMeasurement(epoch, train, clock.Elapsed.TotalSeconds, loss, accuracy, evalLoss, evalAccuracy));
        }

        var environment = EnvironmentRecord.Capture();
        var result = new WorkerResult
        {
            Framework = "torchsharp",
            Variant = Peer.TorchSharp,
            Model = settings.Model,
            Parameters = SeedTwins.TrainableParameters(model),
            TrainImages = settings.TrainImages,
            EvalImages = settings.EvalImages,
            BatchSize = settings.BatchSize,
            EvalBatchSize = settings.EvalBatchSize,
            Threads = torch.get_num_threads(),
            InteropThreads = settings.InteropThreads,
            WarmupSeconds = warmup,
            Epochs = epochs,
            PeakRssBytes = ProcessMemory.PeakResidentBytes(),
            Versions = new()
            {
                ["torchsharp"] = environment.TorchSharp,
                ["libtorch"] = environment.LibTorch,
                ["dotnet"] = environment.DotNet,
            },
        };
        Console.WriteLine(WorkerResult.Marker + JsonSerializer.Serialize(result, BenchJson.Compact));
        return 0;
    }

    /// <summary>Adam as the other sides have it: lr 1e-3, betas 0.9/0.999 (TorchSharp's default beta2 is 0.99), eps 1e-7.</summary>
    public static optim.Optimizer Adam(nn.Module model) =>
        torch.optim.Adam(model.parameters(), lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-7);

    public static (double Loss, double Accuracy) TrainEpoch(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Tensor x, Tensor y, int batchSize, long shuffleSeed)
    {
        model.train();
        long samples = x.shape[0];
        double lossSum = 0;
        long correct = 0;
        using var generator = new torch.Generator((ulong)shuffleSeed);
        using var order = torch.randperm(samples, generator: generator);
        for (long start = 0; start < samples; start += batchSize)
        {
            using var scope = torch.NewDisposeScope();
            long count = Math.Min(batchSize, samples - start);
            var index = order.narrow(0, start, count);
            var inputs = x.index_select(0, index);
            var labels = y.index_select(0, index);
            optimizer.zero_grad();
            var logits = model.call(inputs);
            var loss = F.cross_entropy(logits, labels);
            loss.backward();
            optimizer.step();
            lossSum += loss.item<float>() * count;
            correct += logits.argmax(1).eq(labels).sum().item<long>();
        }
        return (lossSum / samples, (double)correct / samples);
    }

    public static (double Loss, double Accuracy) Evaluate(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, int batchSize)
    {
        model.eval();
        using var inference = torch.inference_mode();
        using var scope = torch.NewDisposeScope();
        long samples = x.shape[0];
        var lossTotal = torch.zeros(1, ScalarType.Float64);
        var hits = torch.zeros(1, ScalarType.Int64);
        for (long start = 0; start < samples; start += batchSize)
        {
            using var batchScope = torch.NewDisposeScope();
            long count = Math.Min(batchSize, samples - start);
            var logits = model.call(x.narrow(0, start, count));
            var labels = y.narrow(0, start, count);
            lossTotal.add_(F.cross_entropy(logits, labels, reduction: nn.Reduction.Sum).to_type(ScalarType.Float64));
            hits.add_(logits.argmax(1).eq(labels).sum());
        }
        return (lossTotal.item<double>() / samples, (double)hits.item<long>() / samples);
    }
}
