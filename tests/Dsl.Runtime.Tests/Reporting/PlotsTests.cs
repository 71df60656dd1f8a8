using System.IO;
using System.Linq;
using Dsl.Reporting;
using Dsl.Runtime.Tests.Data;

namespace Dsl.Runtime.Tests.Reporting;

public class PlotsTests
{
    // A line needs a few hundred pixels of its colour across an 800-pixel-wide plot; a legend swatch alone has far fewer.
    private const int LinePixels = 150;

    [Fact]
    public void Loss_curves_are_an_800_by_500_png_with_a_red_train_line_and_a_blue_validation_line()
    {
        using var temp = new TempDirectory();
        string path = temp.File("loss.png");

        Plots.LossCurves(Runs.Model1(), path);

        using var png = Png.Load(path);
        Assert.Equal((800, 500), (png.Width, png.Height));
        Assert.True(png.NonBackgroundPixels() > 5_000, "The plot is blank.");
        Assert.True(png.PixelsNear(255, 0, 0) > LinePixels, "No red train loss line.");
        Assert.True(png.PixelsNear(0, 0, 255) > LinePixels, "No blue validation loss line.");
        Assert.Equal(["loss.png"], temp.FileNames());
    }

    [Fact]
    public void Loss_curves_without_validation_data_draw_only_the_train_line()
    {
        using var temp = new TempDirectory();
        string path = Path.Combine(temp.Path, "new folder", "loss.png");

        Plots.LossCurves(Runs.Of(Models.SeedModel2.Info, 0.6, 0.6, validation: false), path);

        using var png = Png.Load(path);
        Assert.True(png.PixelsNear(255, 0, 0) > LinePixels, "No red train loss line.");
        Assert.Equal(0, png.PixelsNear(0, 0, 255, tolerance: 40));
    }

    [Fact]
    public void Validation_accuracy_draws_one_line_per_model_in_its_own_colour()
    {
        using var temp = new TempDirectory();
        string path = temp.File("val-accuracy.png");
        var noValidation = Runs.Of(Models.SeedModel2.Info, 0.6, 0.6, validation: false);

        Plots.ValidationAccuracy([Runs.Model1(), noValidation, Runs.Model3()], path);

        using var png = Png.Load(path);
        Assert.Equal((800, 500), (png.Width, png.Height));
        foreach (int index in new[] { 0, 2 })
        {
            var colour = Plots.SeriesColor(index);
            Assert.True(png.PixelsNear(colour.R, colour.G, colour.B) > LinePixels, $"No line in series colour {index}.");
        }
        var skipped = Plots.SeriesColor(1);
        Assert.Equal(0, png.PixelsNear(skipped.R, skipped.G, skipped.B, tolerance: 8));
    }

    [Fact]
    public void A_one_epoch_run_still_shows_its_points()
    {
        using var temp = new TempDirectory();
        string path = temp.File("one.png");

        Plots.LossCurves(Runs.Of(Models.SeedModel1.Info, 0.9, 0.9, epochs: 1), path);

        using var png = Png.Load(path);
        // One marker of each colour, left of the legend (upper right); a line needs two points, so without markers
        // this part of the plot would have no red or blue at all.
        Assert.True(png.PixelsNear(255, 0, 0, left: 0, right: 600) > 15, "No train loss marker.");
        Assert.True(png.PixelsNear(0, 0, 255, left: 0, right: 600) > 15, "No validation loss marker.");
    }

    [Fact]
    public void A_plot_without_any_data_is_still_written()
    {
        using var temp = new TempDirectory();
        string path = temp.File("empty.png");

        Plots.ValidationAccuracy([Runs.Of(Models.SeedModel1.Info, 0.9, 0.9, validation: false)], path);

        using var png = Png.Load(path);
        Assert.True(png.NonBackgroundPixels() > 1_000, "Not even axes and a title.");
    }

    [Fact]
    public void A_diverged_epoch_is_left_out_instead_of_breaking_the_axes()
    {
        using var temp = new TempDirectory();
        string path = temp.File("diverged.png");
        var run = Runs.Model1();
        var epochs = run.Epochs.ToArray();
        epochs[1] = epochs[1] with { ValidationLoss = double.NaN };
        epochs[2] = epochs[2] with { ValidationLoss = double.PositiveInfinity };

        Plots.LossCurves(run with { Epochs = epochs }, path);

        using var png = Png.Load(path);
        Assert.True(png.PixelsNear(255, 0, 0) > LinePixels, "No red train loss line.");
        Assert.True(png.PixelsNear(0, 0, 255) > LinePixels, "No blue validation loss line.");
    }
}
