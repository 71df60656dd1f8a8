using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;

namespace Dsl.Bench.Common;

/// <summary>Starts child processes: this program again (a worker), or another program, capturing what they print.</summary>
internal static class Workers
{
    /// <summary>This program with <paramref name="args"/>, however it was started (apphost, or <c>dotnet Dsl.Bench.dll</c>).</summary>
    public static ProcessStartInfo Self(IEnumerable<string> args)
    {
        string host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host);
        if (string.Equals(Path.GetFileNameWithoutExtension(host), "dotnet", StringComparison.Ordinal))
            start.ArgumentList.Add(typeof(Workers).Assembly.Location);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        return start;
    }

    public static ProcessStartInfo Program(string program, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(program);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        return start;
    }

    /// <summary>Runs to completion, capturing stdout and stderr; null when the program cannot be started at all.</summary>
    public static Completed? Run(ProcessStartInfo start, TimeSpan? timeout = null)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        var clock = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (Win32Exception)
        {
            return null;
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout ?? System.Threading.Timeout.InfiniteTimeSpan))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new Completed(-1, stdout.ToString(), stderr + $"\n(killed after {timeout})", clock.Elapsed.TotalSeconds);
        }
        process.WaitForExit();
        return new Completed(process.ExitCode, stdout.ToString(), stderr.ToString(), clock.Elapsed.TotalSeconds);
    }
}

/// <summary>A finished child process.</summary>
internal sealed record Completed(int ExitCode, string Stdout, string Stderr, double WallSeconds)
{
    /// <summary>The last few lines of stderr (or stdout), for an error message.</summary>
    public string Tail(int lines = 12)
    {
        var text = string.IsNullOrWhiteSpace(Stderr) ? Stdout : Stderr;
        return string.Join('\n', text.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(lines));
    }
}
