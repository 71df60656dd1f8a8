using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Dsl.Bench.Common;
using Dsl.Bench.Experiment;
using Dsl.Bench.Generator;
using Dsl.Bench.Levers;
using Dsl.Bench.Limit;
using Dsl.Bench.Peers;
using Dsl.Bench.Training;

namespace Dsl.Bench;

/// <summary>
/// The benchmarks (bench/README.md): <c>train</c> (ours beside PyTorch), <c>generator</c> (the source generator's cost),
/// <c>experiment</c> (the README's MNIST run, timed), <c>probe</c> (the machine's limit, run by <c>train</c> at its start),
/// and <c>worker</c> / <c>torchsharp-twin</c> (one measurement of ours / of the hand-written TorchSharp peer, started by
/// <c>train</c>); <c>check-twins</c> checks that the hand-written TorchSharp twins compute what the generated models compute; <c>torchscript</c>
/// measures the generated forward against the same graph as a TorchScript function.
/// </summary>
internal static class Program
{
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "--quick", "--explain" };

    public static int Main(string[] argv)
    {
        TextWriter console = Console.Out;
        if (argv.Length == 0 || argv[0] is "--help" or "-h" or "help")
        {
            console.WriteLine(TrainingBench.Usage);
            console.WriteLine(GeneratorBench.Usage);
            console.WriteLine(ExperimentBench.Usage);
            console.WriteLine(MachineProbe.Usage);
            console.WriteLine(TwinCheck.Usage);
            console.WriteLine(TorchScriptLever.Usage);
            return 0;
        }
        // Options without a command mean `train`.
        string command = argv[0].StartsWith("--", StringComparison.Ordinal) ? "train" : argv[0];
        var rest = argv[0].StartsWith("--", StringComparison.Ordinal) ? argv : argv[1..];
        int separator = Array.IndexOf(rest, "--");
        var passed = separator >= 0 ? rest[(separator + 1)..] : [];
        var own = separator >= 0 ? rest[..separator] : rest;
        try
        {
            if (own.Contains("--help"))
            {
                console.WriteLine(command switch { "generator" => GeneratorBench.Usage, "experiment" => ExperimentBench.Usage, "probe" => MachineProbe.Usage, "check-twins" => TwinCheck.Usage, "torchscript" => TorchScriptLever.Usage, _ => TrainingBench.Usage });
                return 0;
            }
            var args = new Args(own, Flags);
            if (passed.Length > 0 && command != "experiment")
                throw new UsageException("Only `experiment` passes arguments after -- on (to the sample).");
            return command switch
            {
                "train" => TrainingBench.Run(args, console),
                "worker" => TrainingWorker.Run(args),
                "torchsharp-twin" => TorchSharpTwinWorker.Run(args),
                "probe" => MachineProbe.Run(args, console),
                "check-twins" => TwinCheck.Run(args, console),
                "torchscript" => TorchScriptLever.Run(args, console),
                "generator" => GeneratorBench.Run(args, console),
                "experiment" => ExperimentBench.Run(args, passed, console),
                _ => throw new UsageException($"Unknown command '{command}': train, generator, experiment, probe, check-twins or torchscript (--help lists their options)."),
            };
        }
        catch (UsageException error)
        {
            Console.Error.WriteLine(error.Message);
            return 2;
        }
    }
}
