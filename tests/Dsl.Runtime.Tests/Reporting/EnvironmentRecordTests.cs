using System;
using Dsl.Reporting;

namespace Dsl.Runtime.Tests.Reporting;

public class EnvironmentRecordTests
{
    [Fact]
    public void Capture_reads_the_versions_of_this_process()
    {
        var environment = EnvironmentRecord.Capture();

        Assert.StartsWith("0.1.0", environment.DslRuntime, StringComparison.Ordinal);
        Assert.StartsWith("0.107.0", environment.TorchSharp, StringComparison.Ordinal);
        // TorchSharp 0.107 reports the libtorch it was built against.
        Assert.Equal("2.10.0.0", environment.LibTorch);
        Assert.StartsWith(".NET ", environment.DotNet, StringComparison.Ordinal);
        Assert.Equal(Environment.ProcessorCount, environment.ProcessorCount);
        Assert.Equal(Environment.MachineName, environment.Machine);
        Assert.False(string.IsNullOrWhiteSpace(environment.Os));
    }
}
