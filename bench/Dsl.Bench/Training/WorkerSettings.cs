using System.Collections.Generic;
using System.Globalization;
using Dsl.Bench.Common;

namespace Dsl.Bench.Training;

/// <summary>
/// One measurement: a model, a framework variant and the workload. The same settings are passed, as the same
/// command-line options, to our worker and to the PyTorch twin (bench/pytorch_twin.py), so both train on the same
/// images with the same batch sizes, threads, epochs, warm-up and seed.
/// </summary>
internal sealed record WorkerSettings
{
    public required string Model { get; init; }

    public required string Variant { get; init; }

    public required string DataDirectory { get; init; }

    public required int TrainImages { get; init; }

    public required int EvalImages { get; init; }

    public required int BatchSize { get; init; }

    public required int EvalBatchSize { get; init; }

    public required int Threads { get; init; }

    public int? InteropThreads { get; init; }

    public required int Epochs { get; init; }

    public required int WarmupSteps { get; init; }

    public required int Seed { get; init; }

    public IReadOnlyList<string> ToArgs()
    {
        var args = new List<string>
        {
            "--model", Model, "--variant", Variant, "--data", DataDirectory,
            "--train-images", Text(TrainImages), "--eval-images", Text(EvalImages),
            "--batch-size", Text(BatchSize), "--eval-batch-size", Text(EvalBatchSize),
            "--threads", Text(Threads), "--epochs", Text(Epochs), "--warmup-steps", Text(WarmupSteps), "--seed", Text(Seed),
        };
        if (InteropThreads is int interop)
            args.AddRange(["--interop-threads", Text(interop)]);
        return args;
    }

    public static WorkerSettings Parse(Args args) => new()
    {
        Model = args.Text("--model") ?? throw new UsageException("worker: --model is required."),
        Variant = args.Text("--variant", Variants.Default),
        DataDirectory = args.Text("--data") ?? throw new UsageException("worker: --data is required."),
        TrainImages = args.Int("--train-images", 60_000, min: 1),
        EvalImages = args.Int("--eval-images", 10_000, min: 1),
        BatchSize = args.Int("--batch-size", 128, min: 1),
        EvalBatchSize = args.Int("--eval-batch-size", 128, min: 1),
        Threads = args.Int("--threads", 2, min: 1),
        InteropThreads = args.IntOrNull("--interop-threads", min: 1),
        Epochs = args.Int("--epochs", 1, min: 1),
        WarmupSteps = args.Int("--warmup-steps", 3),
        Seed = args.Int("--seed", 42),
    };

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
