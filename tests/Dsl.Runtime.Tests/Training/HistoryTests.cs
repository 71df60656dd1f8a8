using System;
using System.Text.Json;
using Dsl.Training;

namespace Dsl.Runtime.Tests.Training;

public sealed class HistoryTests
{
    private static readonly History Sample = new(new[]
    {
        new EpochRecord(1, 0.5, 0.8, 0.4, 0.85, 12.5),
        new EpochRecord(2, 0.25, 0.9, null, null, 11.0),
    });

    [Fact]
    public void Json_round_trips_with_Keras_names()
    {
        string json = Sample.ToJson();
        var back = History.FromJson(json);

        Assert.Equal(Sample.Epochs, back.Epochs);
        Assert.Contains("\"val_loss\": 0.4", json, StringComparison.Ordinal);
        // An epoch without validation has no val_ entries at all, as Keras's history lists only what was logged.
        Assert.DoesNotContain("\"val_accuracy\": null", json, StringComparison.Ordinal);
        Assert.Equal(2, json.Split("\"val_loss\"").Length);
        Assert.Equal(Sample.Epochs, JsonSerializer.Deserialize<History>(JsonSerializer.Serialize(Sample))!.Epochs);
    }

    [Fact]
    public void A_diverged_validation_loss_still_serialises()
    {
        var history = new History(new[] { new EpochRecord(1, 0.5, 0.8, double.NaN, 0.1, 1) });

        Assert.True(double.IsNaN(History.FromJson(history.ToJson()).Epochs[0].ValidationLoss!.Value));
    }

    [Fact]
    public void Per_metric_views_follow_the_epochs()
    {
        Assert.Equal(new[] { 0.5, 0.25 }, Sample.Loss);
        Assert.Equal(new double?[] { 0.8, 0.9 }, Sample.Accuracy);
        Assert.Equal(new double?[] { 0.4, null }, Sample.ValidationLoss);
        Assert.Equal(2, Sample.Last!.Epoch);
    }

    [Fact]
    public void Epochs_must_be_numbered_consecutively_from_one()
    {
        Assert.Throws<ArgumentException>(() => new History(new[] { new EpochRecord(2, 0, 0, null, null, 0) }));
        Assert.Throws<ArgumentException>(() => Sample.Append(new EpochRecord(4, 0, 0, null, null, 0)));
        Assert.Equal(3, Sample.Append(new EpochRecord(3, 0, 0, null, null, 0)).Count);
    }
}
