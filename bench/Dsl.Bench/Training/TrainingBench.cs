using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Dsl.Bench.Common;
using Dsl.Bench.Limit;
using Dsl.Bench.Peers;
using Dsl.Data;
using Dsl.Training;

namespace Dsl.Bench.Training;

/// <summary>
/// <c>train</c>: our trainer on the generated seed models beside the same models written without the DSL (the peers:
/// plain and tuned PyTorch, hand-written TorchSharp), alternating and repeated, after a probe of the machine's limit.
/// Every measurement runs in a fresh process (ours: this program's <c>worker</c>; PyTorch's: bench/pytorch_twin.py;
/// TorchSharp's: this program's <c>torchsharp-twin</c>) on the same images, batch sizes, threads, epochs, warm-up and
/// seed. Prints the tables and writes JSON with the probe, every run and the summary.
/// </summary>
internal static class TrainingBench
{
    public static readonly IReadOnlyList<string> SeedModels = ["Model1", "Model2", "Model3"];

    /// <summary>The sequence samples, with twins too; not run unless asked for with <c>--models</c>.</summary>
    public static readonly IReadOnlyList<string> SequenceModels = ["RowLstm", "VisionTransformer"];

    public const string Usage = """
        dotnet run --project bench/Dsl.Bench -c Release -- train [options]
          --quick                  a one-minute look: 1,536 training and 1,000 evaluation images, 2 repetitions
          --models Model1,Model2,Model3   also RowLstm, VisionTransformer (the sequence samples)
          --variants dsl[,...]     our side's variants (levers on or off); 'all' for every one:
                                   dsl, dsl-plain, dsl-out-of-place, dsl-activate-then-pool, dsl-unfolded-batch-norm, dsl-unfolded-rescaling, dsl-libtorch-dropout, dsl-stepwise-lstm, dsl-keep-freed-memory, dsl-no-grad,
                                   dsl-eval-batch-512, dsl-read-every-batch, dsl-channels-first, dsl-channels-last-eval, dsl-interop-1, dsl-bf16, dsl-live-progress
          --train-images 60000     the first N training images (--quick: 1536)
          --eval-images 10000      the first M test images, evaluated after every epoch (--quick: 1000)
          --repetitions 3          alternating rounds (--quick: 2); ratios are taken within a round
          --epochs 1               epochs per run (each timed; the first includes no warm-up, see --warmup-steps)
          --batch-size 128         training batch, both sides
          --eval-batch-size N      evaluation batch, both sides (default: the trainer's default, the training batch)
          --threads N              intra-op threads, both sides (default: every core)
          --interop-threads N      inter-op threads, both sides (default: each framework's own)
          --warmup-steps 3         training steps and one evaluation batch on a throwaway model before timing
          --seed 42
          --peers pytorch,pytorch-tuned,torchsharp   the reference sides (default all three; none for none):
                                   plain PyTorch, PyTorch with its CPU levers, hand-written TorchSharp
          --probe-ms 1000          time budget of each machine-limit probe at the start (fp32/bf16 matmul, convolution)
          --pytorch auto|off|require   auto: run the PyTorch peers when /usr/bin/python3 has torch, else say how to install it
          --python /usr/bin/python3
          --data DIR               the MNIST IDX files (default: as the sample finds them; fetched and cached if missing)
          --out FILE               the JSON (default: runs/bench/train-<time>.json)
        """;

