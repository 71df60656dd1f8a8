using System.Linq;
using Dsl.Training;
using Xunit;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Training;

/// <summary>
/// The trainer's hand-back of freed memory: callable anywhere (a no-op without glibc), checked by default every 16 batches (a trim when the resident set has doubled),
/// and training gives the same result with it off (it only returns free pages). Its effect on the resident set is
/// measured by the benchmark (bench/README.md, "Freed memory").
/// </summary>
[Collection(TrainingCollection.Name)]
public sealed class FreedMemoryTests
{
    [Fact]
    public void Trimming_never_throws_and_changes_no_result()
    {
        FreedMemory.Trim();
        FreedMemory.TrimIfGrown();
        if (System.OperatingSystem.IsLinux())
            Assert.InRange(FreedMemory.ResidentBytes() ?? 0, 1L << 20, long.MaxValue);
        Assert.Equal(16, new TrainerOptions().TrimFreedMemoryEvery);
        var losses = new[] { 1, 0 }.Select(every =>
        {
            manual_seed(3);
            using var model = new SmallDropoutNet();
            using var trainer = new Trainer(model, TestOptions.Create(epochs: 2, batchSize: 8, seed: 5) with { TrimFreedMemoryEvery = every });
            using var x = rand(64, 1, 12, 12);
            using var y = randint(0, 10, 64);
            return trainer.Fit(x, y).Loss.ToArray();
        }).ToList();
        Assert.Equal(losses[1], losses[0]);
    }
}
