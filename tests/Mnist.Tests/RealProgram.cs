using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace Mnist.Tests;

/// <summary>
/// Runs the built sample (Mnist.dll, copied beside the tests) as a separate process, the way a user runs it, so that
/// exit codes and signals are the real ones.
/// </summary>
internal static class RealProgram
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Runs the program with <paramref name="arguments"/> in <paramref name="workingDirectory"/>. <paramref name="onLine"/>
    /// sees each line of standard output with the process, e.g. to signal it.
    /// </summary>
    public static async Task<RunResult> RunAsync(string workingDirectory, IEnumerable<string> arguments, Action<string, Process>? onLine = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Mnist.dll"));
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment[Dsl.Data.Mnist.DataDirectoryVariable] = null;

        var output = new StringBuilder();
        var error = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (output)
                output.AppendLine(e.Data);
            onLine?.Invoke(e.Data, process);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                lock (error)
                    error.AppendLine(e.Data);
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(Timeout)) != exited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"Mnist {string.Join(' ', arguments)} did not finish within {Timeout}:\n{output}\n{error}");
        }
        await process.WaitForExitAsync();   // drains the redirected streams
        return new RunResult(process.ExitCode, output.ToString(), error.ToString());
    }

    /// <summary>Sends SIGINT (what Ctrl+C sends) to <paramref name="process"/>, by its id.</summary>
    public static void Interrupt(Process process)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-INT {process.Id}") { UseShellExecute = false })!;
        kill.WaitForExit();
    }
}
