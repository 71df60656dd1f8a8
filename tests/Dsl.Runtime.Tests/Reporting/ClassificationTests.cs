using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Dsl.Reporting;
using Dsl.Runtime.Tests.Data;
using Dsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Reporting;

/// <summary>Confusion matrix, per-class precision and recall, the choice of misclassified samples, and their pictures.</summary>
public class ClassificationTests
{
    // Ten samples of three classes with known predictions:
    //   class 0: 0 0 0 1      class 1: 1 1 2      class 2: 2 0 2
    private static readonly int[] Truth = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2];
    private static readonly int[] Predicted = [0, 0, 0, 1, 1, 1, 2, 2, 0, 2];
    private static readonly float[] Confidence = [0.9f, 0.8f, 0.7f, 0.6f, 0.9f, 0.8f, 0.95f, 0.9f, 0.6f, 0.5f];

    [Fact]
    public void The_confusion_matrix_of_a_known_prediction_set()
    {
        var matrix = ConfusionMatrix.From(Truth, Predicted, 3);

        Assert.Equal([[3, 1, 0], [0, 2, 1], [1, 0, 2]], matrix.Counts.Select(r => r.ToArray()).ToArray());
        Assert.Equal((10L, 7L, 0.7), (matrix.Total, matrix.Correct, matrix.Accuracy));
        // Precision: column-wise (predicted as c); recall: row-wise (truly c).
        Assert.Equal(new ClassMetrics(0, 3.0 / 4, 3.0 / 4, 4), matrix.PerClass()[0]);
        Assert.Equal(new ClassMetrics(1, 2.0 / 3, 2.0 / 3, 3), matrix.PerClass()[1]);
        Assert.Equal(new ClassMetrics(2, 2.0 / 3, 2.0 / 3, 3), matrix.PerClass()[2]);
    }

    [Fact]
    public void Precision_and_recall_are_undefined_for_a_class_never_predicted_or_absent()
    {
        var matrix = ConfusionMatrix.From([0, 0, 1], [0, 0, 0], 3);
        Assert.Equal(2.0 / 3, matrix.Precision(0));
        Assert.True(double.IsNaN(matrix.Precision(1)));
        Assert.Equal(0, matrix.Recall(1));
        Assert.True(double.IsNaN(matrix.Recall(2)));
        Assert.Throws<ArgumentException>(() => ConfusionMatrix.From([0, 3], [0, 0], 3));
        Assert.Throws<ArgumentException>(() => ConfusionMatrix.From([0, 1], [0], 3));
    }

    [Fact]
    public void Misclassified_samples_are_the_wrong_ones_most_confident_first()
    {
        // Wrong: #3 (0.6), #6 (0.95), #8 (0.6): by confidence, ties by position.
        Assert.Equal([6, 3, 8], MisclassifiedSample.Select(Truth, Predicted, Confidence, 10));
        Assert.Equal([6, 3], MisclassifiedSample.Select(Truth, Predicted, Confidence, 2));
        Assert.Empty(MisclassifiedSample.Select(Truth, Truth, Confidence, 5));
    }

    [Fact]
    public void Results_keep_each_chosen_samples_labels_confidence_and_pixels()
    {
        using var images = torch.arange(10 * 2 * 2, dtype: ScalarType.Float32).reshape(10, 1, 2, 2).div(40);
        using var labels = torch.tensor(Truth.Select(t => (long)t).ToArray());

        var results = ClassificationResults.From(images, labels, new Predictions(Predicted, Confidence), classes: 3, misclassified: 2);

        Assert.Equal(ConfusionMatrix.From(Truth, Predicted, 3), results.ConfusionMatrix);
        Assert.Equal([6L, 3L], results.Misclassified.Select(m => m.Index));
        var first = results.Misclassified[0];
        Assert.Equal((1, 2, 0.95f), (first.Label, first.Predicted, (float)first.Confidence));
        Assert.Equal((1, 2, 2), (first.Channels, first.Height, first.Width));
        // Sample 6 holds 24/40 … 27/40, scaled to bytes.
        Assert.Equal(new byte[] { 153, 159, 166, 172 }, first.Pixels);
    }

    [Fact]
    public void Results_round_trip_through_a_run_record()
    {
        using var temp = new TempDirectory();
        var record = WithResults(Runs.Model1());

        var read = RunRecords.Read(RunRecords.Write(temp.Path, record));

        Assert.Equal(record, read);
        string json = File.ReadAllText(Path.Combine(temp.Path, "SeedModel1.json"));
        Assert.Contains("\"per_class\"", json, StringComparison.Ordinal);
        Assert.Contains("\"precision\"", json, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"""counts"": \[\s*\[3, 1, 0\],"), json);
    }

    [Fact]
    public void The_pictures_show_the_matrix_and_the_mistakes()
    {
        using var temp = new TempDirectory();
        var record = WithResults(Runs.Model1());
        string heat = Path.Combine(temp.Path, "confusion.png");
        string grid = Path.Combine(temp.Path, "grid.png");

        ClassificationPlots.ConfusionMatrix(record, heat);
        ClassificationPlots.Misclassified(record, grid);

        using (var png = Png.Load(heat))
        {
            Assert.Equal((700, 620), (png.Width, png.Height));
            Assert.True(png.PixelsNear(8, 48, 107, tolerance: 40) > 500, "no dark blue cells");   // the diagonal of Blues
        }
        using (var png = Png.Load(grid))
        {
            Assert.True(png.Width >= 3 * ClassificationPlots.Zoom * 2);
            Assert.True(png.PixelsNear(198, 40, 40, tolerance: 40) > 20, "no red captions");
        }
    }

    [Fact]
    public void The_report_shows_both_pictures_and_the_per_class_table()
    {
        using var temp = new TempDirectory();

        string text = File.ReadAllText(MarkdownReport.Write(temp.Path, [WithResults(Runs.Model1())]));

        Assert.Contains("![SeedModel1: confusion matrix](SeedModel1-confusion.png)", text, StringComparison.Ordinal);
        Assert.Contains("![SeedModel1: most confident mistakes](SeedModel1-misclassified.png)", text, StringComparison.Ordinal);
        Assert.Contains("| 0 | 0.7500 | 0.7500 | 4 |", text, StringComparison.Ordinal);
        Assert.Contains("3 of 10 test samples are misclassified.", text, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(temp.Path, "SeedModel1-confusion.png")));
        Assert.True(File.Exists(Path.Combine(temp.Path, "SeedModel1-misclassified.png")));
    }

    internal static RunRecord WithResults(RunRecord record)
    {
        using var images = torch.rand(10, 1, 28, 28, generator: new Generator(3));
        using var labels = torch.tensor(Truth.Select(t => (long)t).ToArray());
        return record with { Classification = ClassificationResults.From(images, labels, new Predictions(Predicted, Confidence), classes: 3) };
    }
}
