using System;
using System.Text.Json.Serialization;

namespace Dsl.Bench.Limit;

/// <summary>
/// What the machine can do, measured by <see cref="MachineProbe"/> with libtorch (the same library every TorchSharp side
/// uses) at the start of a run: the peaks the models' achieved GFLOP/s are compared with.
/// </summary>
internal sealed record ProbeResult
{
    /// <summary>The prefix of the result line on the probe's stdout.</summary>
    public const string Marker = "BENCH-PROBE ";

    public int Threads { get; init; }

    public string? Libtorch { get; init; }

    /// <summary>Whether /proc/cpuinfo lists <c>avx512_bf16</c>; the bf16 probe runs only then.</summary>
    public bool HasAvx512Bf16 { get; init; }

    public required ProbeMeasurement MatmulFp32 { get; init; }

    public ProbeMeasurement? MatmulBf16 { get; init; }

    /// <summary>Why there is no bf16 measurement.</summary>
    public string? Bf16Skipped { get; init; }

    /// <summary>The seed's Model1 second convolution, standard (NCHW) layout.</summary>
    public required ProbeMeasurement ConvChannelsFirst { get; init; }

    /// <summary>The same convolution with channels-last (NHWC-strided) input and weight, the trainer's default layout.</summary>
    public required ProbeMeasurement ConvChannelsLast { get; init; }

    /// <summary>The fp32 matrix-product peak (best call), the reference for every "% of peak".</summary>
    public double MatmulPeakGflops => MatmulFp32.BestGflops;

    /// <summary>The better of the two convolution layouts' best calls.</summary>
    public double ConvPeakGflops => Math.Max(ConvChannelsFirst.BestGflops, ConvChannelsLast.BestGflops);

    [JsonIgnore]
    public string Describe =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{MatmulFp32.Describe}; {(MatmulBf16 is { } bf16 ? bf16.Describe : "bf16 matmul skipped: " + Bf16Skipped)}; {ConvChannelsFirst.Describe}; {ConvChannelsLast.Describe} ({Threads} threads, libtorch {Libtorch})");
}

/// <summary>One probe: its operation, the floating-point operations of one call, how many calls were timed, and their rate.</summary>
internal sealed record ProbeMeasurement(string Operation, double FlopsPerCall, int Calls, double BestGflops, double MedianGflops)
{
    [JsonIgnore]
    public string Describe => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Operation}: {BestGflops:F1} GFLOP/s best, {MedianGflops:F1} median of {Calls}");
}
