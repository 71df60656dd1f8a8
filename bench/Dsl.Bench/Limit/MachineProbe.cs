using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using Dsl.Bench.Common;
using Dsl.Reporting;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Bench.Limit;

/// <summary>
/// <c>probe</c>: a short measurement of the machine's limit with libtorch, in a process of its own with the workers'
/// thread count: an fp32 2048x2048 matrix product (2·n³ FLOPs), the same in bf16 where the CPU has AVX-512 BF16, and
/// the seed's Model1 second convolution (64→28 channels, 3x3, 'same', on 14x14 at batch 128; 2·N·H·W·Cout·Cin·9 FLOPs)
/// forward, in both layouts. Each operation runs once untimed, then is timed call by call until its time budget is spent
/// (at least three calls); the best call is the peak. Prints one result line after <see cref="ProbeResult.Marker"/>.
/// </summary>
internal static class MachineProbe
{
    public const int MatrixSize = 2048;

    public static readonly long[] ConvInput = [128, 64, 14, 14];

    public static readonly long[] ConvWeight = [28, 64, 3, 3];

    public const string Usage = """
        dotnet run --project bench/Dsl.Bench -c Release -- probe [options]
          --threads N              intra-op threads (default: every core)
          --milliseconds 1000      time budget of each probe operation (at least three calls are timed)
        """;

    public static int Run(Args args, TextWriter console)
    {
        int threads = args.Int("--threads", Environment.ProcessorCount, min: 1);
        double seconds = args.Int("--milliseconds", 1000, min: 1) / 1000.0;
        args.EnsureAllUsed();
        var result = Measure(threads, seconds);
        console.WriteLine(result.Describe);
        console.WriteLine(ProbeResult.Marker + JsonSerializer.Serialize(result, BenchJson.Compact));
        return 0;
    }

    public static ProbeResult Measure(int threads, double seconds)
    {
        torch.set_num_threads(threads);
        torch.manual_seed(1);
        double matmulFlops = 2.0 * MatrixSize * MatrixSize * MatrixSize;
        ProbeMeasurement MatMul(ScalarType type, string name)
        {
            using var a = torch.randn(MatrixSize, MatrixSize).to_type(type);
            using var b = torch.randn(MatrixSize, MatrixSize).to_type(type);
            return Time($"{name} matmul {MatrixSize}x{MatrixSize}", matmulFlops, () => a.mm(b), seconds);
        }

        var fp32 = MatMul(ScalarType.Float32, "fp32");
        bool bf16Cpu = CpuHasAvx512Bf16();
        var bf16 = bf16Cpu ? MatMul(ScalarType.BFloat16, "bf16") : null;

        double convFlops = 2.0 * ConvInput[0] * ConvInput[2] * ConvInput[3] * ConvWeight[0] * ConvWeight[1] * ConvWeight[2] * ConvWeight[3];
        string conv = $"conv {ConvWeight[1]}->{ConvWeight[0]} {ConvWeight[2]}x{ConvWeight[3]} on {ConvInput[2]}x{ConvInput[3]} batch {ConvInput[0]}";
        ProbeMeasurement Convolution(bool channelsLast)
        {
            using var x = torch.randn(ConvInput);
            using var w = torch.randn(ConvWeight);
            using var bias = torch.zeros(ConvWeight[0]);
            // TorchSharp 0.107 has no memory-format conversion: permute, copy, permute back gives NHWC strides.
            using var input = channelsLast ? x.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2) : x.alias();
            using var weight = channelsLast ? w.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2) : w.alias();
            using var inference = torch.inference_mode();
            return Time($"{conv} {(channelsLast ? "channels-last" : "channels-first")}", convFlops,
                () => nn.functional.conv2d(input, weight, bias, padding: [1, 1]), seconds);
        }

        return new ProbeResult
        {
            Threads = torch.get_num_threads(),
            Libtorch = EnvironmentRecord.Capture().LibTorch,
            HasAvx512Bf16 = bf16Cpu,
            MatmulFp32 = fp32,
            MatmulBf16 = bf16,
            Bf16Skipped = bf16Cpu ? null : "the CPU has no AVX-512 BF16 (/proc/cpuinfo lists no avx512_bf16)",
            ConvChannelsFirst = Convolution(channelsLast: false),
            ConvChannelsLast = Convolution(channelsLast: true),
        };
    }

    /// <summary>One untimed call, then calls timed one by one until <paramref name="seconds"/> are spent (at least three).</summary>
    private static ProbeMeasurement Time(string operation, double flops, Func<Tensor> call, double seconds)
    {
        using (torch.NewDisposeScope())
            call();
        var times = new List<double>();
        var budget = Stopwatch.StartNew();
        while (times.Count < 3 || (budget.Elapsed.TotalSeconds < seconds && times.Count < 10_000))
        {
            using var scope = torch.NewDisposeScope();
            // libtorch's CPU kernels have finished when the call returns: no synchronisation is needed.
            long started = Stopwatch.GetTimestamp();
            call();
            times.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        var median = Spread.Of(times)!.Median;
        return new ProbeMeasurement(operation, flops, times.Count, flops / times.Min() / 1e9, flops / median / 1e9);
    }

    /// <summary>Whether the CPU flags in /proc/cpuinfo include <c>avx512_bf16</c> (false where there is no /proc).</summary>
    public static bool CpuHasAvx512Bf16()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo")
                .Where(line => line.StartsWith("flags", StringComparison.Ordinal))
                .Any(line => line.Split(' ', '\t').Contains("avx512_bf16"));
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
