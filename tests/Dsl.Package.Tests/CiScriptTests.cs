using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Dsl.Package.Tests;

/// <summary>
/// <c>.ci/run</c> must not go green on nothing: fewer tests than its stated floor is a failure, said plainly, and
/// the last line is still the tally. The script runs for real, with a stand-in <c>dotnet</c> first on the PATH
/// that prints chosen result lines.
/// </summary>
public sealed class CiScriptTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("dsl-ci-test-").FullName;

    private static string RepositoryRoot =>
        typeof(CiScriptTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepositoryRoot").Value!;

    private static string Script => Path.Combine(RepositoryRoot, ".ci", "run");

    /// <summary>The floor as the script states it, so that raising it there needs no change here.</summary>
    private static int Floor
    {
        get
        {
            var match = Regex.Match(File.ReadAllText(Script), @"^min_tests=(\d+)\s*$", RegexOptions.Multiline);
            Assert.True(match.Success, ".ci/run no longer states its floor as a line 'min_tests=N'");
            return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    [Fact]
    public void The_floor_is_not_a_token_one()
    {
        Assert.True(Floor >= 100, $"a floor of {Floor} would let most of the suite vanish unnoticed");
    }

    [Fact]
    public void Enough_passing_tests_pass()
    {
        int half = Floor / 2 + 1;
        var (exitCode, lines) = RunScript(0, Result(0, half, 0), Result(0, Floor - half, 2));
        Assert.True(exitCode == 0, string.Join('\n', lines));
        Assert.Equal($"{Floor} passed, 0 failed, 2 skipped", lines[^1]);
    }

    [Fact]
    public void Fewer_tests_than_the_floor_fail_and_say_so()
    {
        var (exitCode, lines) = RunScript(0, Result(0, Floor - 1, 5));
        Assert.NotEqual(0, exitCode);
        Assert.Contains(lines, l => l.Contains($"only {Floor - 1} tests ran", StringComparison.Ordinal) && l.Contains($"floor of {Floor}", StringComparison.Ordinal));
        Assert.Equal($"{Floor - 1} passed, 1 failed, 5 skipped", lines[^1]);
    }

    [Fact]
    public void No_result_lines_at_all_fail_even_when_dotnet_test_exits_zero()
    {
        var (exitCode, lines) = RunScript(0);
        Assert.NotEqual(0, exitCode);
        Assert.Equal("0 passed, 1 failed, 0 skipped", lines[^1]);
    }

    [Fact]
    public void A_failing_test_fails_the_run()
    {
        var (exitCode, lines) = RunScript(1, Result(1, Floor, 0));
        Assert.NotEqual(0, exitCode);
        Assert.Equal($"{Floor} passed, 1 failed, 0 skipped", lines[^1]);
    }

    private static string Result(int failed, int passed, int skipped) =>
        $"{(failed == 0 ? "Passed!" : "Failed!")}  - Failed:     {failed}, Passed:   {passed}, Skipped:     {skipped}, Total:   {failed + passed + skipped}, Duration: 1 s - X.Tests.dll (net10.0)";

    /// <summary>Runs a copy of .ci/run whose <c>dotnet test</c> prints <paramref name="resultLines"/> and exits with <paramref name="status"/>.</summary>
    private (int ExitCode, string[] Lines) RunScript(int status, params string[] resultLines)
    {
        string repository = Directory.CreateDirectory(Path.Combine(_work, "repo", ".ci")).Parent!.FullName;
        File.Copy(Script, Path.Combine(repository, ".ci", "run"));
        string bin = Directory.CreateDirectory(Path.Combine(_work, "bin")).FullName;
        string output = Path.Combine(_work, "dotnet-test-output.txt");
        File.WriteAllLines(output, resultLines);
        string fake = Path.Combine(bin, "dotnet");
        File.WriteAllText(fake, $"""
            #!/usr/bin/env bash
            if [ "$1" = "--version" ]; then echo 10.0.100; exit 0; fi
            if [ "$1" = "test" ]; then cat '{output}'; exit {status}; fi
            echo "unexpected: dotnet $*" >&2; exit 99
            """.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var environment = new Dictionary<string, string> { ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH") };
        var (exitCode, text) = ProcessRunner.Run("bash", Path.Combine(repository, ".ci", "run"), repository, TimeSpan.FromMinutes(1), environment);
        Directory.Delete(repository, recursive: true);
        return (exitCode, text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
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
