using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Dsl.Reporting;
using Dsl.Runtime.Tests.Data;
using Dsl.Training;

namespace Dsl.Runtime.Tests.Reporting;

public class RunRecordsTests
{
    [Fact]
    public void A_record_survives_a_round_trip_through_its_file()
    {
        using var temp = new TempDirectory();
        var record = Runs.Model3();

        string path = RunRecords.Write(temp.Path, record);
        var read = RunRecords.Read(path);

        Assert.Equal(Path.Combine(temp.Path, "SeedModel3.json"), path);
        Assert.Equal(record, read);
        // Equality compares lists element by element; check the parts the plots need explicitly too.
        Assert.Equal(record.Epochs, read.Epochs);
        Assert.Equal(record.Architecture.Layers, read.Architecture.Layers);
        Assert.Equal(DateTimeKind.Utc, read.FinishedUtc.Kind);
        Assert.Equal(record.SecondsPerEpoch, read.SecondsPerEpoch);
    }

    [Fact]
    public void A_model_of_blocks_keeps_its_block_layers_and_shared_calls()
    {
        using var temp = new TempDirectory();
        var record = Runs.Of(Models.SeedTwoViewCnn.Info, 0.9, 0.9, epochs: 1, validation: true);

        var read = RunRecords.Read(RunRecords.Write(temp.Path, record));

        Assert.Equal(record, read);
        var encoder = read.Architecture.Layers.Single(l => l.Name == "encoder");
        Assert.Equal(["conv2d_1", "max_pooling2d_1", "conv2d_2", "max_pooling2d_2", "global_average_pooling2d_1"], encoder.Children.Select(c => c.Name));
        Assert.Equal("encoder", read.Architecture.Layers.Single(l => l.Name == "encoder_2").Shares);
        // The shared encoder's layers once: its second call has no layers of its own.
        Assert.Equal(2, read.Architecture.AllLayers.Count(l => l.Is(LayerKind.Conv2D)));
    }

    [Fact]
    public void Missing_validation_and_unmeasured_metrics_round_trip()
    {
        using var temp = new TempDirectory();
        var record = Runs.Of(Models.SeedModel1.Info, 0.99, 0.98, epochs: 2, validation: false) with
        {
            Final = new FinalMetrics { TestLoss = 0.03, TestAccuracy = 0.99 },
            Config = new RunConfig { TrainLimit = null },
        };

        var read = RunRecords.Read(RunRecords.Write(temp.Path, record));

        Assert.Equal(record, read);
        Assert.All(read.Epochs, e => Assert.Null(e.ValidationLoss));
        Assert.True(double.IsNaN(read.Final.TrainAccuracy));
        Assert.Null(read.Config.TrainLimit);
    }

    [Fact]
    public void A_diverged_loss_is_written_and_read_back()
    {
        using var temp = new TempDirectory();
        var run = Runs.Model1();
        var epochs = run.Epochs.ToArray();
        epochs[0] = epochs[0] with { Loss = double.NaN, ValidationLoss = double.PositiveInfinity };
        var record = run with { Epochs = epochs };

        var read = RunRecords.Read(RunRecords.Write(temp.Path, record));

        Assert.Equal(record, read);
        Assert.True(double.IsNaN(read.Epochs[0].Loss));
    }

    [Fact]
    public void The_file_uses_snake_case_and_keras_epoch_names()
    {
        using var temp = new TempDirectory();
        string path = RunRecords.Write(temp.Path, Runs.Model1());
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();

        Assert.Equal("dsl.run-record", (string?)json["schema"]);
        Assert.Equal(1, (int?)json["format"]);
        Assert.Equal("SeedModel1", (string?)json["model"]);
        Assert.NotNull(json["seconds_per_epoch"]);
        Assert.NotNull(json["finished_utc"]);
        Assert.Equal(43_362, (long?)json["architecture"]!["parameter_count"]);
        Assert.Equal("Conv2D", (string?)json["architecture"]!["layers"]![0]!["kind"]);
        Assert.Equal("0.107.0", (string?)json["environment"]!["torchsharp"]);
        // Shapes stay on one line inside the indented file.
        Assert.Contains("\"input_shape\": [1, 28, 28],", File.ReadAllText(path), StringComparison.Ordinal);
        var epoch = json["epochs"]![0]!.AsObject();
        Assert.Equal(["epoch", "loss", "accuracy", "val_loss", "val_accuracy", "seconds", "learning_rate"], epoch.Select(p => p.Key));
    }

    [Fact]
    public void Writing_replaces_the_file_and_leaves_no_temporary_file()
    {
        using var temp = new TempDirectory();
        string folder = Path.Combine(temp.Path, "results", "run-1");

        RunRecords.Write(folder, Runs.Model1(test: 0.5));
        string path = RunRecords.Write(folder, Runs.Model1(test: 0.75));

        Assert.Equal(["SeedModel1.json"], Directory.GetFiles(folder).Select(Path.GetFileName));
        Assert.Equal(0.75, RunRecords.Read(path).Final.TestAccuracy);
    }

