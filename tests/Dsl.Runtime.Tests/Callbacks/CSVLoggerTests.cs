using System;
using System.IO;
using Dsl.Runtime.Tests.Training;
using Dsl.Training;

namespace Dsl.Runtime.Tests.Callbacks;

public sealed class CSVLoggerTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Writes_kerass_layout_zero_based_epochs_and_sorted_columns()
    {
        string path = _folder.File("log.csv");
        using var run = new CallbackHarness(new CSVLogger(path));

        run.Run([0.5, 0.25]);

        Assert.Equal(
            "epoch,accuracy,learning_rate,loss,val_accuracy,val_loss\r\n" +
            "0,0.5,0.1,1.0,0.4,0.5\r\n" +
            "1,0.5,0.1,0.5,0.4,0.25\r\n",
            File.ReadAllText(path));
    }

    [Fact]
    public void Without_validation_data_the_val_columns_hold_NA()
    {
        string path = _folder.File("log.csv");
        using var run = new CallbackHarness(new CSVLogger(path, separator: ";"));
        run.Run([0.5], "loss", validation: false);
        Assert.Equal(
            "epoch;accuracy;learning_rate;loss;val_accuracy;val_learning_rate;val_loss\r\n0;0.5;0.1;0.5;NA;NA;NA\r\n",
            File.ReadAllText(path));
    }

    [Fact]
    public void Append_keeps_earlier_rows_and_overwrite_does_not()
    {
        string path = _folder.File("log.csv");
        File.WriteAllText(path, "old\r\n");
        using (var run = new CallbackHarness(new CSVLogger(path, append: true)))
            run.Run([0.5]);
        Assert.StartsWith("old\r\n0,", File.ReadAllText(path), StringComparison.Ordinal);   // no second header: the file was not empty

        using (var run = new CallbackHarness(new CSVLogger(path)))
            run.Run([0.5]);
        Assert.StartsWith("epoch,", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void A_resumed_run_cuts_rows_the_checkpoint_does_not_have_and_equals_the_uninterrupted_file()
    {
        double[] values = [0.5, 0.4, 0.3, 0.2];
        string expectedPath = _folder.File("expected.csv");
        using (var run = new CallbackHarness(new CSVLogger(expectedPath)))
            run.Run(values);

        string path = _folder.File("log.csv");
        var first = new CSVLogger(path);
        using var before = new CallbackHarness(first);
        before.Run(values, stopAfter: 2);
        var state = first.GetState()!;
        var checkpointHistory = before.History;
        // The process went on to log epoch 3 before it died, but the checkpoint was taken after epoch 2.
        before.Run(values, stopAfter: 3);

        var second = new CSVLogger(path);
        second.SetState(state);
        using var after = new CallbackHarness(second) { History = checkpointHistory };
        after.Run(values);

        Assert.Equal(File.ReadAllText(expectedPath), File.ReadAllText(path));
    }
}
