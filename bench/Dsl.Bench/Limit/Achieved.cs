using System.Collections.Generic;
using System.Linq;
using Dsl.Bench.Common;

namespace Dsl.Bench.Limit;

/// <summary>
/// A model's achieved arithmetic rate, from the generator's compile-time mult-adds (<see cref="ModelInfo.MultAdds"/>, one
/// image's forward pass, bias adds included): a forward pass is 2 FLOPs per mult-add, a training step about three
/// forward passes (the forward, the gradient with respect to the inputs and the one with respect to the weights, each
/// about the forward's size), so 6 FLOPs per mult-add per training image. Every side of one model does the same work,
/// so the peers' rows use our model's count. Shares are of the run's probe peaks (<see cref="ProbeResult"/>).
/// </summary>
internal sealed record Achieved
{
    public const double FlopsPerMultAdd = 2;

    public const double TrainingPasses = 3;

    public long ForwardMultAddsPerImage { get; init; }

    public double TrainFlopsPerImage { get; init; }

    public double EvalFlopsPerImage { get; init; }

    public Spread? TrainGflops { get; init; }

    public Spread? EvalGflops { get; init; }

    /// <summary>Training GFLOP/s over the fp32 matrix-product peak.</summary>
    public Spread? TrainShareOfMatmulPeak { get; init; }

    public Spread? EvalShareOfMatmulPeak { get; init; }

    /// <summary>Training GFLOP/s over the convolution probe's peak (the better layout).</summary>
    public Spread? TrainShareOfConvPeak { get; init; }

    public Spread? EvalShareOfConvPeak { get; init; }

    /// <summary>For a bf16 side: training GFLOP/s over the bf16 matrix-product peak.</summary>
    public Spread? TrainShareOfBf16Peak { get; init; }

    public static Achieved Of(long multAdds, IReadOnlyCollection<double> trainImagesPerSecond, IReadOnlyCollection<double> evalImagesPerSecond, ProbeResult? probe, bool bf16)
    {
        double train = TrainingPasses * FlopsPerMultAdd * multAdds, eval = FlopsPerMultAdd * multAdds;
        var trainGflops = trainImagesPerSecond.Select(r => r * train / 1e9).ToList();
        var evalGflops = evalImagesPerSecond.Select(r => r * eval / 1e9).ToList();
        Spread? Share(IEnumerable<double> gflops, double? peak) =>
            peak is > 0 ? Spread.Of(gflops.Select(g => g / peak.Value)) : null;
        return new Achieved
        {
            ForwardMultAddsPerImage = multAdds,
            TrainFlopsPerImage = train,
            EvalFlopsPerImage = eval,
            TrainGflops = Spread.Of(trainGflops),
            EvalGflops = Spread.Of(evalGflops),
            TrainShareOfMatmulPeak = Share(trainGflops, probe?.MatmulPeakGflops),
            EvalShareOfMatmulPeak = Share(evalGflops, probe?.MatmulPeakGflops),
            TrainShareOfConvPeak = Share(trainGflops, probe?.ConvPeakGflops),
            EvalShareOfConvPeak = Share(evalGflops, probe?.ConvPeakGflops),
            TrainShareOfBf16Peak = bf16 ? Share(trainGflops, probe?.MatmulBf16?.BestGflops) : null,
        };
    }
}
