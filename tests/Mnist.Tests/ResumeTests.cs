using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Dsl.Reporting;

namespace Mnist.Tests;

/// <summary>
/// The experiment's own resume path, through the command line: a run cancelled after an epoch resumes from its
/// checkpoint and ends with the record an uninterrupted run writes; a folder whose finished or interrupted run used
/// other settings is refused, naming the settings that differ.
/// </summary>
[Collection(InProcessCollection.Name)]
public sealed class ResumeTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("mnist-resume-").FullName;

    private static string[] Arguments(string output, params string[] extra) =>
        ["--data", InProcessRun.Fixture, "--models", "Model2", "--train-limit", "256", "--threads", "1", "--out", output, .. extra.Contains("--epochs") ? extra : ["--epochs", "2", .. extra]];

    private static bool AfterFirstEpoch(string line) => line.StartsWith("Epoch 1/2 - ", StringComparison.Ordinal);

    [Fact]
    public async Task A_run_cancelled_after_an_epoch_resumes_and_writes_the_uninterrupted_runs_record()
    {
        string uninterrupted = Path.Combine(_work, "uninterrupted"), interrupted = Path.Combine(_work, "interrupted");
        var whole = await InProcessRun.RunAsync(Arguments(uninterrupted));
        Assert.True(whole.ExitCode == 0, whole.ToString());

        var cancelled = await InProcessRun.RunAsync(Arguments(interrupted), AfterFirstEpoch);
        Assert.True(cancelled.ExitCode == 130, cancelled.ToString());
        Assert.Contains("Cancelled. Completed models are saved", cancelled.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(interrupted, "checkpoints", "Model2.ckpt")), "no checkpoint after the first epoch");
        Assert.False(File.Exists(Path.Combine(interrupted, "Model2.json")), "a record was written for an unfinished model");

        var resumed = await InProcessRun.RunAsync(Arguments(interrupted));
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains($"Resuming Model2 after epoch 1 from {Path.Combine(interrupted, "checkpoints", "Model2.ckpt")}", resumed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Epoch 1/2 - ", resumed.Output, StringComparison.Ordinal);
        Assert.Contains("Epoch 2/2 - ", resumed.Output, StringComparison.Ordinal);

        var expected = WithoutTimings(RunRecords.Read(Path.Combine(uninterrupted, "Model2.json")));
        var actual = WithoutTimings(RunRecords.Read(Path.Combine(interrupted, "Model2.json")));
        Assert.Equal(2, actual.Epochs.Count);
        Assert.Equal(expected.Epochs, actual.Epochs);
        Assert.Equal(expected.Final, actual.Final);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task A_finished_run_with_other_settings_is_refused_and_left_alone()
    {
        string output = Path.Combine(_work, "finished");
        var first = await InProcessRun.RunAsync(Arguments(output, "--epochs", "1"));
        Assert.True(first.ExitCode == 0, first.ToString());
        string record = File.ReadAllText(Path.Combine(output, "Model2.json"));

        var other = await InProcessRun.RunAsync(Arguments(output, "--epochs", "1", "--batch-size", "32"));

        Assert.True(other.ExitCode == 1, other.ToString());
        Assert.Contains($"error: {Path.Combine(output, "Model2.json")} holds a run of Model2 with other settings (--batch-size: 128 in the folder, 32 now)", other.Error, StringComparison.Ordinal);
        Assert.Contains("use a new --out folder", other.Error, StringComparison.Ordinal);
        Assert.Equal(record, File.ReadAllText(Path.Combine(output, "Model2.json")));
    }

    [Fact]
    public async Task An_interrupted_run_with_other_settings_is_refused_rather_than_resumed()
    {
        string output = Path.Combine(_work, "interrupted");
        string checkpoint = Path.Combine(output, "checkpoints", "Model2.ckpt");
        var cancelled = await InProcessRun.RunAsync(Arguments(output), AfterFirstEpoch);
        Assert.True(cancelled.ExitCode == 130, cancelled.ToString());
        string manifest = File.ReadAllText(checkpoint);

        var other = await InProcessRun.RunAsync(Arguments(output, "--seed", "7", "--lr", "0.002"));

        Assert.True(other.ExitCode == 1, other.ToString());
        Assert.Contains($"error: {checkpoint} holds an interrupted run of Model2 with other settings (--lr: 0.001 in the folder, 0.002 now; --seed: 42 in the folder, 7 now)", other.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Resuming", other.Output, StringComparison.Ordinal);
        Assert.Equal(manifest, File.ReadAllText(checkpoint));
        Assert.False(File.Exists(Path.Combine(output, "Model2.json")));
    }

    private static RunRecord WithoutTimings(RunRecord record) => record with
    {
        Epochs = record.Epochs.Select(e => e with { Seconds = 0 }).ToArray(),
        StartedUtc = default,
        FinishedUtc = default,
    };

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