    public static int Run(Args args, TextWriter console)
    {
        bool quick = args.Flag("--quick");
        var models = args.List("--models", SeedModels);
        var variantNames = args.List("--variants", [Variants.Default]);
        var variants = variantNames.Count == 1 && variantNames[0] == "all"
            ? Variants.All.ToList()
            : variantNames.Select(Variants.Get).ToList();
        int batch = args.Int("--batch-size", 128, min: 1);
        var settings = new TrainingBenchSettings
        {
            Models = models,
            Variants = variants.Select(v => v.Name).ToList(),
            TrainImages = args.Int("--train-images", quick ? 1536 : 60_000, min: 1),
            EvalImages = args.Int("--eval-images", quick ? 1000 : 10_000, min: 1),
            Repetitions = args.Int("--repetitions", quick ? 2 : 3, min: 1),
            Epochs = args.Int("--epochs", 1, min: 1),
            BatchSize = batch,
            EvalBatchSize = args.Int("--eval-batch-size", new TrainerOptions { BatchSize = batch }.EffectiveEvaluationBatchSize, min: 1),
            Threads = args.Int("--threads", Environment.ProcessorCount, min: 1),
            InteropThreads = args.IntOrNull("--interop-threads", min: 1),
            WarmupSteps = args.Int("--warmup-steps", 3),
            Seed = args.Int("--seed", 42),
        };
        var requestedPeers = Peer.Parse(args.List("--peers", Peer.All.Select(p => p.Name).ToList()));
        int probeMilliseconds = args.Int("--probe-ms", 1000, min: 1);
        string pytorchMode = args.Text("--pytorch", "auto");
        if (pytorchMode is not ("auto" or "off" or "require"))
            throw new UsageException($"--pytorch is auto, off or require, not '{pytorchMode}'.");
        string python = args.Text("--python", "/usr/bin/python3");
        string? data = args.Text("--data");
        string output = args.Text("--out") ?? Path.Combine("runs", "bench", $"train-{DateTime.Now:yyyyMMdd-HHmmss}.json");
        args.EnsureAllUsed();
        foreach (var model in models)
        {
            if (ModelCatalog.All.All(m => m.Name != model))
                throw new UsageException($"Unknown model '{model}'. The benchmark has {string.Join(", ", SeedModels.Concat(SequenceModels))} (and the seed models' twins), and Model1BatchNorm, Model1Rescaling (with --pytorch off).");
            foreach (var variant in variants.Where(v => ModelCatalog.All.All(m => m.Name != v.ModelName(model))))
                throw new UsageException($"The variant {variant.Name} needs a model {variant.ModelName(model)}, which the benchmark does not have; it exists for {string.Join(", ", SeedModels)}.");
        }

        var machine = Machine.Capture();
        var started = DateTime.UtcNow;
        string dataDirectory = ResolveData(data, settings, console);
        bool wantsPyTorch = pytorchMode != "off" && requestedPeers.Any(p => p.Runtime == PeerRuntime.PyTorch);
        var twin = wantsPyTorch ? PyTorchTwin.Probe(python) : null;
        if (twin is { Available: false })
        {
            if (pytorchMode == "require")
            {
                console.WriteLine($"The PyTorch peers cannot run: {twin.Unavailable}.");
                return 1;
            }
            console.WriteLine($"PyTorch peers skipped: {twin.Unavailable}.");
        }
        bool withPyTorch = twin is { Available: true };
        var peers = requestedPeers.Select(p => new PeerRecord(p.Name, p.Description,
            p.Runtime != PeerRuntime.PyTorch || withPyTorch,
            p.Runtime != PeerRuntime.PyTorch ? null : pytorchMode == "off" ? "--pytorch off" : twin?.Unavailable)).ToList();
        var running = requestedPeers.Where(p => peers.Single(r => r.Name == p.Name).Ran).ToList();
        console.WriteLine($"Load average before the run: {machine.LoadAverageAtStart ?? "unknown"} ({Environment.ProcessorCount} cores). Timings are only meaningful on an otherwise idle machine.");
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{settings.TrainImages:N0} training + {settings.EvalImages:N0} evaluation images, batch {settings.BatchSize} (evaluation {settings.EvalBatchSize}), {settings.Threads} threads, {settings.Epochs} epoch(s), {settings.Repetitions} repetition(s); peers: {(running.Count == 0 ? "none" : string.Join(", ", running.Select(p => p.Name)))}{(withPyTorch ? " (PyTorch " + twin!.Version + ")" : "")}."));

        var (probe, probeError) = RunProbe(settings.Threads, probeMilliseconds);
        console.WriteLine(probe is null ? $"Machine-limit probe failed: {probeError}" : $"Machine limit: {probe.Describe}.");

        var sides = variants.Select(v => v.Name).ToList();
        sides.AddRange(running.Select(p => p.Name));
        int total = settings.Repetitions * models.Count * sides.Count, done = 0;
        var runs = new List<RunEntry>();
        for (int repetition = 1; repetition <= settings.Repetitions; repetition++)
        {
            foreach (var model in models)
            {
                // Alternate the order every round (ours first, then PyTorch first), so neither side always runs on a
                // machine warmed, or slowed, by the other.
                var order = repetition % 2 == 1 ? sides : Enumerable.Reverse(sides).ToList();
                foreach (var side in order)
                {
                    done++;
                    if (Peer.All.FirstOrDefault(p => p.Name == side) is { } peer && !Supports(peer, model))
                    {
                        console.WriteLine($"[{done}/{total}] round {repetition} {model} {side}: no twin of {model}, skipped");
                        continue;
                    }
                    var worker = new WorkerSettings
                    {
                        Model = model, Variant = side, DataDirectory = dataDirectory,
                        TrainImages = settings.TrainImages, EvalImages = settings.EvalImages, BatchSize = settings.BatchSize,
                        EvalBatchSize = settings.EvalBatchSize, Threads = settings.Threads, InteropThreads = settings.InteropThreads,
                        Epochs = settings.Epochs, WarmupSteps = settings.WarmupSteps, Seed = settings.Seed,
                    };
                    var entry = RunOne(worker, twin, repetition);
                    runs.Add(entry);
                    console.WriteLine($"[{done}/{total}] round {repetition} {model} {side}: {entry.Describe()}");
                }
            }
        }

        var summary = Summarize(runs, models, sides, running.Select(p => p.Name).ToList(), probe);
        var report = new TrainingBenchReport
        {
            StartedUtc = started,
            FinishedUtc = DateTime.UtcNow,
            CommandLine = Environment.CommandLine,
            Machine = machine,
            LoadAverageAtEnd = Machine.LoadAverage(),
            Settings = settings,
            DataDirectory = dataDirectory,
            PyTorch = new PyTorchSide(withPyTorch, twin?.Python ?? python, twin?.Version,
                !wantsPyTorch ? (pytorchMode == "off" ? "--pytorch off" : "no PyTorch peer asked for") : twin?.Unavailable),
            Peers = peers,
            Probe = probe,
            ProbeError = probeError,
            Variants = variants.Select(v => new VariantRecord(v.Name, v.Lever)).ToList(),
            Runs = runs,
            Summary = summary,
        };
        console.WriteLine();
        console.WriteLine(SummaryTable.Format(summary, probe));
        if (running.Count > 0)
        {
            console.WriteLine();
            console.WriteLine(SummaryTable.FormatPeerRatios(summary));
        }
        console.WriteLine($"JSON: {BenchJson.Write(output, report)}");
        int failed = runs.Count(r => r.Error is not null);
        if (failed > 0)
            console.WriteLine($"{failed} of {runs.Count} runs failed; their errors are in the JSON.");
        return failed == 0 ? 0 : 1;
    }

