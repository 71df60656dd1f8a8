using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace Mnist.Tests;

/// <summary>
/// Two real processes on one output folder: while one trains, the other is refused at once, naming it; a run killed
/// with SIGKILL leaves no lock behind, so the next run resumes its checkpoint.
/// </summary>
public sealed class RunFolderLockTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("mnist-lock-").FullName;

    private string[] Arguments(string output) =>
        ["--data", InProcessRun.Fixture, "--models", "Model2", "--train-limit", "256", "--threads", "1", "--epochs", "500", "--out", output];

    [Fact]
    public async Task A_second_run_into_a_folder_in_use_is_refused_naming_the_first()
    {
        string output = Path.Combine(_work, "shared");
        Task<RunResult>? second = null;
        int firstId = 0;
        var first = await RealProgram.RunAsync(_work, Arguments(output), (line, process) =>
        {
            if (second is not null || !line.StartsWith("Epoch 1/500 - ", StringComparison.Ordinal))
                return;
            firstId = process.Id;
            second = Task.Run(async () =>
            {
                var result = await RealProgram.RunAsync(_work, Arguments(output));
                // The first run prints its epoch line before it saves the epoch's checkpoint (atomically): wait for the
                // file, so that the kill below cannot land before it and leave nothing to resume.
                string checkpoint = Path.Combine(output, "checkpoints", "Model2.ckpt");
                for (int wait = 0; wait < 600 && !File.Exists(checkpoint); wait++)
                    await Task.Delay(100);
                process.Kill(entireProcessTree: true);
                return result;
            });
        });
        Assert.NotNull(second);
        var refused = await second!;

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains($"is in use by another run (process {firstId} on {Environment.MachineName}, started ", refused.Error, StringComparison.Ordinal);
        Assert.Contains("choose another --out folder", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Epoch 1/500", refused.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, first.ExitCode);   // killed once the second had been refused

        // SIGKILL left the lock file, but not the lock: the next run takes it and resumes the checkpoint.
        Assert.True(File.Exists(Path.Combine(output, ".run.lock")));
        var resumed = await RealProgram.RunAsync(_work, Arguments(output), (line, process) =>
        {
            if (line.StartsWith("Epoch ", StringComparison.Ordinal))
                process.Kill(entireProcessTree: true);
        });
        Assert.DoesNotContain("in use by another run", resumed.Error, StringComparison.Ordinal);
        Assert.Contains("Resuming Model2 after epoch ", resumed.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
