using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Dsl.Bench.Tests;

/// <summary>
/// The benchmark on a tiny subset (seconds, not minutes): it must run, print its table and write the JSON the README
/// describes. The PyTorch side runs when Debian's python3-torch is installed and is otherwise skipped with the install
/// hint; neither case fails. No test looks at a time.
/// </summary>
public sealed class BenchSmokeTests
{
    [Fact]
    public void Train_on_a_tiny_subset_writes_the_table_and_the_json()
    {
        string json = BenchProgram.TempFile("train.json");

        var (exit, output) = BenchProgram.Run("train", "--data", BenchProgram.Fixture, "--models", "Model1", "--train-images", "128",
            "--eval-images", "64", "--repetitions", "1", "--warmup-steps", "1", "--threads", "1", "--out", json);

        Assert.True(exit == 0, output);
        Assert.Contains("train img/s", output, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var root = report.RootElement;
        Assert.Equal("dsl-bench train", root.GetProperty("tool").GetString());
        Assert.Equal(128, root.GetProperty("settings").GetProperty("train_images").GetInt32());
        Assert.True(root.GetProperty("machine").GetProperty("environment").GetProperty("processor_count").GetInt32() > 0);
        var pytorch = root.GetProperty("pytorch");
        bool ran = pytorch.GetProperty("ran").GetBoolean();
        if (!ran)
            Assert.Contains("apt-get install python3-torch", pytorch.GetProperty("skipped").GetString(), StringComparison.Ordinal);

        var runs = root.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(ran ? 2 : 1, runs.Count);
        Assert.All(runs, run => Assert.Equal(JsonValueKind.Null, run.GetProperty("error").ValueKind));
        var ours = runs.Single(r => r.GetProperty("variant").GetString() == "dsl").GetProperty("result");
        Assert.Equal(43_362, ours.GetProperty("parameters").GetInt64());
        Assert.Single(ours.GetProperty("epochs").EnumerateArray());
        Assert.True(ours.GetProperty("peak_rss_bytes").GetInt64() > 0);

        var summary = root.GetProperty("summary").EnumerateArray().ToList();
        var dsl = summary.Single(r => r.GetProperty("variant").GetString() == "dsl");
        foreach (var field in new[] { "train_images_per_second", "eval_images_per_second", "epoch_seconds", "peak_rss_mb", "final_eval_accuracy" })
            Assert.True(dsl.GetProperty(field).GetProperty("median").GetDouble() > 0, field);
        if (ran)
        {
            Assert.True(dsl.GetProperty("ratio_to_pytorch").GetProperty("epoch").GetProperty("median").GetDouble() > 0);
            var twin = summary.Single(r => r.GetProperty("variant").GetString() == "pytorch");
            Assert.Equal("pytorch", twin.GetProperty("framework").GetString());
        }
        else
        {
            Assert.Equal(JsonValueKind.Null, dsl.GetProperty("ratio_to_pytorch").ValueKind);
        }
    }

    [Fact]
    public void Without_python3_torch_our_side_still_runs_and_the_json_says_how_to_install_it()
    {
        string json = BenchProgram.TempFile("train.json");

        var (exit, output) = BenchProgram.Run("train", "--data", BenchProgram.Fixture, "--models", "Model2", "--train-images", "64",
            "--eval-images", "32", "--repetitions", "1", "--warmup-steps", "0", "--threads", "1", "--python", "/nonexistent/python3", "--out", json);

        Assert.True(exit == 0, output);
        Assert.Contains("apt-get install python3-torch", output, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        Assert.False(report.RootElement.GetProperty("pytorch").GetProperty("ran").GetBoolean());
        var run = Assert.Single(report.RootElement.GetProperty("runs").EnumerateArray());
        Assert.Equal(36_436, run.GetProperty("result").GetProperty("parameters").GetInt64());
    }

    [Fact]
    public void The_generator_benchmark_times_each_count_and_kind()
    {
        string json = BenchProgram.TempFile("generator.json");

        var (exit, output) = BenchProgram.Run("generator", "--counts", "1,3", "--runs", "1", "--out", json);

        Assert.True(exit == 0, output);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var results = report.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(new[] { "attributes/1", "attributes/3", "yaml/1", "yaml/3" },
            results.Select(r => r.GetProperty("kind").GetString() + "/" + r.GetProperty("models").GetInt32()));
        Assert.All(results, r =>
        {
            Assert.True(r.GetProperty("full_run_ms").GetProperty("median").GetDouble() > 0);
            Assert.True(r.GetProperty("edit_rerun_ms").GetProperty("median").GetDouble() > 0);
            // One file per model, plus the catalog.
            Assert.Equal(r.GetProperty("models").GetInt32() + 1, r.GetProperty("generated_files").GetInt32());
        });
    }

    [Theory]
    [InlineData("train", "--repetitons", "2")]
    [InlineData("train", "--variants", "dsl-turbo")]
    [InlineData("frobnicate")]
    public void A_mistyped_command_line_is_rejected_with_a_message(params string[] args)
    {
        var (exit, output) = BenchProgram.Run(args);

        Assert.Equal(2, exit);
        Assert.False(string.IsNullOrWhiteSpace(output));
    }
}