    /// <summary>Makes sure MNIST is there (fetching it into the cache like the sample), then names the folder both sides read.</summary>
    private static string ResolveData(string? data, TrainingBenchSettings settings, TextWriter console)
    {
        var options = new MnistOptions { DataDirectory = data, Log = console.WriteLine };
        using (var mnist = Mnist.Load(options))
        {
            if (settings.TrainImages > mnist.Train.Count || settings.EvalImages > mnist.Test.Count)
                throw new UsageException($"--train-images {settings.TrainImages} and --eval-images {settings.EvalImages} ask for more than the data has ({mnist.Train.Count} and {mnist.Test.Count}).");
        }
        // The same choice Mnist.Load made: the data folder if it has all four files, else the cache.
        var (directory, _) = Mnist.ResolveDataDirectory(options, Environment.GetEnvironmentVariable);
        if (directory is not null && MnistFileSet.Official.Missing(directory).Count == 0)
            return directory;
        return Mnist.ResolveCacheDirectory(options, Environment.GetEnvironmentVariable);
    }

    /// <summary>Whether <paramref name="peer"/> has a twin of <paramref name="model"/>.</summary>
    private static bool Supports(Peer peer, string model) =>
        peer.Runtime == PeerRuntime.TorchSharp ? SeedTwins.Has(model) : PyTorchTwin.Models.Contains(model);

    /// <summary>The probe in a process of its own (the workers' thread count), or why it failed.</summary>
    private static (ProbeResult? Probe, string? Error) RunProbe(int threads, int milliseconds)
    {
        var completed = Workers.Run(Workers.Self(["probe", "--threads", threads.ToString(CultureInfo.InvariantCulture),
            "--milliseconds", milliseconds.ToString(CultureInfo.InvariantCulture)]));
        if (completed is null)
            return (null, "could not start the probe");
        var line = completed.Stdout.Split('\n').LastOrDefault(l => l.StartsWith(ProbeResult.Marker, StringComparison.Ordinal));
        if (completed.ExitCode != 0 || line is null)
            return (null, $"exit code {completed.ExitCode}: {completed.Tail()}");
        try
        {
            return (JsonSerializer.Deserialize<ProbeResult>(line[ProbeResult.Marker.Length..], BenchJson.Options), null);
        }
        catch (JsonException error)
        {
            return (null, $"unreadable probe line ({error.Message}): {line}");
        }
    }

