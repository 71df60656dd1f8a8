using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;

namespace Dsl.Runtime.Tests.Native;

/// <summary>
/// Runs the build step of src/Dsl.Runtime/build/Dsl.Runtime.targets (target DslPatchTorchSharpNative, the file the
/// package ships) on a copy of the real libLibTorchSharp.so and on a file that is not ELF, on any host: the system's
/// libstdc++ is replaced by a stand-in through the test-only property _DslSystemLibstdcxx.
/// </summary>
public sealed class NativePatchTargetTests : IDisposable
{
    private const string Version = "GLIBCXX_3.4.32";
    private static readonly DateTime Stamp = new(2021, 3, 4, 5, 6, 7, DateTimeKind.Utc);
    private readonly string _work = Directory.CreateTempSubdirectory("dsl-native-patch-").FullName;

    /// <summary>TorchSharp's library as shipped: the test host's copy, with the requirement made strong again if this host's build patched it.</summary>
    private static byte[] Unpatched()
    {
        var library = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"));
        int offset = ElfVersionNeeds.FlagsOffset(library, Version) ?? throw new InvalidOperationException("TorchSharp's library no longer asks for " + Version);
        library[offset] &= unchecked((byte)~ElfVersionNeeds.Weak);
        return library;
    }

    [Fact]
    public void The_output_copy_is_marked_weak_in_place_of_a_hard_link_keeping_its_time_stamp_and_a_non_elf_file_is_only_warned_about()
    {
        if (!OperatingSystem.IsLinux())
            return;
        byte[] original = Unpatched();
        string cache = Write(Path.Combine(_work, "nuget-cache", "libLibTorchSharp.so"), original);
        string output = Path.Combine(_work, "bin") + "/";
        string copy = Path.Combine(output, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        Run("ln", $"\"{cache}\" \"{copy}\"");   // the SDK may copy to the output as a hard link into the NuGet cache
        File.SetLastWriteTimeUtc(copy, Stamp);
        string notElf = Write(Path.Combine(output, "libLibTorchSharp.so"), Encoding.ASCII.GetBytes("not a library\n"));

        var (exitCode, log) = Patch(output, LibstdcxxWithout());

        Assert.True(exitCode == 0, log);
        byte[] patched = File.ReadAllBytes(copy);
        Assert.True(ElfVersionNeeds.IsWeak(patched, Version), "the output copy's requirement is not weak:\n" + log);
        int flags = ElfVersionNeeds.FlagsOffset(original, Version)!.Value;
        Assert.Equal([flags], Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]));   // one flag bit, nothing else
        Assert.Equal(Stamp, File.GetLastWriteTimeUtc(copy));
        Assert.Equal(original, File.ReadAllBytes(cache));   // the hard link was replaced, not written through
        Assert.Equal(1, LinkCount(cache));
        Assert.Contains($"{copy}: marked the {Version} requirement weak", log, StringComparison.Ordinal);

        Assert.Equal("not a library\n", File.ReadAllText(notElf));
        Assert.Contains($"warning : {notElf}: not patched (not an ELF file)", log, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_run_leaves_an_already_weak_requirement_alone()
    {
        if (!OperatingSystem.IsLinux())
            return;
        string output = Path.Combine(_work, "bin") + "/";
        string copy = Write(Path.Combine(output, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"), Unpatched());
        string libstdcxx = LibstdcxxWithout();
        var first = Patch(output, libstdcxx);
        Assert.True(first.ExitCode == 0, first.Log);
        byte[] once = File.ReadAllBytes(copy);
        File.SetLastWriteTimeUtc(copy, Stamp);
        string inode = Inode(copy);

        var (exitCode, log) = Patch(output, libstdcxx);

        Assert.True(exitCode == 0, log);
        Assert.Equal(once, File.ReadAllBytes(copy));
        Assert.Equal(inode, Inode(copy));   // not even rewritten
        Assert.Equal(Stamp, File.GetLastWriteTimeUtc(copy));
        Assert.Contains($"{copy}: no pending {Version} requirement", log, StringComparison.Ordinal);
        Assert.DoesNotContain("marked the", log, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_is_patched_when_opted_out_or_when_the_system_libstdcxx_has_the_version()
    {
        if (!OperatingSystem.IsLinux())
            return;
        byte[] original = Unpatched();
        string optedOut = Path.Combine(_work, "opted-out") + "/";
        string optedOutCopy = Write(Path.Combine(optedOut, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"), original);
        string newSystem = Path.Combine(_work, "new-system") + "/";
        string newSystemCopy = Write(Path.Combine(newSystem, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"), original);

        var optOut = Patch(optedOut, LibstdcxxWithout(), "-p:DslPatchTorchSharpNative=false");
        var upToDate = Patch(newSystem, Write(Path.Combine(_work, "libstdc++-13.so.6"), Encoding.ASCII.GetBytes("\0GLIBCXX_3.4.31\0" + Version + "\0GLIBCXX_3.4.33\0")));

        Assert.True(optOut.ExitCode == 0, optOut.Log);
        Assert.Equal(original, File.ReadAllBytes(optedOutCopy));
        Assert.DoesNotContain("marked the", optOut.Log, StringComparison.Ordinal);   // the same run without the opt-out patches (the first test)
        Assert.True(upToDate.ExitCode == 0, upToDate.Log);
        Assert.Equal(original, File.ReadAllBytes(newSystemCopy));
        Assert.Contains($"provides {Version}; TorchSharp needs no patch", upToDate.Log, StringComparison.Ordinal);
    }

    /// <summary>Runs the target in a scratch project that imports only the shipped targets file.</summary>
    private (int ExitCode, string Log) Patch(string outputDirectory, string libstdcxx, string extra = "")
    {
        string project = Path.Combine(_work, "scratch.proj");
        string targets = Path.Combine(AppContext.BaseDirectory, "Native", "Dsl.Runtime.targets");
        File.WriteAllText(project, $"<Project>\n  <Import Project=\"{targets}\" />\n</Project>\n");
        return Run("dotnet", $"msbuild \"{project}\" -t:DslPatchTorchSharpNative -p:OutDir=\"{outputDirectory}\" -p:_DslSystemLibstdcxx=\"{libstdcxx}\" {extra} -nologo -nodeReuse:false -v:detailed");
    }

    /// <summary>A stand-in libstdc++ from before GCC 13 (Debian 12's has versions up to GLIBCXX_3.4.30).</summary>
    private string LibstdcxxWithout() =>
        Write(Path.Combine(_work, "libstdc++-12.so.6"), Encoding.ASCII.GetBytes("\0GLIBCXX_3.4.29\0GLIBCXX_3.4.30\0"));

    private static string Write(string path, byte[] contents)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, contents);
        return path;
    }

    private static int LinkCount(string path) => int.Parse(Run("stat", $"-c %h \"{path}\"").Log.Trim(), System.Globalization.CultureInfo.InvariantCulture);

    private static string Inode(string path) => Run("stat", $"-c %i \"{path}\"").Log.Trim();

    private static (int ExitCode, string Log) Run(string fileName, string arguments)
    {
        var start = new ProcessStartInfo(fileName, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // A plain MSBuild run, not one nested in the test host's.
        start.Environment["MSBuildSDKsPath"] = null;
        start.Environment["MSBUILD_EXE_PATH"] = null;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
