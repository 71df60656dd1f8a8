using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Dsl.Runtime.Tests.Training;
using Dsl.Training;
using TorchSharp;

namespace Dsl.Runtime.Tests.Callbacks;

public sealed class ModelCheckpointTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Save_best_only_writes_a_file_per_improvement_named_by_the_template()
    {
        var callback = new ModelCheckpoint(Path.Combine(_folder.Path, "m-{epoch:02d}-{val_loss:.2f}.weights"), saveBestOnly: true);
        using var run = new CallbackHarness(callback);

        run.Run([0.5, 0.7, 0.25, 0.3]);

        Assert.Equal(["m-01-0.50.weights", "m-03-0.25.weights"], Files());
        Assert.Equal(0.25, callback.Best);
        // TorchSharp's own format: the saved weights are epoch 3's (the harness fills them with the epoch number).
        using var model = torch.nn.Linear(2, 2);
        model.load(Path.Combine(_folder.Path, "m-03-0.25.weights"));
        Assert.Equal(3f, model.parameters().First().flatten()[0].item<float>());
    }

    [Fact]
    public void Without_save_best_only_every_epoch_is_saved_and_a_fixed_name_is_overwritten()
    {
        using var run = new CallbackHarness(new ModelCheckpoint(Path.Combine(_folder.Path, "last.weights")));
        run.Run([0.5, 0.7, 0.9]);
        Assert.Equal(["last.weights"], Files());
        using var model = torch.nn.Linear(2, 2);
        model.load(Path.Combine(_folder.Path, "last.weights"));
        Assert.Equal(3f, model.parameters().First().flatten()[0].item<float>());
    }

    [Fact]
    public void Max_mode_and_an_initial_threshold_decide_what_is_best()
    {
        using var run = new CallbackHarness(new ModelCheckpoint(Path.Combine(_folder.Path, "{epoch}.weights"), monitor: "val_accuracy", saveBestOnly: true, initialValueThreshold: 0.55));
        run.Run([0.5, 0.6, 0.58, 0.7], "val_accuracy");
        Assert.Equal(["2.weights", "4.weights"], Files());
    }

    [Fact]
    public void A_template_field_the_logs_lack_is_an_error_before_training()
    {
        using var run = new CallbackHarness(new ModelCheckpoint(Path.Combine(_folder.Path, "{epoch}-{val_acc:.2f}.weights")));
        var error = Assert.Throws<InvalidOperationException>(() => run.Run([0.5]));
        Assert.Contains("{val_acc}", error.Message, StringComparison.Ordinal);
        Assert.Contains("val_accuracy", error.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => new ModelCheckpoint("model-{epoch:02x}.weights"));
        Assert.Throws<FormatException>(() => new ModelCheckpoint("model-{epoch.weights"));
    }

    [Theory]
    [InlineData("{epoch:02d}", "07")]
    [InlineData("{epoch:03d}-{epoch}", "007-7")]
    [InlineData("{val_loss:.4f}", "0.0312")]
    [InlineData("{val_loss:.2e}", "3.12e-02")]
    [InlineData("{loss}", "0.5")]
    [InlineData("{learning_rate}", "0.001")]
    [InlineData("{accuracy:.1%}", "98.8%")]
    [InlineData("{accuracy:08.3f}", "0000.988")]
    [InlineData("{{epoch}}-{epoch}", "{epoch}-7")]
    public void The_template_follows_pythons_format(string template, string expected)
    {
        var logs = new Dictionary<string, double> { ["loss"] = 0.5, ["accuracy"] = 0.98765, ["val_loss"] = 0.031234, ["learning_rate"] = 0.001 };
        Assert.Equal(expected, PathTemplate.Format(template, 7, logs));
    }

    [Fact]
    public void A_float_formatted_as_an_integer_is_an_error()
    {
        var error = Assert.Throws<FormatException>(() => PathTemplate.Format("{loss:02d}", 1, new Dictionary<string, double> { ["loss"] = 0.5 }));
        Assert.Contains("not an integer", error.Message, StringComparison.Ordinal);
    }

    private List<string> Files() => Directory.GetFiles(_folder.Path).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToList();
}
