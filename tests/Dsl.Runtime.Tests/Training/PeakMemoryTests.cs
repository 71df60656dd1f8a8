using System;
using Dsl.Training;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Training;

/// <summary>The peak resident memory the MNIST sample records: it sees a tensor that was allocated and freed, and resets.</summary>
[Collection(TrainingCollection.Name)]
public sealed class PeakMemoryTests
{
    [Fact]
    public void The_peak_sees_a_freed_tensor_and_a_reset_forgets_it()
    {
        PeakMemory.Reset();
        long before = PeakMemory.Bytes;
        const long Size = 400_000_000;   // 400 MB of float32, touched so that the pages are resident
        using (var big = ones(Size / 4))
            Assert.Equal(Size / 4, big.sum().item<float>());
        long peak = PeakMemory.Bytes;
        Assert.True(peak >= before + (Size * 9 / 10), $"peak {peak:N0} after {Size:N0} bytes were resident, from {before:N0}");
        if (OperatingSystem.IsLinux())
        {
            Assert.True(PeakMemory.IsPerPhase);
            PeakMemory.Reset();
            Assert.True(PeakMemory.Bytes < peak - (Size / 2), $"after a reset the peak is {PeakMemory.Bytes:N0}, before it {peak:N0}");
        }
    }
}
