using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json.Serialization;
using TorchSharp;

namespace Dsl.Reporting;

/// <summary>
/// Where a run happened: library versions and the machine, so runs merged from several machines can be told apart.
/// Product names keep their spelling in JSON (<c>torchsharp</c>, not <c>torch_sharp</c>).
/// </summary>
public sealed record EnvironmentRecord
{
    /// <summary>The Dsl.Runtime assembly's informational version (may end with <c>+commit</c>).</summary>
    public string DslRuntime { get; init; } = "";

    /// <summary>The TorchSharp assembly's informational version.</summary>
    [JsonPropertyName("torchsharp")]
    public string TorchSharp { get; init; } = "";

    /// <summary>The libtorch version TorchSharp binds (<c>torch.__version__</c>), or <c>unavailable</c> if libtorch did not load.</summary>
    [JsonPropertyName("libtorch")]
    public string LibTorch { get; init; } = "";

    /// <summary>The .NET runtime, e.g. <c>.NET 10.0.0</c>.</summary>
    [JsonPropertyName("dotnet")]
    public string DotNet { get; init; } = "";

    /// <summary>The operating system and its architecture.</summary>
    public string Os { get; init; } = "";

    /// <summary>Logical processors visible to the process.</summary>
    public int ProcessorCount { get; init; }

    /// <summary>The processor model, where the system reports one (Linux's <c>/proc/cpuinfo</c>, Windows's environment); empty otherwise.</summary>
    public string Cpu { get; init; } = "";

    /// <summary>The machine's host name.</summary>
    public string Machine { get; init; } = "";

    /// <summary>Describes the current process. Never throws: a finished run's record must not be lost to a version probe.</summary>
    public static EnvironmentRecord Capture() => new()
    {
        DslRuntime = InformationalVersion(typeof(EnvironmentRecord).Assembly),
        TorchSharp = InformationalVersion(typeof(torch).Assembly),
        LibTorch = LibTorchVersion(),
        DotNet = RuntimeInformation.FrameworkDescription,
        Os = RuntimeInformation.OSDescription + " (" + RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant() + ")",
        ProcessorCount = Environment.ProcessorCount,
        Cpu = CpuModel(),
        Machine = Environment.MachineName,
    };

    private static string InformationalVersion(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? assembly.GetName().Version?.ToString()
        ?? "";

    private static string LibTorchVersion()
    {
        try
        {
            // TorchSharp 0.107 answers with the libtorch version it was built against ("2.10.0.0"); reading it runs
            // torch's static constructor, which loads the native libraries and fails if they are missing.
            return torch.__version__;
        }
        catch (TypeInitializationException)
        {
            return "unavailable";
        }
    }

    private static string CpuModel()
    {
        try
        {
            if (OperatingSystem.IsLinux() && File.Exists("/proc/cpuinfo"))
            {
                string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                int colon = line?.IndexOf(':', StringComparison.Ordinal) ?? -1;
                if (colon >= 0)
                    return line![(colon + 1)..].Trim();
            }
            return Environment.GetEnvironmentVariable("PROCESSOR_IDENTIFIER") ?? "";
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }
}
