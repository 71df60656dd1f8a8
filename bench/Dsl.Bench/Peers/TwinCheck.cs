using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Dsl.Bench.Common;
using Dsl.Data;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Dsl.Bench.Peers;

/// <summary>
/// <c>check-twins</c>: that each hand-written TorchSharp twin computes what the generated model computes. Our model is
/// created, its weights are copied into the twin (<see cref="TwinWeights"/>, shapes checked), and both run on
/// the same MNIST images: the evaluation logits, then a few training steps with dropout (the same seed before each
/// step, both channels-first, and our Dropout layers set to libtorch's masks, so the masks are drawn alike) and <c>torch.optim.Adam</c> on both sides, comparing the
/// losses step by step. Prints a table and one JSON line after <see cref="Marker"/>; exit code 1 when a twin differs.
/// </summary>
internal static class TwinCheck
{
    public const string Marker = "BENCH-TWINS ";

    /// <summary>Float rounding between two op orders; a wrong layer or padding is off by far more.</summary>
    public const double Tolerance = 1e-4;

    public const string Usage = """
        dotnet run --project bench/Dsl.Bench -c Release -- check-twins [options]
          --data DIR               the MNIST IDX files (default: as the sample finds them)
          --models Model1,...      the twins to check (default: every hand-written twin)
          --images 64              images per batch
          --steps 3                training steps compared
        """;

    public static int Run(Args args, TextWriter console)
    {
        string? data = args.Text("--data");
        var models = args.List("--models", SeedTwins.Names.ToList());
        int images = args.Int("--images", 64, min: 1);
        int steps = args.Int("--steps", 3, min: 1);
        args.EnsureAllUsed();
        foreach (var model in models)
        {
            if (!SeedTwins.Has(model) || ModelCatalog.All.All(m => m.Name != model))
                throw new UsageException($"No twin of '{model}' to check; there are {string.Join(", ", SeedTwins.Names)}.");
        }
        torch.set_num_threads(1);
        using var mnist = Mnist.Load(new MnistOptions { DataDirectory = data, Log = console.WriteLine });
        int count = (int)Math.Min(images, mnist.Train.Count);
        var results = new List<TwinComparison>();
        foreach (var model in models)
        {
            using var x = mnist.Train.Images.narrow(0, 0, count);
            using var y = mnist.Train.Labels.narrow(0, 0, count);
            results.Add(Compare(model, x, y, steps));
        }
        foreach (var r in results)
        {
            console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{r.Model}: parameters {r.OursParameters:N0} / twin {r.TwinParameters:N0}; evaluation logits differ by at most {r.EvalMaxAbsDifference:E2}; training losses {string.Join(" ", r.OursLosses.Select(l => l.ToString("F6", System.Globalization.CultureInfo.InvariantCulture)))} / twin {string.Join(" ", r.TwinLosses.Select(l => l.ToString("F6", System.Globalization.CultureInfo.InvariantCulture)))}: {(r.Same ? "same" : "DIFFERENT")}"));
        }
        console.WriteLine(Marker + JsonSerializer.Serialize(results, BenchJson.Compact));
        return results.All(r => r.Same) ? 0 : 1;
    }

    private static TwinComparison Compare(string model, Tensor x, Tensor y, int steps)
    {
        torch.manual_seed(7);
        using var ours = ModelCatalog.Get(model).Create();
        var generated = (IGeneratedModel)ours;
        using var twin = SeedTwins.Create(model);
        TwinWeights.Copy(model, ours, twin);

        double evalDifference;
        ours.eval();
        twin.eval();
        using (torch.inference_mode())
        using (torch.NewDisposeScope())
            evalDifference = generated.RunLogits(x)[0].sub(twin.call(x)).abs().max().item<float>();

        // libtorch's masks on our side too: the runtime's own generator draws other (equally distributed) masks.
        foreach (var dropout in ours.modules().OfType<Dsl.Modules.Dropout>())
            dropout.MaskSource = Dsl.Modules.DropoutMaskSource.Libtorch;
        ours.train();
        twin.train();
        using var oursAdam = TorchSharpTwinWorker.Adam(ours);
        using var twinAdam = TorchSharpTwinWorker.Adam(twin);
        var oursLosses = new List<double>();
        var twinLosses = new List<double>();
        for (int step = 0; step < steps; step++)
        {
            using var scope = torch.NewDisposeScope();
            oursLosses.Add(Step(() => generated.RunLogits(x)[0], oursAdam, y, seed: 100 + step));
            twinLosses.Add(Step(() => twin.call(x), twinAdam, y, seed: 100 + step));
        }
        bool same = evalDifference <= Tolerance && oursLosses.Zip(twinLosses).All(pair => Math.Abs(pair.First - pair.Second) <= Tolerance);
        return new TwinComparison(model, ModelCatalog.Get(model).ParameterCount, SeedTwins.TrainableParameters(twin), evalDifference, oursLosses, twinLosses, same);
    }

    private static double Step(Func<Tensor> forward, optim.Optimizer optimizer, Tensor labels, long seed)
    {
        torch.manual_seed(seed);
        optimizer.zero_grad();
        var loss = F.cross_entropy(forward(), labels);
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }
}

/// <summary>One twin against our generated model.</summary>
internal sealed record TwinComparison(string Model, long OursParameters, long TwinParameters, double EvalMaxAbsDifference,
    IReadOnlyList<double> OursLosses, IReadOnlyList<double> TwinLosses, bool Same);
