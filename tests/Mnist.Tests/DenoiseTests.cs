using System;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using SkiaSharp;

namespace Mnist.Tests;

/// <summary>
/// <c>denoise</c>: Keras's denoising autoencoder trained on the fixture's 512 digits brings the noisy test digits closer
/// to the clean ones, and writes the picture of noisy, denoised and clean digits and the ONNX model; bad arguments
/// are a message and exit code 1.
/// </summary>
[Collection(InProcessCollection.Name)]
public sealed class DenoiseTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("dsl-denoise-").FullName;

    [Fact]
    public async Task The_autoencoder_brings_noisy_digits_closer_to_the_clean_ones_and_pictures_them()
    {
        var result = await InProcessRun.RunAsync(new[] { "denoise", "--data", InProcessRun.Fixture, "--epochs", "6", "--batch-size", "32", "--out", _work });
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Total params: 28,353", result.Output, StringComparison.Ordinal);   // Keras's example prints the same
        var distances = Regex.Match(result.Output, @"noisy (\d\.\d{4}), denoised (\d\.\d{4})");
        Assert.True(distances.Success, result.Output);
        double noisy = double.Parse(distances.Groups[1].Value, CultureInfo.InvariantCulture), denoised = double.Parse(distances.Groups[2].Value, CultureInfo.InvariantCulture);
        Assert.True(denoised < noisy, $"noisy {noisy}, denoised {denoised}");

        using var picture = SKBitmap.Decode(Path.Combine(_work, "denoise.png"));
        Assert.NotNull(picture);
        // Three rows of ten 84-pixel digits (28 at zoom 3), with a label column and padding.
        Assert.Equal(110 + (10 * (84 + 8)) + 8, picture.Width);
        Assert.Equal((3 * (84 + 8)) + 8, picture.Height);
        Assert.True(new FileInfo(Path.Combine(_work, "DenoisingAutoencoder.onnx")).Length > 28_353 * 4);
    }

    [Theory]
    [InlineData("--noise", "-1", "--noise must be between 0 and 10, not -1.")]
    [InlineData("--epochs", "0", "--epochs")]
    public async Task Bad_arguments_are_a_message_and_exit_code_1(string option, string value, string message)
    {
        var result = await InProcessRun.RunAsync(new[] { "denoise", option, value, "--out", _work });
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