    [Fact]
    public void A_write_that_fails_midway_keeps_the_previous_file_and_leaves_no_temporary_file()
    {
        using var temp = new TempDirectory();
        string path = RunRecords.Write(temp.Path, Runs.Model1(test: 0.5));
        // Serialisation fails after the header was written: a non-nullable property holds null.
        var broken = Runs.Model1(test: 0.75) with { Final = null! };

        Assert.ThrowsAny<Exception>(() => RunRecords.Write(temp.Path, broken));

        Assert.Equal(["SeedModel1.json"], temp.FileNames());
        Assert.Equal(0.5, RunRecords.Read(path).Final.TestAccuracy);
    }

    [Fact]
    public void A_record_from_an_older_build_without_optional_properties_reads_with_defaults()
    {
        using var temp = new TempDirectory();
        var json = JsonNode.Parse(File.ReadAllText(RunRecords.Write(temp.Path, Runs.Model2())))!.AsObject();
        json.Remove("environment");
        json.Remove("source");
        json["config"]!.AsObject().Remove("threads");
        json["final"]!.AsObject().Remove("train_accuracy");
        json["architecture"]!["layers"]![0]!.AsObject().Remove("mult_adds");
        json["newer_property"] = "ignored";
        string path = Path.Combine(temp.Path, "old.json");
        File.WriteAllText(path, json.ToJsonString());

        var read = RunRecords.Read(path);

        Assert.Equal("SeedModel2", read.Model);
        Assert.Equal(new EnvironmentRecord(), read.Environment);
        Assert.Equal("", read.Source);
        Assert.Equal(0, read.Config.Threads);
        Assert.True(double.IsNaN(read.Final.TrainAccuracy));
        Assert.Equal(0, read.Architecture.Layers[0].MultAdds);
        Assert.Equal(Runs.Model2().Epochs, read.Epochs);
    }

