using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Dsl.Training;
using ScottPlot;

namespace Dsl.Reporting;

/// <summary>
/// PNG charts of run records (ScottPlot), 800 x 500 pixels, each titled, with axis labels, a legend and a grid.
/// Epochs without a value (no validation data, or a diverged NaN/infinite loss) are left out of their series, and
/// a series with no values at all is not drawn. Files are written atomically, creating the folder.
/// </summary>
public static class Plots
{
    /// <summary>Width of every chart, in pixels.</summary>
    public const int Width = 800;

    /// <summary>Height of every chart, in pixels.</summary>
    public const int Height = 500;

    /// <summary>The notebook's colours: validation loss blue, training loss red.</summary>
    internal static readonly Color ValidationLossColor = Colors.Blue;

    /// <summary>See <see cref="ValidationLossColor"/>.</summary>
    internal static readonly Color TrainLossColor = Colors.Red;

    /// <summary>
    /// The seed notebook's plot: training and validation loss against epoch 1..N, y axis "Categorical Crossentropy Loss"
    /// (or the loss named).
    /// </summary>
    /// <param name="record">The run to plot.</param>
    /// <param name="path">The PNG to write.</param>
    /// <param name="loss">The loss's name for the y axis, e.g. <c>mean_squared_error</c>; null for the notebook's label.</param>
    public static void LossCurves(RunRecord record, string path, string? loss = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var plot = NewPlot($"{record.Model}: loss per epoch", loss is null ? "Categorical Crossentropy Loss" : "Loss: " + loss);
        int drawn = 0;
        drawn += AddSeries(plot, record.Epochs, e => e.ValidationLoss, "Validation Loss", ValidationLossColor);
        drawn += AddSeries(plot, record.Epochs, e => e.Loss, "Train Loss", TrainLossColor);
        Save(plot, drawn, record.Epochs.Count, path, Alignment.UpperRight);
    }

    /// <summary>Validation accuracy against epoch, one line per model, in the order given.</summary>
    /// <param name="records">The runs to plot; runs without validation data get no line.</param>
    /// <param name="path">The PNG to write.</param>
    public static void ValidationAccuracy(IEnumerable<RunRecord> records, string path)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var plot = NewPlot("Validation accuracy per epoch", "Validation accuracy");
        int drawn = 0;
        int index = 0;
        int epochs = 0;
        foreach (var record in records)
        {
            // Colours follow the position, drawn or not, so a model keeps its colour when another lacks data.
            drawn += AddSeries(plot, record.Epochs, e => e.ValidationAccuracy, record.Model, SeriesColor(index++));
            epochs = Math.Max(epochs, record.Epochs.Count);
        }
        // Accuracy rises towards the upper right, where the legend would hide it.
        Save(plot, drawn, epochs, path, Alignment.LowerRight);
    }

    /// <summary>The colour of the <paramref name="index"/>th model's line (Category10, as matplotlib's default).</summary>
    internal static Color SeriesColor(int index) => new ScottPlot.Palettes.Category10().GetColor(index);

    private static Plot NewPlot(string title, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(yLabel);
        // Epochs are whole numbers; a tick at 2.5 would suggest otherwise.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        return plot;
    }

    /// <returns>1 if a series was drawn, 0 if it had no values.</returns>
    private static int AddSeries(Plot plot, IReadOnlyList<EpochRecord> epochs, Func<EpochRecord, double?> value, string label, Color color)
    {
        var points = epochs
            .Select(e => (X: (double)e.Epoch, Y: value(e)))
            .Where(p => p.Y is { } y && double.IsFinite(y))
            .ToList();
        if (points.Count == 0)
            return 0;
        var scatter = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y!.Value).ToArray(), color);
        scatter.LegendText = label;
        scatter.LineWidth = 2;
        // Markers keep a one-epoch run visible (a line needs two points).
        scatter.MarkerSize = 6;
        return 1;
    }

    private static void Save(Plot plot, int drawn, int epochs, string path, Alignment legend)
    {
        if (drawn == 0)
        {
            // An empty chart says why it is empty instead of looking broken.
            plot.Add.Annotation("no data to plot", Alignment.MiddleCenter);
            plot.Axes.SetLimits(1, Math.Max(2, epochs), 0, 1);
        }
        else
        {
            plot.ShowLegend(legend);
            // Epochs 1..N with half an epoch to spare: autoscaling would centre a one-epoch run between epochs 0 and 2.
            plot.Axes.AutoScale();
            plot.Axes.SetLimitsX(0.5, Math.Max(1, epochs) + 0.5);
        }
        PngFile.Write(path, plot.GetImageBytes(Width, Height, ImageFormat.Png));
    }
}
