using System;
using System.IO;
using System.IO.Compression;
using System.Threading;
using System.Threading.Tasks;
using Dsl.Reporting;
using Dsl.Training;
using Samples.Mnist;

namespace Mnist.Tests;

/// <summary>
/// The real program's exit codes and messages: 1 for a command line it rejects, for bad data and for a folder it
/// cannot write, 130 after Ctrl+C (SIGINT), after which a rerun resumes; and <c>report</c> on a bad folder.
/// </summary>
public sealed class ProgramTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("mnist-program-").FullName;

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(_work, name)).FullName;

    [Theory]
    [InlineData("--epochs 0", "--epochs must be at least 1, not '0'.")]
    [InlineData("--models Model9", "Unknown model(s): Model9.")]
    [InlineData("--lr fast", "--lr must be a positive number below 10")]
    public async Task A_rejected_command_line_exits_1_with_the_reason(string arguments, string message)
    {
        var result = await RealProgram.RunAsync(_work, ["--data", InProcessRun.Fixture, .. arguments.Split(' ')]);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Number of training examples", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_label_that_is_not_a_digit_exits_1_naming_the_file_and_index_before_any_model_is_shown()
    {
        string data = Folder("bad-data");
        foreach (string file in Directory.GetFiles(InProcessRun.Fixture))
            File.Copy(file, Path.Combine(data, Path.GetFileName(file)));
        string labels = Path.Combine(data, "train-labels-idx1-ubyte");
        byte[] raw = Gunzip(labels + ".gz");
        raw[8 + 7] = 255;   // label 7, after the 8-byte header
        File.Delete(labels + ".gz");
        File.WriteAllBytes(labels, raw);

        var result = await RealProgram.RunAsync(_work, ["--data", data, "--models", "Model2", "--epochs", "1", "--out", Path.Combine(_work, "run")]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"error: IDX label file '{labels}' holds the label 255 at index 7, but MNIST labels are the digits 0 to 9.", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Model: \"Model2\"", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_output_folder_that_cannot_be_written_exits_1_before_loading_data()
    {
        string file = Path.Combine(_work, "a-file");
        File.WriteAllText(file, "not a folder");
        string under = Path.Combine(file, "run");

        var blocked = await RealProgram.RunAsync(_work, ["--data", InProcessRun.Fixture, "--models", "Model2", "--out", under]);

        Assert.True(blocked.ExitCode == 1, blocked.ToString());
        Assert.Contains($"error: cannot write to the output folder '{under}' (--out): '{file}' is a file, not a folder. Choose a folder you can write to.", blocked.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Number of training examples", blocked.Output, StringComparison.Ordinal);

        if (OperatingSystem.IsLinux())
        {
            // procfs refuses new folders and files whoever asks, root included.
            var proc = await RealProgram.RunAsync(_work, ["--data", InProcessRun.Fixture, "--models", "Model2", "--out", "/proc/dsl-mnist-test"]);
            Assert.True(proc.ExitCode == 1, proc.ToString());
            Assert.Contains("error: cannot write to the output folder '/proc/dsl-mnist-test' (--out): the folder could not be created", proc.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Ctrl_C_during_training_exits_130_and_a_rerun_resumes_from_the_checkpoint()
    {
        string output = Path.Combine(_work, "run");
        string[] arguments = ["--data", InProcessRun.Fixture, "--models", "Model2", "--epochs", "3", "--threads", "1", "--out", output];
        int signals = 0;

        // The first epoch's line comes after its checkpoint is due; the next epoch takes about a second, so the
        // signal arrives while it runs.
        var interrupted = await RealProgram.RunAsync(_work, arguments, (line, process) =>
        {
            if (line.StartsWith("Epoch 1/3 - ", StringComparison.Ordinal) && Interlocked.Increment(ref signals) == 1)
                RealProgram.Interrupt(process);
        });

        Assert.True(interrupted.ExitCode == 130, interrupted.ToString());
        Assert.Contains("Cancelled. Completed models are saved, the one in training at its last completed step; run again with the same --out to resume.", interrupted.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(output, "Model2.json")));

        var resumed = await RealProgram.RunAsync(_work, arguments);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        // Mid-epoch, the run saved its last completed step and continues with the next (at an epoch's end, with the next epoch).
        var saved = System.Text.RegularExpressions.Regex.Match(interrupted.Output, @"Saved Model2 at step (\d+) of epoch ([23]) to ");
        if (saved.Success)
            Assert.Contains($"Resuming Model2 in epoch {saved.Groups[2].Value} after step {saved.Groups[1].Value} of 4 from ", resumed.Output, StringComparison.Ordinal);
        else
            Assert.Matches(@"Resuming Model2 after epoch [12] from ", resumed.Output);
        Assert.Equal(3, RunRecords.Read(Path.Combine(output, "Model2.json")).Epochs.Count);
    }

    [Fact]
    public async Task Report_on_a_missing_or_empty_folder_or_to_an_unwritable_one_exits_1()
    {
        var missing = await RealProgram.RunAsync(_work, ["report", Path.Combine(_work, "no-such-run")]);
        Assert.True(missing.ExitCode == 1, missing.ToString());
        Assert.Contains($"Run folder '{Path.Combine(_work, "no-such-run")}' does not exist.", missing.Error, StringComparison.Ordinal);

        string empty = Folder("empty");
        var nothing = await RealProgram.RunAsync(_work, ["report", empty]);
        Assert.True(nothing.ExitCode == 1, nothing.ToString());
        Assert.Contains($"error: no run records (*.json written by a run) in {empty}.", nothing.Error, StringComparison.Ordinal);

        string records = Folder("records");
        WriteRecord(records);
        string file = Path.Combine(_work, "a-file");
        File.WriteAllText(file, "not a folder");
        var unwritable = await RealProgram.RunAsync(_work, ["report", records, "--out", file]);
        Assert.True(unwritable.ExitCode == 1, unwritable.ToString());
        Assert.Contains($"error: cannot write to the output folder '{file}' (--out): it is a file, not a folder.", unwritable.Error, StringComparison.Ordinal);

        var written = await RealProgram.RunAsync(_work, ["report", records]);
        Assert.True(written.ExitCode == 0, written.ToString());
        Assert.True(File.Exists(Path.Combine(records, "report.md")));
    }

    private static void WriteRecord(string folder)
    {
        var epoch = new EpochRecord(1, 0.5, 0.8, 0.4, 0.85, 1.0);
        var config = new RunConfig { Epochs = 1, BatchSize = 128, Optimizer = "Adam", LearningRate = 1e-3, Seed = 42, TrainSamples = 512, TestSamples = 128, Threads = 1 };
        var final = FinalMetrics.From(new Evaluation(0.4, 0.85, 128), new Evaluation(0.5, 0.8, 512));
        RunRecords.Write(folder, RunRecord.From(Model2.Info, config, History.Empty.Append(epoch), final, DateTime.UtcNow, DateTime.UtcNow));
    }

    private static byte[] Gunzip(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        gzip.CopyTo(raw);
        return raw.ToArray();
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
