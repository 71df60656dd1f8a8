using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Dsl.Bench.Tests;

/// <summary>
/// The benchmark on a tiny subset (seconds, not minutes): it must run, print its tables and write the JSON the README
/// describes. The PyTorch peers run when Debian's python3-torch is installed and are otherwise skipped with the install
/// hint; neither case fails. No test looks at a time; rates are only checked to be positive and finite.
/// </summary>
public sealed class BenchSmokeTests
{
    [Fact]
    public void Train_on_a_tiny_subset_writes_the_tables_and_the_json_with_every_peer_and_the_probe()
    {
        string json = BenchProgram.TempFile("train.json");

        var (exit, output) = BenchProgram.Run("train", "--data", BenchProgram.Fixture, "--models", "Model1", "--train-images", "128",
            "--eval-images", "64", "--repetitions", "1", "--warmup-steps", "1", "--threads", "1", "--probe-ms", "10", "--out", json);

        Assert.True(exit == 0, output);
        foreach (var column in new[] { "train img/s", "train GFLOP/s", "eval GFLOP/s", "Machine limit: fp32 matmul 2048x2048" })
            Assert.Contains(column, output, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var root = report.RootElement;
        Assert.Equal("dsl-bench train", root.GetProperty("tool").GetString());
        Assert.Equal(128, root.GetProperty("settings").GetProperty("train_images").GetInt32());
        Assert.True(root.GetProperty("machine").GetProperty("environment").GetProperty("processor_count").GetInt32() > 0);
        var pytorch = root.GetProperty("pytorch");
        bool ran = pytorch.GetProperty("ran").GetBoolean();
        // Where Debian's PyTorch is installed (.ci/run installs it), its twins must have run: a twin that breaks fails here.
        Assert.Equal(BenchProgram.SystemPythonHasTorch(), ran);
        if (!ran)
            Assert.Contains("apt-get install python3-torch", pytorch.GetProperty("skipped").GetString(), StringComparison.Ordinal);
        var peers = root.GetProperty("peers").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("ran").GetBoolean());
        Assert.Equal(new Dictionary<string, bool> { ["pytorch"] = ran, ["pytorch-tuned"] = ran, ["torchsharp"] = true }, peers);
        string[] sides = ran ? ["dsl", "pytorch", "pytorch-tuned", "torchsharp"] : ["dsl", "torchsharp"];

        // Every side ran, and every twin has exactly our parameter count (the benchmark fails a run whose count differs).
        var runs = root.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(sides.Order(), runs.Select(r => r.GetProperty("variant").GetString()!).Order());
        Assert.All(runs, run => Assert.Equal(JsonValueKind.Null, run.GetProperty("error").ValueKind));
        Assert.All(runs, run => Assert.Equal(43_362, run.GetProperty("result").GetProperty("parameters").GetInt64()));
        var ours = runs.Single(r => r.GetProperty("variant").GetString() == "dsl").GetProperty("result");
        Assert.Single(ours.GetProperty("epochs").EnumerateArray());
        Assert.True(ours.GetProperty("peak_rss_bytes").GetInt64() > 0);
        Assert.Equal("torchsharp", runs.Single(r => r.GetProperty("variant").GetString() == "torchsharp").GetProperty("result").GetProperty("framework").GetString());

        var probe = root.GetProperty("probe");
        double peak = probe.GetProperty("matmul_peak_gflops").GetDouble();
        Assert.True(double.IsFinite(peak) && peak > 0, probe.ToString());

        var summary = root.GetProperty("summary").EnumerateArray().ToList();
        var dsl = summary.Single(r => r.GetProperty("variant").GetString() == "dsl");
        foreach (var field in new[] { "train_images_per_second", "eval_images_per_second", "epoch_seconds", "peak_rss_mb", "final_eval_accuracy" })
            Assert.True(dsl.GetProperty(field).GetProperty("median").GetDouble() > 0, field);
        // Model1's forward is 4,286,922 mult-adds per image (the generator's count); training counts three passes of two FLOPs each.
        var achieved = dsl.GetProperty("achieved");
        Assert.Equal(4_286_922, achieved.GetProperty("forward_mult_adds_per_image").GetInt64());
        Assert.Equal(6.0 * 4_286_922, achieved.GetProperty("train_flops_per_image").GetDouble());
        double trainRate = dsl.GetProperty("train_images_per_second").GetProperty("median").GetDouble();
        double trainGflops = achieved.GetProperty("train_gflops").GetProperty("median").GetDouble();
        Assert.Equal(trainRate * 6.0 * 4_286_922 / 1e9, trainGflops, 6);
        Assert.Equal(trainGflops / peak, achieved.GetProperty("train_share_of_matmul_peak").GetProperty("median").GetDouble(), 6);

        // Each row has its ratios to every peer but itself.
        foreach (var row in summary)
        {
            string side = row.GetProperty("variant").GetString()!;
            var ratios = row.GetProperty("ratios_to_peers");
            Assert.Equal(sides.Where(s => s != "dsl" && s != side).Order(), ratios.EnumerateObject().Select(p => p.Name).Order());
            foreach (var peer in ratios.EnumerateObject())
            {
                foreach (var field in new[] { "train_speed", "eval_speed", "epoch_seconds" })
                    Assert.True(peer.Value.GetProperty(field).GetProperty("median").GetDouble() > 0, $"{side} / {peer.Name} {field}");
            }
        }
        Assert.Contains("s/epoch ÷", output, StringComparison.Ordinal);

        if (ran)
        {
            // The tuned twin's levers keep the maths: the same seed gives the plain twin's losses to float rounding.
            double Loss(string side) => runs.Single(r => r.GetProperty("variant").GetString() == side)
                .GetProperty("result").GetProperty("epochs")[0].GetProperty("eval_loss").GetDouble();
            Assert.Equal(Loss("pytorch"), Loss("pytorch-tuned"), 4);
        }
    }

