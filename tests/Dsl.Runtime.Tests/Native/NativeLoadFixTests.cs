using System;
using System.IO;
using System.Linq;
using System.Text;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Native;

/// <summary>
/// The build step in src/Dsl.Runtime/build/Dsl.Runtime.targets must leave this test host's copy of
/// libLibTorchSharp.so loadable: its GLIBCXX_3.4.32 requirement weak where the system libstdc++ lacks that
/// version (Debian 12, Ubuntu 22.04), untouched where it has it.
/// </summary>
public class NativeLoadFixTests
{
    private const string Version = "GLIBCXX_3.4.32";

    private static readonly string[] SystemLibstdcxx =
    {
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6", "/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
    };

    [Fact]
    public void TorchSharp_loads_and_computes()
    {
        using var x = ones(2, 3);
        Assert.Equal(6f, x.sum().item<float>());
    }

    [Fact]
    public void The_output_copy_is_patched_exactly_when_the_system_needs_it()
    {
        if (!OperatingSystem.IsLinux())
            return;
        var library = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(library), library + " is missing");

        var system = Array.Find(SystemLibstdcxx, File.Exists);
        bool systemHasVersion = system is not null && Contains(File.ReadAllBytes(system), Encoding.ASCII.GetBytes(Version + "\0"));
        bool? weak = ElfVersionNeeds.IsWeak(File.ReadAllBytes(library), Version);

        Assert.NotNull(weak);   // TorchSharp 0.107's library does ask for the version
        Assert.Equal(!systemHasVersion, weak);
    }

    private static bool Contains(byte[] haystack, byte[] needle) =>
        Enumerable.Range(0, haystack.Length - needle.Length + 1).Any(i => haystack.AsSpan(i, needle.Length).SequenceEqual(needle));
}
