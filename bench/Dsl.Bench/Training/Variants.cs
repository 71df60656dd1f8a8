using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Bench.Common;
using Dsl.Training;

namespace Dsl.Bench.Training;

/// <summary>
/// A way of running our side: which model class and which trainer options. <c>dsl</c> is the product as shipped
/// (every lever at its default); the others switch one lever, so each lever's effect is the ratio of two rows measured in
/// the same alternating run.
/// </summary>
/// <param name="Name">The name given to <c>--variants</c>.</param>
/// <param name="Lever">What it changes, for the table and the JSON.</param>
/// <param name="ModelName">The generated class to train for a seed model's name.</param>
/// <param name="Configure">The trainer options from the defaults.</param>
/// <param name="BFloat16">Train with bf16 compute and float32 master weights (our own loop, see <see cref="BFloat16Loop"/>).</param>
/// <param name="Progress">The progress sink the measured run reports to; null for <see cref="SilentProgress"/>.</param>
internal sealed record Variant(string Name, string Lever, Func<string, string> ModelName, Func<TrainerOptions, TrainerOptions> Configure, bool BFloat16 = false,
    Func<ITrainingProgress>? Progress = null);

internal static class Variants
{
    /// <summary>The product's defaults.</summary>
    public const string Default = "dsl";

    private static string Same(string model) => model;

    private static string OutOfPlace(string model) => model + "OutOfPlace";

    private static string Plain(string model) => model + "Plain";

    /// <summary>The model's twin with the generator's pool_before_activation rewrite off, or the model itself if it has none.</summary>
    private static string ActivateThenPool(string model) => TwinOrSelf(model, "ActivateThenPool");

    /// <summary>Model1BatchNorm's twin with the generator's fold_batch_norm rewrite off; any other model is itself (it has no such pair).</summary>
    private static string UnfoldedBatchNorm(string model) => model == "Model1BatchNorm" ? "Model1BatchNormUnfolded" : model;

    /// <summary>Model1Rescaling's twin with the generator's fold_rescaling rewrite off; any other model is itself.</summary>
    private static string UnfoldedRescaling(string model) => model == "Model1Rescaling" ? "Model1RescalingUnfolded" : model;

    /// <summary>A twin that only some models have: where a model has none, the rewrite does not apply to it and the variant is <c>dsl</c> again.</summary>
    private static string TwinOrSelf(string model, string suffix) => ModelCatalog.All.Any(m => m.Name == model + suffix) ? model + suffix : model;

    public static IReadOnlyList<Variant> All { get; } =
    [
        new(Default, "the shipped defaults: channels-last image batches, in-place activations, the generator's rewrites, counter-based dropout masks, inference_mode, one host read per batch", Same, o => o),
        new("dsl-plain", "every lever of this benchmark off: channels-first, out-of-place activations before their pools, libtorch's dropout masks, no_grad, two host reads per batch",
            Plain, o => o with { InferenceMode = false, DeferAccuracyReads = false, ChannelsLast = ChannelsLastMode.Off, DropoutMasks = Dsl.Modules.DropoutMaskSource.Libtorch }),
        new("dsl-out-of-place", "activations out of place (a separate Activation layer), the rest as shipped", OutOfPlace, o => o),
        new("dsl-activate-then-pool", "the generator's pool_before_activation rewrite off: each ReLU before its max pool, as declared", ActivateThenPool, o => o),
        new("dsl-unfolded-batch-norm", "the generator's fold_batch_norm rewrite off: in evaluation each batch normalization after its convolution (Model1BatchNorm; the seed models have none)", UnfoldedBatchNorm, o => o),
        new("dsl-unfolded-rescaling", "the generator's fold_rescaling rewrite off: in evaluation the rescaling before the first convolution (Model1Rescaling; the seed models have none)", UnfoldedRescaling, o => o),
        new("dsl-libtorch-dropout", "dropout masks from libtorch's bernoulli_ (TorchSharp's and PyTorch's) instead of the runtime's counter-based generator",
            Same, o => o with { DropoutMasks = Dsl.Modules.DropoutMaskSource.Libtorch }),
        new("dsl-stepwise-lstm", "LSTM layers step by step in tensor operations instead of libtorch's LSTM kernel (RowLstm; the seed models have none)",
            Same, o => o with { LibtorchLstm = false }),
        new("dsl-keep-freed-memory", "no malloc_trim when the resident set has doubled (checked every 16 batches): glibc keeps the memory libtorch frees (the resident set can grow to several GB)",
            Same, o => o with { TrimFreedMemoryEvery = 0 }),
        new("dsl-no-grad", "evaluation under no_grad instead of inference_mode", Same, o => o with { InferenceMode = false }),
        new("dsl-eval-batch-512", "an evaluation batch of its own, 512 (the shipped one is the training batch)", Same, o => o with { EvaluationBatchSize = Math.Max(512, o.BatchSize) }),
        new("dsl-read-every-batch", "the running accuracy read after every batch (two host reads per batch)", Same, o => o with { DeferAccuracyReads = false }),
        new("dsl-channels-first", "TrainerOptions.ChannelsLast = Off: image batches in their own (NCHW) layout", Same, o => o with { ChannelsLast = ChannelsLastMode.Off }),
        new("dsl-channels-last-eval", "TrainerOptions.ChannelsLast = Evaluation: NHWC image batches for evaluation only", Same, o => o with { ChannelsLast = ChannelsLastMode.Evaluation }),
        new("dsl-interop-1", "TrainerOptions.InteropThreads = 1", Same, o => o with { InteropThreads = 1 }),
        new("dsl-bf16", "bf16 compute with float32 master weights (bench-only loop; TorchSharp 0.107 has no autocast)", Same, o => o, BFloat16: true),
        new("dsl-live-progress", "the sample's live progress bar (Dsl.Console's LiveProgress, drawn to a discarded terminal), which reads the running metrics four times a second",
            Same, o => o, Progress: LiveProgressToNowhere),
    ];

    /// <summary>
    /// The sample's progress display, rendered in full (an interactive ANSI terminal of 120 columns) into a writer that
    /// discards it: what the bar costs the training loop, without a terminal to draw on.
    /// </summary>
    private static ITrainingProgress LiveProgressToNowhere() => new LiveProgress(Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
    {
        Ansi = Spectre.Console.AnsiSupport.Yes,
        ColorSystem = Spectre.Console.ColorSystemSupport.TrueColor,
        Interactive = Spectre.Console.InteractionSupport.Yes,
        Out = new Spectre.Console.AnsiConsoleOutput(System.IO.TextWriter.Null),
    }));

    public static Variant Get(string name) =>
        All.FirstOrDefault(v => v.Name == name)
        ?? throw new UsageException($"Unknown variant '{name}'. Known: {string.Join(", ", All.Select(v => v.Name))} (the peers are chosen with --peers).");
}