    [Fact]
    public void Without_python3_torch_our_side_and_the_torchsharp_twin_still_run_and_the_json_says_how_to_install_it()
    {
        string json = BenchProgram.TempFile("train.json");

        var (exit, output) = BenchProgram.Run("train", "--data", BenchProgram.Fixture, "--models", "Model2", "--train-images", "64",
            "--eval-images", "32", "--repetitions", "1", "--warmup-steps", "0", "--threads", "1", "--probe-ms", "10",
            "--python", "/nonexistent/python3", "--out", json);

        Assert.True(exit == 0, output);
        Assert.Contains("apt-get install python3-torch", output, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        Assert.False(report.RootElement.GetProperty("pytorch").GetProperty("ran").GetBoolean());
        var runs = report.RootElement.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(new[] { "dsl", "torchsharp" }, runs.Select(r => r.GetProperty("variant").GetString()).Order());
        Assert.All(runs, run => Assert.Equal(36_436, run.GetProperty("result").GetProperty("parameters").GetInt64()));
    }

    [Fact]
    public void The_live_progress_variant_draws_the_samples_bar_and_trains_exactly_as_the_silent_run()
    {
        string json = BenchProgram.TempFile("train.json");

        var (exit, output) = BenchProgram.Run("train", "--data", BenchProgram.Fixture, "--models", "Model1", "--variants", "dsl,dsl-live-progress",
            "--train-images", "64", "--eval-images", "32", "--repetitions", "1", "--warmup-steps", "0", "--threads", "1", "--probe-ms", "10",
            "--peers", "none", "--out", json);

        Assert.True(exit == 0, output);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var runs = report.RootElement.GetProperty("runs").EnumerateArray().ToList();
        double Loss(string variant) => runs.Single(r => r.GetProperty("variant").GetString() == variant)
            .GetProperty("result").GetProperty("epochs")[0].GetProperty("train_loss").GetDouble();
        // Reading the metrics every batch for the display changes when they are read, not what is computed.
        Assert.Equal(Loss("dsl"), Loss("dsl-live-progress"));
    }

    [Fact]
    public void Peers_none_runs_our_side_alone()
    {
        string json = BenchProgram.TempFile("train.json");

        var (exit, output) = BenchProgram.Run("train", "--data", BenchProgram.Fixture, "--models", "Model3", "--train-images", "64",
            "--eval-images", "32", "--repetitions", "1", "--warmup-steps", "0", "--threads", "1", "--probe-ms", "10", "--peers", "none", "--out", json);

        Assert.True(exit == 0, output);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Empty(report.RootElement.GetProperty("peers").EnumerateArray());
        var run = Assert.Single(report.RootElement.GetProperty("runs").EnumerateArray());
        Assert.Equal(121_016, run.GetProperty("result").GetProperty("parameters").GetInt64());
    }

    [Fact]
    public void The_sequence_samples_run_beside_every_peer_with_equal_parameter_counts()
    {
        string json = BenchProgram.TempFile("train.json");

        var (exit, output) = BenchProgram.Run("train", "--data", BenchProgram.Fixture, "--models", "RowLstm,VisionTransformer", "--train-images", "64",
            "--eval-images", "32", "--repetitions", "1", "--warmup-steps", "0", "--threads", "1", "--probe-ms", "10", "--out", json);

        Assert.True(exit == 0, output);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        bool pytorch = report.RootElement.GetProperty("pytorch").GetProperty("ran").GetBoolean();
        var runs = report.RootElement.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(pytorch ? 8 : 4, runs.Count);
        Assert.All(runs, run => Assert.Equal(JsonValueKind.Null, run.GetProperty("error").ValueKind));
        Assert.All(runs, run => Assert.Equal(run.GetProperty("model").GetString() == "RowLstm" ? 81_674 : 71_946,
            run.GetProperty("result").GetProperty("parameters").GetInt64()));
    }

    [Fact]
    public void The_dropout_mask_and_lstm_kernel_levers_switch_off_and_the_lstm_learns_the_same_either_way()
    {
        string json = BenchProgram.TempFile("train.json");

        var (exit, output) = BenchProgram.Run("train", "--data", BenchProgram.Fixture, "--models", "Model1,RowLstm", "--variants", "dsl,dsl-libtorch-dropout,dsl-stepwise-lstm",
            "--peers", "none", "--train-images", "128", "--eval-images", "64", "--repetitions", "1", "--warmup-steps", "0", "--threads", "1", "--probe-ms", "10", "--out", json);

        Assert.True(exit == 0, output);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var runs = report.RootElement.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(6, runs.Count);
        Assert.All(runs, run => Assert.Equal(JsonValueKind.Null, run.GetProperty("error").ValueKind));
        double Accuracy(string model, string variant) => runs
            .Single(r => r.GetProperty("model").GetString() == model && r.GetProperty("variant").GetString() == variant)
            .GetProperty("result").GetProperty("final_eval_accuracy").GetDouble();
        // RowLstm has no dropout: libtorch's kernel and the step-by-step loop train it alike, to float rounding.
        Assert.Equal(Accuracy("RowLstm", "dsl-stepwise-lstm"), Accuracy("RowLstm", "dsl"), 2);
    }

    [Fact]
    public void The_torchscript_lever_computes_the_models_logits_and_times_both_sides()
    {
        var (exit, output) = BenchProgram.Run("torchscript", "--pairs", "1", "--steps", "2", "--threads", "1");

        Assert.True(exit == 0, output);
        var line = output.Split('\n').Single(l => l.StartsWith("BENCH-TORCHSCRIPT ", StringComparison.Ordinal));
        using var result = JsonDocument.Parse(line["BENCH-TORCHSCRIPT ".Length..]);
        Assert.True(result.RootElement.GetProperty("eval_max_abs_difference").GetDouble() <= 1e-4);
        var pair = result.RootElement.GetProperty("pairs").EnumerateArray().Single();
        Assert.True(pair.GetProperty("eager_milliseconds").GetDouble() > 0 && pair.GetProperty("script_milliseconds").GetDouble() > 0);
    }

    [Fact]
    public void The_probe_measures_positive_finite_rates_and_bf16_exactly_where_the_cpu_has_it()
    {
        var (exit, output) = BenchProgram.Run("probe", "--threads", "1", "--milliseconds", "10");

        Assert.True(exit == 0, output);
        var line = output.Split('\n').Single(l => l.StartsWith("BENCH-PROBE ", StringComparison.Ordinal));
        using var probe = JsonDocument.Parse(line["BENCH-PROBE ".Length..]);
        var root = probe.RootElement;
        bool bf16 = File.Exists("/proc/cpuinfo") && File.ReadLines("/proc/cpuinfo")
            .Any(l => l.StartsWith("flags", StringComparison.Ordinal) && l.Split(' ', '\t').Contains("avx512_bf16"));
        Assert.Equal(bf16, root.GetProperty("has_avx512_bf16").GetBoolean());
        var measured = new List<string> { "matmul_fp32", "conv_channels_first", "conv_channels_last" };
        if (bf16)
            measured.Add("matmul_bf16");
        else
            Assert.Equal(JsonValueKind.Null, root.GetProperty("matmul_bf16").ValueKind);
        foreach (var name in measured)
        {
            var m = root.GetProperty(name);
            Assert.True(m.GetProperty("calls").GetInt32() >= 3, name);
            foreach (var rate in new[] { "best_gflops", "median_gflops" })
            {
                double value = m.GetProperty(rate).GetDouble();
                Assert.True(double.IsFinite(value) && value > 0, $"{name} {rate}: {value}");
            }
        }
        // 2·n³ for the 2048x2048 product; 2·N·H·W·Cout·Cin·9 for the convolution.
        Assert.Equal(2.0 * 2048 * 2048 * 2048, root.GetProperty("matmul_fp32").GetProperty("flops_per_call").GetDouble());
        Assert.Equal(2.0 * 128 * 14 * 14 * 28 * 64 * 9, root.GetProperty("conv_channels_last").GetProperty("flops_per_call").GetDouble());
    }

    [Fact]
    public void Each_hand_written_torchsharp_twin_computes_what_the_generated_model_computes()
    {
        var (exit, output) = BenchProgram.Run("check-twins", "--data", BenchProgram.Fixture, "--images", "32", "--steps", "2");

        Assert.True(exit == 0, output);
        var line = output.Split('\n').Single(l => l.StartsWith("BENCH-TWINS ", StringComparison.Ordinal));
        using var twins = JsonDocument.Parse(line["BENCH-TWINS ".Length..]);
        var results = twins.RootElement.EnumerateArray().ToList();
        Assert.Equal(new[] { "Model1", "Model2", "Model3", "RowLstm", "VisionTransformer" }, results.Select(r => r.GetProperty("model").GetString()));
        // The samples' own expect_parameters figures (Keras's counts; the LSTM twin's second bias is frozen at zero).
        long[] keras = [43_362, 36_436, 121_016, 81_674, 71_946];
        Assert.Equal(keras, results.Select(r => r.GetProperty("ours_parameters").GetInt64()));
        Assert.Equal(keras, results.Select(r => r.GetProperty("twin_parameters").GetInt64()));
        Assert.All(results, r =>
        {
            Assert.True(r.GetProperty("eval_max_abs_difference").GetDouble() <= 1e-5, r.ToString());
            var ours = r.GetProperty("ours_losses").EnumerateArray().Select(v => v.GetDouble()).ToList();
            var twin = r.GetProperty("twin_losses").EnumerateArray().Select(v => v.GetDouble()).ToList();
            Assert.Equal(2, ours.Count);
            Assert.All(ours.Zip(twin), pair => Assert.Equal(pair.First, pair.Second, 5));
        });
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
    [InlineData("train", "--peers", "jax")]
    [InlineData("check-twins", "--models", "Model9")]
    [InlineData("train", "--models", "RowLstm", "--variants", "dsl-out-of-place")]
    [InlineData("torchscript", "--pairs", "0")]
    [InlineData("frobnicate")]
    public void A_mistyped_command_line_is_rejected_with_a_message(params string[] args)
    {
        var (exit, output) = BenchProgram.Run(args);

        Assert.Equal(2, exit);
        Assert.False(string.IsNullOrWhiteSpace(output));
    }
}