    [Theory]
    [InlineData("{ \"schema\": \"dsl.run-record\", \"format\": 1, ", "not valid JSON")]
    [InlineData("[1, 2, 3]", "not a run record")]
    [InlineData("{ \"format\": 1, \"model\": \"Model1\" }", "not a run record")]
    [InlineData("{ \"schema\": \"dsl.run-record\", \"model\": \"Model1\" }", "no integer \"format\"")]
    [InlineData("{ \"schema\": \"dsl.run-record\", \"format\": 2, \"model\": \"Model1\" }", "format 2 was written by a newer build")]
    [InlineData("{ \"schema\": \"dsl.run-record\", \"format\": 1, \"model\": \"Model1\" }", "malformed run record")]
    public void Bad_files_fail_with_a_message_naming_the_file(string text, string reason)
    {
        using var temp = new TempDirectory();
        string path = temp.Write("broken.json", System.Text.Encoding.UTF8.GetBytes(text));

        var error = Assert.Throws<InvalidDataException>(() => RunRecords.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_where_a_value_is_required_is_malformed()
    {
        using var temp = new TempDirectory();
        var json = JsonNode.Parse(File.ReadAllText(RunRecords.Write(temp.Path, Runs.Model1())))!.AsObject();
        json["architecture"] = null;
        string path = Path.Combine(temp.Path, "SeedModel1.json");
        File.WriteAllText(path, json.ToJsonString());

        var error = Assert.Throws<InvalidDataException>(() => RunRecords.Read(path));

        Assert.Contains("malformed run record", error.Message, StringComparison.Ordinal);
        Assert.Contains("architecture", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Misnumbered_epochs_are_rejected()
    {
        using var temp = new TempDirectory();
        var json = JsonNode.Parse(File.ReadAllText(RunRecords.Write(temp.Path, Runs.Model1())))!.AsObject();
        json["epochs"]![1]!["epoch"] = 3;
        string path = Path.Combine(temp.Path, "SeedModel1.json");
        File.WriteAllText(path, json.ToJsonString());

        var error = Assert.Throws<InvalidDataException>(() => RunRecords.Read(path));

        Assert.Contains("entry 1 is epoch 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAll_merges_folders_and_keeps_the_newest_record_of_a_model()
    {
        using var temp = new TempDirectory();
        string machineA = Path.Combine(temp.Path, "a"), machineB = Path.Combine(temp.Path, "b");
        var finished = Runs.Started.AddHours(1);
        RunRecords.Write(machineA, Runs.Of(Models.SeedModel1.Info, 0.90, 0.91, finished: finished));
        RunRecords.Write(machineA, Runs.Model2());
        RunRecords.Write(machineB, Runs.Of(Models.SeedModel1.Info, 0.95, 0.96, finished: finished.AddMinutes(5)));
        RunRecords.Write(machineB, Runs.Model3());
        // Other JSON in a results folder (histories, checkpoint manifests) is not a run record.
        File.WriteAllText(Path.Combine(machineB, "history.json"), History.Empty.ToJson());
        File.WriteAllText(Path.Combine(machineB, "checkpoint.json"), "{ \"format\": 1, \"model\": \"SeedModel1\" }");
        var log = new List<string>();

        var records = RunRecords.ReadAll([machineA, machineB], log.Add);

        Assert.Equal(["SeedModel1", "SeedModel2", "SeedModel3"], records.Select(r => r.Model));
        Assert.Equal(0.95, records[0].Final.TestAccuracy);
        string duplicate = Assert.Single(log, l => l.StartsWith("SeedModel1 has several run records", StringComparison.Ordinal));
        Assert.Contains("kept " + Path.Combine(machineB, "SeedModel1.json"), duplicate, StringComparison.Ordinal);
        Assert.Contains("ignored " + Path.Combine(machineA, "SeedModel1.json"), duplicate, StringComparison.Ordinal);
        Assert.Contains(log, l => l.StartsWith("Skipped " + Path.Combine(machineB, "history.json"), StringComparison.Ordinal));
        Assert.Contains(log, l => l.StartsWith("Skipped " + Path.Combine(machineB, "checkpoint.json"), StringComparison.Ordinal));
    }

    [Fact]
    public void ReadAll_keeps_the_newest_whichever_folder_comes_first()
    {
        using var temp = new TempDirectory();
        string newer = Path.Combine(temp.Path, "newer"), older = Path.Combine(temp.Path, "older");
        RunRecords.Write(newer, Runs.Of(Models.SeedModel1.Info, 0.95, 0.96, finished: Runs.Started.AddHours(2)));
        RunRecords.Write(older, Runs.Of(Models.SeedModel1.Info, 0.90, 0.91, finished: Runs.Started.AddHours(1)));

        var records = RunRecords.ReadAll([newer, older]);

        Assert.Equal(0.95, Assert.Single(records).Final.TestAccuracy);
    }

    [Fact]
    public void ReadAll_orders_models_by_number_and_fails_on_a_broken_run_record()
    {
        using var temp = new TempDirectory();
        foreach (string name in new[] { "Model10", "Model2", "Model1" })
            RunRecords.Write(temp.Path, Runs.Model1() with { Model = name });

        Assert.Equal(["Model1", "Model2", "Model10"], RunRecords.ReadAll([temp.Path]).Select(r => r.Model));

        File.WriteAllText(Path.Combine(temp.Path, "Model4.json"), "{ \"schema\": \"dsl.run-record\", \"format\": 1, \"model\": \"Model4\" }");
        var error = Assert.Throws<InvalidDataException>(() => RunRecords.ReadAll([temp.Path]));
        Assert.Contains("Model4.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAll_rejects_a_missing_folder()
    {
        using var temp = new TempDirectory();
        string missing = Path.Combine(temp.Path, "nope");

        var error = Assert.Throws<DirectoryNotFoundException>(() => RunRecords.ReadAll([missing]));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Model1", "Model1.json")]
    [InlineData("My model: v2", "My_model__v2.json")]
    public void File_names_come_from_model_names(string model, string expected) =>
        Assert.Equal(expected, RunRecords.FileName(model));

    [Fact]
    public void A_record_made_from_a_history_has_the_model_facts_and_mean_epoch_time()
    {
        var history = new History([new EpochRecord(1, 0.5, 0.8, 0.4, 0.85, 10), new EpochRecord(2, 0.3, 0.9, null, null, 20)]);
        var record = RunRecord.From(Models.SeedModel1.Info, new RunConfig { Epochs = 2 }, history,
            FinalMetrics.From(new Evaluation(0.04, 0.99, 10_000), null), Runs.Started, Runs.Started.AddMinutes(1));

        Assert.Equal("SeedModel1", record.Model);
        Assert.Equal("attributes", record.Source);
        Assert.Equal(43_362, record.Architecture.ParameterCount);
        Assert.Equal(15, record.SecondsPerEpoch);
        Assert.Equal(0.99, record.Final.TestAccuracy);
        Assert.True(double.IsNaN(record.Final.TrainAccuracy));
        Assert.False(string.IsNullOrEmpty(record.Environment.DotNet));
    }

    [Fact]
    public void Local_times_are_stored_as_utc()
    {
        var local = new DateTime(2025, 3, 1, 12, 0, 0, DateTimeKind.Local);

        var record = Runs.Model1() with { StartedUtc = local };

        Assert.Equal(DateTimeKind.Utc, record.StartedUtc.Kind);
        Assert.Equal(local.ToUniversalTime(), record.StartedUtc);
    }
}
