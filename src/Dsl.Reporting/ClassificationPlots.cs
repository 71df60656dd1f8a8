using System;
using System.Globalization;
using System.IO;
using System.Linq;
using ScottPlot;
using SkiaSharp;

namespace Dsl.Reporting;

/// <summary>
/// Pictures of <see cref="ClassificationResults"/>: the confusion matrix as a heat map, and the misclassified samples as a
/// grid of images captioned with their true and predicted classes. PNG files, written atomically.
/// </summary>
public static class ClassificationPlots
{
    /// <summary>Pixels per image pixel in the misclassified grid (28 x 28 digits become 112 x 112).</summary>
    public const int Zoom = 4;

    /// <summary>
    /// The confusion matrix of <paramref name="record"/> as a heat map, 700 x 620 pixels: true class down the side,
    /// predicted class along the bottom, each cell coloured by its share of the true class's samples (so the diagonal
    /// is each class's recall) and labelled with its count.
    /// </summary>
    /// <exception cref="ArgumentException">The record has no classification results.</exception>
    public static void ConfusionMatrix(RunRecord record, string path)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var matrix = (record.Classification ?? throw new ArgumentException($"{record.Model}'s record has no classification results.", nameof(record))).ConfusionMatrix;
        int n = matrix.Classes;
        // Row r of the heat map is drawn at the top for r = 0, like the matrix is read.
        var shares = new double[n, n];
        for (int t = 0; t < n; t++)
        {
            long support = matrix.Support(t);
            for (int p = 0; p < n; p++)
                shares[t, p] = support == 0 ? 0 : (double)matrix.Counts[t][p] / support;
        }

        var plot = new Plot();
        plot.Title($"{record.Model}: confusion matrix ({record.Classification!.Data}, {ReportFormat.Count(matrix.Total)} samples, accuracy {ReportFormat.Metric(matrix.Accuracy)})\ncounts; colour: share of the true class");
        var heatmap = plot.Add.Heatmap(shares);
        // ScottPlot's Blues runs from dark to white; reversed, an empty cell is white and a full one dark blue.
        heatmap.Colormap = new Reversed(new ScottPlot.Colormaps.Blues());
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        plot.Add.ColorBar(heatmap);
        for (int t = 0; t < n; t++)
        {
            for (int p = 0; p < n; p++)
            {
                int count = matrix.Counts[t][p];
                if (count == 0)
                    continue;
                var text = plot.Add.Text(count.ToString(CultureInfo.InvariantCulture), p, n - 1 - t);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = n > 12 ? 9 : 13;
                text.LabelFontColor = shares[t, p] > 0.5 ? Colors.White : Colors.Black;
            }
        }
        var positions = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        string[] names = Enumerable.Range(0, n).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, names);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, names.Reverse().ToArray());
        plot.XLabel("predicted class");
        plot.YLabel("true class");
        plot.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);
        plot.HideGrid();
        PngFile.Write(path, plot.GetImageBytes(700, 620, ImageFormat.Png));
    }

    /// <summary>
    /// The misclassified samples of <paramref name="record"/>, most confident first, in a grid of at most
    /// <paramref name="columns"/> columns; each image is captioned "true 7 → 2" and the predicted class's probability.
    /// </summary>
    /// <exception cref="ArgumentException">The record has no classification results.</exception>
    public static void Misclassified(RunRecord record, string path, int columns = 4)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        var results = record.Classification ?? throw new ArgumentException($"{record.Model}'s record has no classification results.", nameof(record));
        var samples = results.Misclassified;

        int imageWidth = Math.Max(1, samples.Select(s => s.Width).DefaultIfEmpty(28).Max()) * Zoom;
        int imageHeight = Math.Max(1, samples.Select(s => s.Height).DefaultIfEmpty(28).Max()) * Zoom;
        const int pad = 14, caption = 40, header = 56;
        int cellWidth = Math.Max(imageWidth, 132) + pad;
        int cellHeight = imageHeight + caption + pad;
        int cols = Math.Max(1, Math.Min(columns, samples.Count));
        int rows = Math.Max(1, (samples.Count + cols - 1) / cols);
        int width = Math.Max(cols * cellWidth + pad, 520);
        int height = header + rows * cellHeight + pad;

        using var typeface = Fonts.GetTypeface(Fonts.Default, bold: false, italic: false);
        using var bold = Fonts.GetTypeface(Fonts.Default, bold: true, italic: false);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var titleFont = new SKFont(bold, 17);
        using var font = new SKFont(typeface, 14);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var wrong = new SKPaint { Color = new SKColor(0xC6, 0x28, 0x28), IsAntialias = true };
        using var frame = new SKPaint { Color = new SKColor(0xBB, 0xBB, 0xBB), Style = SKPaintStyle.Stroke, StrokeWidth = 1 };

        canvas.DrawText($"{record.Model}: misclassified {results.Data} samples, most confident first", pad, 24, SKTextAlign.Left, titleFont, ink);
        canvas.DrawText(samples.Count == 0
            ? "No sample was misclassified."
            : $"{ReportFormat.Count(results.ConfusionMatrix.Total - results.ConfusionMatrix.Correct)} of {ReportFormat.Count(results.ConfusionMatrix.Total)} wrong; caption: true → predicted (probability)",
            pad, 44, SKTextAlign.Left, font, ink);

        for (int i = 0; i < samples.Count; i++)
        {
            var sample = samples[i];
            int x = pad + (i % cols) * cellWidth;
            int y = header + (i / cols) * cellHeight;
            int left = x + (cellWidth - pad - sample.Width * Zoom) / 2;
            using (var bitmap = ToBitmap(sample))
            {
                var target = new SKRect(left, y, left + sample.Width * Zoom, y + sample.Height * Zoom);
                canvas.DrawBitmap(bitmap, target, new SKPaint { IsAntialias = false });
                canvas.DrawRect(target, frame);
            }
            float centre = x + (cellWidth - pad) / 2f;
            canvas.DrawText($"true {sample.Label} → {sample.Predicted}", centre, y + sample.Height * Zoom + 17, SKTextAlign.Center, font, wrong);
            canvas.DrawText(string.Create(CultureInfo.InvariantCulture, $"p = {sample.Confidence:F3}"), centre, y + sample.Height * Zoom + 34, SKTextAlign.Center, font, ink);
        }

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        PngFile.Write(path, png.ToArray());
    }

    // Grey (1 channel) or RGB (3 channels), bytes channel by channel; MNIST is white digits on black, drawn as such.
    private static SKBitmap ToBitmap(MisclassifiedSample sample)
    {
        var bitmap = new SKBitmap(sample.Width, sample.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        int plane = sample.Width * sample.Height;
        for (int row = 0; row < sample.Height; row++)
        {
            for (int col = 0; col < sample.Width; col++)
            {
                int at = row * sample.Width + col;
                byte r = Pixel(sample, 0, at), g = sample.Channels >= 3 ? Pixel(sample, plane, at) : r, b = sample.Channels >= 3 ? Pixel(sample, 2 * plane, at) : r;
                bitmap.SetPixel(col, row, new SKColor(r, g, b));
            }
        }
        return bitmap;
    }

    private static byte Pixel(MisclassifiedSample sample, int offset, int at) =>
        offset + at < sample.Pixels.Length ? sample.Pixels[offset + at] : (byte)0;

    private sealed class Reversed(IColormap inner) : IColormap
    {
        public string Name => inner.Name + " (reversed)";

        public Color GetColor(double normalizedIntensity) => inner.GetColor(1 - normalizedIntensity);
    }
}
