using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using Dsl.Bench.Common;
using Dsl.Modules;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Dsl.Bench.Levers;

/// <summary>
/// <c>torchscript</c>: the "fused forward code" lever, measured before building it into the generator. The
/// generated Model1 trains step by step (its eager forward, as shipped) against the same graph written as one TorchScript
/// function (<c>torch.jit.compile</c>) over the same parameter tensors, with the same counter-based dropout masks passed
/// in, the same cross-entropy and the same Adam: alternating pairs of timed steps, the ratio taken within each pair. It
/// first checks that the script computes the model's logits. A fuser would have to see the chains for this to pay:
/// libtorch's TensorExpr fuser must use LLVM on CPU, and the CPU build TorchSharp ships has no LLVM code generator, so the
/// script runs the same aten kernels through the interpreter; the ratio shows what is left (dispatch from .NET).
/// </summary>
internal static class TorchScriptLever
{
    public const string Marker = "BENCH-TORCHSCRIPT ";

    public const string Usage = """
        dotnet run --project bench/Dsl.Bench -c Release -- torchscript [options]
          --pairs 8                alternating pairs (eager, then TorchScript) of timed steps
          --steps 30               training steps per side in each pair (batch 128, random images)
          --threads N              intra-op threads (default: every core)
        """;

    private const string Script = """
        def forward(x: Tensor, w1: Tensor, b1: Tensor, w2: Tensor, b2: Tensor, w3: Tensor, b3: Tensor, w4: Tensor, b4: Tensor, m1: Tensor, m2: Tensor, m3: Tensor) -> Tensor:
            y = torch.conv2d(x, w1, b1, [1, 1], [1, 1])
            y = torch.relu_(torch.max_pool2d(y, [2, 2])) * m1
            y = torch.relu_(torch.conv2d(y, w2, b2, [1, 1], [1, 1])) * m2
            y = torch.relu_(torch.conv2d(y, w3, b3, [1, 1], [1, 1])) * m3
            return torch.addmm(b4, torch.flatten(y, 1), w4.t())

        """;

    public static int Run(Args args, TextWriter console)
    {
        int pairs = args.Int("--pairs", 8, min: 1);
        int steps = args.Int("--steps", 30, min: 1);
        int threads = args.Int("--threads", Environment.ProcessorCount, min: 1);
        args.EnsureAllUsed();
        torch.set_num_threads(threads);
        torch.manual_seed(1);
        using var model = ModelCatalog.Get("Model1").Create();
        var generated = (IGeneratedModel)model;
        var p = model.named_parameters().ToDictionary(n => n.name, n => (Tensor)n.parameter);
        Tensor[] weights = [p["conv2d_1.weight"], p["conv2d_1.bias"], p["conv2d_2.weight"], p["conv2d_2.bias"], p["conv2d_3.weight"], p["conv2d_3.bias"], p["dense_1.weight"], p["dense_1.bias"]];
        using var unit = torch.jit.compile(Script);
        // Batches laid out channels-last, as the trainer lays them out.
        using var x = rand(128, 28, 28, 1).permute(0, 3, 1, 2);
        using var labels = randint(0, 10, 128);
        Tensor Scripted(Tensor[] masks) => (Tensor)unit.invoke("forward", [x, .. weights, .. masks]);

        double difference;
        model.eval();
        using (torch.no_grad())
        using (torch.NewDisposeScope())
        {
            Tensor[] ones = [torch.ones(128, 64, 14, 14), torch.ones(128, 28, 14, 14), torch.ones(128, 12, 14, 14)];
            difference = generated.RunLogits(x)[0].sub(Scripted(ones)).abs().max().item<float>();
        }

        model.train();
        using var adam = torch.optim.Adam(model.parameters(), 1e-3);
        double[] rates = [0.2, 0.35, 0.4];
        Tensor[] Masks() => [Mask([128, 64, 14, 14], rates[0]), Mask([128, 28, 14, 14], rates[1]), Mask([128, 12, 14, 14], rates[2])];
        double Time(Func<Tensor> forward)
        {
            var clock = Stopwatch.StartNew();
            for (int step = 0; step < steps; step++)
            {
                using var scope = torch.NewDisposeScope();
                adam.zero_grad();
                F.cross_entropy(forward(), labels).backward();
                adam.step();
            }
            return clock.Elapsed.TotalMilliseconds / steps;
        }
        Func<Tensor> eager = () => generated.RunLogits(x)[0];
        Func<Tensor> scripted = () => Scripted(Masks());
        Time(eager);
        Time(scripted);
        var results = new List<TorchScriptPair>();
        for (int pair = 0; pair < pairs; pair++)
        {
            double e = Time(eager), s = Time(scripted);
            results.Add(new TorchScriptPair(e, s, e / s));
            console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"pair {pair + 1}: eager {e:F2} ms/step, TorchScript {s:F2} ms/step, eager ÷ TorchScript {e / s:F3}"));
        }
        var ratio = Spread.Of(results.Select(r => r.EagerOverScript))!;
        console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Model1, {threads} threads: the script's evaluation logits differ from the model's by at most {difference:E2}; eager ÷ TorchScript step time {ratio.Median:F3} ({ratio.Min:F3}–{ratio.Max:F3}) over {pairs} pairs (above 1, TorchScript is faster)."));
        console.WriteLine(Marker + JsonSerializer.Serialize(new { Threads = threads, Steps = steps, EvalMaxAbsDifference = difference, Pairs = results, EagerOverScript = ratio }, BenchJson.Compact));
        return difference <= 1e-4 ? 0 : 1;
    }

    /// <summary>A channels-last mask, as the model's own Dropout layers draw for its channels-last activations.</summary>
    private static Tensor Mask(long[] shape, double rate)
    {
        using var like = torch.empty(shape[0], shape[2], shape[3], shape[1]).permute(0, 3, 1, 2);
        return CounterDropoutMask.Draw(like, rate);
    }
}

/// <summary>One alternating pair: milliseconds per training step of each side, and their ratio.</summary>
internal sealed record TorchScriptPair(double EagerMilliseconds, double ScriptMilliseconds, double EagerOverScript);
