using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using Dsl.Bench.Common;
using Dsl.Reporting;

namespace Dsl.Bench.Experiment;

/// <summary>
/// <c>experiment</c>: the README's MNIST experiment (samples/Mnist) timed end to end, with its peak resident memory
/// (getrusage of the finished child, the sample being this command's only child) and each model's seconds per epoch and
/// accuracy from the records it writes. Arguments after <c>--</c> go to the sample unchanged.
/// </summary>
internal static class ExperimentBench
{
    public const string Usage = """
        dotnet run --project bench/Dsl.Bench -c Release -- experiment [options] [-- sample options]
          --sample PATH            the built sample (default: samples/Mnist's Release build, built with this program)
          --out FILE               the JSON (default: runs/bench/experiment-<time>.json)
          after --: passed to the sample, e.g. -- --epochs 1 --train-limit 6000; without --out there, the sample
          writes into runs/bench/experiment-<time>/
        """;

    public static int Run(Args args, IReadOnlyList<string> sampleArgs, TextWriter console)
    {
        string sample = args.Text("--sample") ?? DefaultSample();
        string stamp = DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        string output = args.Text("--out") ?? Path.Combine("runs", "bench", $"experiment-{stamp}.json");
        args.EnsureAllUsed();
        if (!File.Exists(sample))
            throw new UsageException($"The sample is not built at {sample}: run `dotnet build samples/Mnist -c Release`, or pass --sample.");

        var passed = sampleArgs.ToList();
        int outIndex = passed.IndexOf("--out");
        string runFolder;
        if (outIndex >= 0 && outIndex + 1 < passed.Count)
        {
            runFolder = passed[outIndex + 1];
        }
        else
        {
            runFolder = Path.Combine("runs", "bench", $"experiment-{stamp}");
            passed.AddRange(["--out", runFolder]);
        }

        var machine = Machine.Capture();
        console.WriteLine($"Load average before the run: {machine.LoadAverageAtStart ?? "unknown"}. Running: dotnet {sample} {string.Join(' ', passed)}");
        var start = new ProcessStartInfo(Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet") { UseShellExecute = false };
        start.ArgumentList.Add(sample);
        foreach (var arg in passed)
            start.ArgumentList.Add(arg);

        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        long polled = 0;
        while (!process.WaitForExit(500))
            polled = Math.Max(polled, ProcessMemory.PeakResidentBytes(process.Id) ?? 0);
        process.WaitForExit();
        double wall = clock.Elapsed.TotalSeconds;
        long? peak = ProcessMemory.LargestChildPeakResidentBytes() is { } exact && exact > 0 ? exact : polled > 0 ? polled : null;

        var models = new List<ExperimentModel>();
        if (Directory.Exists(runFolder))
        {
            foreach (var record in RunRecords.ReadAll([runFolder]))
            {
                models.Add(new ExperimentModel(record.Model, record.Epochs.Count, record.SecondsPerEpoch,
                    record.Final.TestAccuracy, record.Final.TrainAccuracy, record.Config.TrainSamples, record.Config.Threads));
            }
        }
        var report = new ExperimentReport(started, DateTime.UtcNow, Environment.CommandLine, machine, Machine.LoadAverage(),
            "dotnet " + sample + " " + string.Join(' ', passed), process.ExitCode, wall, peak / (1024.0 * 1024.0), Path.GetFullPath(runFolder), models);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Exit code {process.ExitCode}; {wall / 60:F1} min wall clock; peak resident memory {(peak ?? 0) / (1024.0 * 1024.0):N0} MB."));
        foreach (var model in models)
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {model.Model}: {model.Epochs} epochs, {model.SecondsPerEpoch:F1} s/epoch, test accuracy {model.TestAccuracy:F4}"));
        console.WriteLine($"JSON: {BenchJson.Write(output, report)}");
        return process.ExitCode;
    }

    /// <summary>The sample's Release build, whose path this program recorded when it was built.</summary>
    private static string DefaultSample() =>
        typeof(ExperimentBench).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "DslMnistSamplePath")?.Value
        ?? throw new UsageException("This build does not know where the sample is; pass --sample PATH/Mnist.dll.");
}

internal sealed record ExperimentModel(string Model, int Epochs, double SecondsPerEpoch, double TestAccuracy, double TrainAccuracy, long TrainSamples, int Threads);

internal sealed record ExperimentReport(
    DateTime StartedUtc, DateTime FinishedUtc, string CommandLine, Machine Machine, string? LoadAverageAtEnd, string Sample,
    int ExitCode, double WallSeconds, double? PeakRssMb, string RunFolder, IReadOnlyList<ExperimentModel> Models)
{
    public string Tool { get; init; } = "dsl-bench experiment";

    public int Format { get; init; } = 1;
}