    private static RunEntry RunOne(WorkerSettings worker, PyTorchTwin? twin, int repetition)
    {
        var peer = Peer.All.FirstOrDefault(p => p.Name == worker.Variant);
        var start = peer switch
        {
            null => Workers.Self(["worker", .. worker.ToArgs()]),
            { Runtime: PeerRuntime.TorchSharp } => Workers.Self(["torchsharp-twin", .. worker.ToArgs()]),
            _ => Workers.Program(twin!.Python, [twin.Script, .. worker.ToArgs()]),
        };
        var completed = Workers.Run(start);
        if (completed is null)
            return new RunEntry(repetition, worker.Model, worker.Variant, null, $"could not start {start.FileName}", 0);
        var line = completed.Stdout.Split('\n').LastOrDefault(l => l.StartsWith(WorkerResult.Marker, StringComparison.Ordinal));
        if (completed.ExitCode != 0 || line is null)
            return new RunEntry(repetition, worker.Model, worker.Variant, null, $"exit code {completed.ExitCode}: {completed.Tail()}", completed.WallSeconds);
        try
        {
            var result = JsonSerializer.Deserialize<WorkerResult>(line[WorkerResult.Marker.Length..], BenchJson.Options)!;
            // The twin must be the same model: a different parameter count means it is not.
            long ours = ModelCatalog.Get(worker.Model).ParameterCount;
            if (result.Parameters != ours)
                return new RunEntry(repetition, worker.Model, worker.Variant, null, $"{worker.Variant}'s {worker.Model} has {result.Parameters:N0} parameters, ours {ours:N0}: not the same model", completed.WallSeconds);
            return new RunEntry(repetition, worker.Model, worker.Variant, result, null, completed.WallSeconds);
        }
        catch (JsonException error)
        {
            return new RunEntry(repetition, worker.Model, worker.Variant, null, $"unreadable result line ({error.Message}): {line}", completed.WallSeconds);
        }
    }

    private static List<SummaryRow> Summarize(List<RunEntry> runs, IReadOnlyList<string> models, IReadOnlyList<string> sides, IReadOnlyList<string> peers, ProbeResult? probe)
    {
        var rows = new List<SummaryRow>();
        foreach (var model in models)
        {
            var byRound = (string side) => runs.Where(r => r.Model == model && r.Variant == side && r.Result is not null)
                .ToDictionary(r => r.Repetition, r => r.Result!);
            var shipped = byRound(Variants.Default);
            var peerRounds = peers.ToDictionary(p => p, byRound);
            foreach (var side in sides)
            {
                var mine = byRound(side);
                if (mine.Count == 0)
                {
                    rows.Add(new SummaryRow { Model = model, Variant = side, Runs = 0 });
                    continue;
                }
                var results = mine.Values.ToList();
                var toPeers = new Dictionary<string, Ratios>(StringComparer.Ordinal);
                foreach (var peer in peers.Where(p => p != side))
                {
                    if (Ratios(mine, peerRounds[peer]) is { } ratios)
                        toPeers[peer] = ratios;
                }
                rows.Add(new SummaryRow
                {
                    Model = model,
                    Variant = side,
                    Framework = results[0].Framework,
                    Precision = results[0].Precision,
                    Runs = results.Count,
                    TrainImagesPerSecond = Spread.Of(results.Select(r => r.TrainImagesPerSecond)),
                    EvalImagesPerSecond = Spread.Of(results.Select(r => r.EvalImagesPerSecond)),
                    EpochSeconds = Spread.Of(results.Select(r => r.EpochSeconds)),
                    PeakRssMb = Spread.Of(results.Where(r => r.PeakRssBytes is not null).Select(r => r.PeakRssBytes!.Value / (1024.0 * 1024.0))),
                    FinalEvalAccuracy = Spread.Of(results.Select(r => r.FinalEvalAccuracy)),
                    Achieved = Achieved.Of(ModelCatalog.Get(model).MultAdds, results.Select(r => r.TrainImagesPerSecond).ToList(),
                        results.Select(r => r.EvalImagesPerSecond).ToList(), probe, results[0].Precision == "bfloat16"),
                    RatiosToPeers = toPeers,
                    RatioToDsl = Peer.IsPeer(side) || side == Variants.Default ? null : Ratios(mine, shipped),
                });
            }
        }
        return rows;
    }

    /// <summary>
    /// Round by round, this side against the reference: training and evaluation images/s as this over the reference
    /// (above 1: faster), epoch seconds as this over the reference (below 1: faster); then their median and spread.
    /// </summary>
    private static Ratios? Ratios(Dictionary<int, WorkerResult> mine, Dictionary<int, WorkerResult> reference)
    {
        var rounds = mine.Keys.Intersect(reference.Keys).Order().ToList();
        if (rounds.Count == 0)
            return null;
        return new Ratios(
            Spread.Of(rounds.Select(r => Spread.Relative(mine[r].TrainImagesPerSecond, reference[r].TrainImagesPerSecond)))!,
            Spread.Of(rounds.Select(r => Spread.Relative(mine[r].EvalImagesPerSecond, reference[r].EvalImagesPerSecond)))!,
            Spread.Of(rounds.Select(r => Spread.Relative(mine[r].EpochSeconds, reference[r].EpochSeconds)))!);
    }
}
