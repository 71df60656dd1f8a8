using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;

namespace Dsl.Bench.Tests;

/// <summary>Runs the built benchmark program (<c>dotnet Dsl.Bench.dll …</c>) to completion.</summary>
internal static class BenchProgram
{
    public static string Path { get; } = typeof(BenchProgram).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "DslBenchPath").Value!;

    /// <summary>The MNIST fixture copied beside the tests: 512 training and 128 test images.</summary>
    public static string Fixture { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "mnist");

    public static (int ExitCode, string Output) Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, output + "\n(timed out)");
        }
        process.WaitForExit();
        return (process.ExitCode, output.ToString());
    }

    /// <summary>Whether Debian's PyTorch imports under the system interpreter the benchmark uses by default.</summary>
    public static bool SystemPythonHasTorch()
    {
        if (!File.Exists("/usr/bin/python3"))
            return false;
        var start = new ProcessStartInfo("/usr/bin/python3") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("import torch");
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        return process.WaitForExit(60_000) && process.ExitCode == 0;
    }

    public static string TempFile(string name)
    {
        string folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dsl-bench-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return System.IO.Path.Combine(folder, name);
    }
}
