using System;
using System.CommandLine;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Samples.Mnist.Cli;

namespace Mnist.Tests;

/// <summary>What a run of the command line printed and returned.</summary>
internal sealed record RunResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit code {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>Runs the sample's command line in this process, as Program.cs does, capturing the console.</summary>
internal static class InProcessRun
{
    /// <summary>The real-MNIST fixture (512 training and 128 test images).</summary>
    public static string Fixture => Path.Combine(AppContext.BaseDirectory, "Fixtures", "mnist");

    /// <summary>
    /// Runs <paramref name="arguments"/>; when <paramref name="cancelAfter"/> returns true for a line printed to
    /// standard output, cancels the run as Ctrl+C would (the token the command line hands the experiment).
    /// </summary>
    public static async Task<RunResult> RunAsync(string[] arguments, Func<string, bool>? cancelAfter = null)
    {
        using var cancellation = new CancellationTokenSource();
        var output = new LineWriter(line =>
        {
            if (cancelAfter?.Invoke(line) == true)
                cancellation.Cancel();
        });
        var error = new StringWriter();
        var (originalOut, originalError) = (Console.Out, Console.Error);
        try
        {
            Console.SetOut(output);
            Console.SetError(error);
            // No signal handling in the test host: cancellation comes from the token alone.
            var configuration = new InvocationConfiguration { ProcessTerminationTimeout = null, Output = output, Error = error };
            int exitCode = await MnistCli.Create().Parse(arguments).InvokeAsync(configuration, cancellation.Token);
            return new RunResult(exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }
    }

    /// <summary>A StringWriter that reports each complete line as it is written.</summary>
    private sealed class LineWriter(Action<string> onLine) : StringWriter
    {
        private int _lineStart;

        public override void Write(char value)
        {
            base.Write(value);
            Scan();
        }

        public override void Write(char[] buffer, int index, int count)
        {
            base.Write(buffer, index, count);
            Scan();
        }

        public override void Write(string? value)
        {
            base.Write(value);
            Scan();
        }

        public override void Write(ReadOnlySpan<char> buffer)
        {
            base.Write(buffer);
            Scan();
        }

        public override void WriteLine(ReadOnlySpan<char> buffer)
        {
            base.WriteLine(buffer);
            Scan();
        }

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            Scan();
        }

        private void Scan()
        {
            StringBuilder text = GetStringBuilder();
            for (int i = _lineStart; i < text.Length; i++)
            {
                if (text[i] != '\n')
                    continue;
                string line = text.ToString(_lineStart, i - _lineStart).TrimEnd('\r');
                _lineStart = i + 1;
                onLine(line);
            }
        }
    }
}
