using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Dsl;
using Dsl.Data;
using Dsl.Training;
using Samples.Mnist;
using SkiaSharp;
using static TorchSharp.torch;

namespace Mnist.Tests;

/// <summary>
/// <c>predict</c>: an exported model classifies IDX images and pictures in ONNX Runtime, as TorchSharp does, and bad
/// files are clear errors with exit code 1.
/// </summary>
[Collection(InProcessCollection.Name)]
public sealed class PredictTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mnist-predict-").FullName;

    private static string TestImages => Path.Combine(InProcessRun.Fixture, "t10k-images-idx3-ubyte.gz");

    private static string TestLabels => Path.Combine(InProcessRun.Fixture, "t10k-labels-idx1-ubyte.gz");

    [Fact]
    public async Task An_exported_model_classifies_the_IDX_test_images_as_TorchSharp_does()
    {
        var (onnx, classes) = ExportModel1();

        var result = await InProcessRun.RunAsync(new[] { "predict", onnx, TestImages, "--labels", TestLabels, "--count", "3" });

        Assert.True(result.ExitCode == 0, result.ToString());
        using var labels = IdxReader.ReadLabels(TestLabels);
        var truth = labels.data<long>().ToArray();
        int correct = classes.Zip(truth).Count(p => p.First == p.Second);
        Assert.Contains($"Accuracy: {correct / 128.0:0.0000} ({correct} of 128 correct)", result.Output);
        Assert.Contains($"t10k-images-idx3-ubyte.gz[0]: {classes[0]} (probability ", result.Output);
        Assert.Contains("… 125 more classified, not printed (--count 3).", result.Output);
        Assert.Contains("(Samples.Mnist.Model1), input (batch, 1, 28, 28), 10 classes", result.Output);
    }

    [Fact]
    public async Task A_png_of_a_digit_is_classified_like_the_same_image_in_TorchSharp()
    {
        var (onnx, classes) = ExportModel1();
        string png = Path.Combine(_folder, "digit.png");
        WritePng(png, image: 0, scale: 1, invert: false);

        var result = await InProcessRun.RunAsync(new[] { "predict", onnx, png });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"digit.png: {classes[0]} (probability ", result.Output);
        var probabilities = result.Output.Split('\n').Single(l => l.StartsWith("  0: ", StringComparison.Ordinal));
        Assert.Equal(10, probabilities.Split("  ", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task A_larger_dark_on_light_picture_is_resized_and_inverted_on_request()
    {
        var (onnx, _) = ExportModel1();
        string png = Path.Combine(_folder, "dark.png");
        WritePng(png, image: 1, scale: 2, invert: true);

        var hinted = await InProcessRun.RunAsync(new[] { "predict", onnx, png });
        Assert.True(hinted.ExitCode == 0, hinted.ToString());
        Assert.Contains("Note: resized from 56x56 to 28x28.", hinted.Output);
        Assert.Contains("add --invert", hinted.Output);

        var inverted = await InProcessRun.RunAsync(new[] { "predict", onnx, png, "--invert" });
        Assert.True(inverted.ExitCode == 0, inverted.ToString());
        Assert.DoesNotContain("add --invert", inverted.Output);
        Assert.Contains("dark.png: ", inverted.Output);
    }

    [Fact]
    public async Task A_damaged_onnx_file_is_an_error_with_exit_code_1()
    {
        var (onnx, _) = ExportModel1();
        string damaged = Path.Combine(_folder, "damaged.onnx");
        File.WriteAllBytes(damaged, File.ReadAllBytes(onnx)[..200]);

        var result = await InProcessRun.RunAsync(new[] { "predict", damaged, TestImages });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"error: '{damaged}' is not a valid ONNX model (damaged or not ONNX)", result.Error);
    }

    [Fact]
    public async Task Missing_files_and_files_that_are_not_images_are_errors_with_exit_code_1()
    {
        var (onnx, _) = ExportModel1();
        string text = Path.Combine(_folder, "notes.txt");
        File.WriteAllText(text, "not a digit");

        var notImage = await InProcessRun.RunAsync(new[] { "predict", onnx, text });
        Assert.Equal(1, notImage.ExitCode);
        Assert.Contains("is neither an IDX image file nor a picture", notImage.Error);

        var missingModel = await InProcessRun.RunAsync(new[] { "predict", Path.Combine(_folder, "none.onnx"), TestImages });
        Assert.Equal(1, missingModel.ExitCode);
        Assert.Contains("No ONNX model at", missingModel.Error);

        var labelsAsImages = await InProcessRun.RunAsync(new[] { "predict", onnx, TestLabels });
        Assert.Equal(1, labelsAsImages.ExitCode);
        Assert.Contains("error: ", labelsAsImages.Error);
    }

    [Fact]
    public async Task A_model_of_two_inputs_is_refused_with_what_it_takes()
    {
        using var model = new TwoViewCnn();
        model.eval();
        string onnx = Path.Combine(_folder, "TwoViewCnn.onnx");
        model.ExportOnnx(onnx);

        var result = await InProcessRun.RunAsync(new[] { "predict", onnx, TestImages });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("takes 2 inputs (image, rotated); predict feeds one image", result.Error);
    }

    [Fact]
    public async Task A_picture_declaring_60000x60000_pixels_is_refused_before_decoding()
    {
        var (onnx, _) = ExportModel1();
        string png = Path.Combine(_folder, "digit.png");
        WritePng(png, image: 0, scale: 1, invert: false);
        string bomb = Path.Combine(_folder, "bomb.png");
        File.WriteAllBytes(bomb, WithDeclaredSize(File.ReadAllBytes(png), 60000, 60000));

        var result = await InProcessRun.RunAsync(new[] { "predict", onnx, bomb });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"error: '{bomb}' declares 60000x60000 pixels, more than the 50,000,000 a picture of a digit may have", result.Error);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_picture_is_refused_not_classified()
    {
        var (onnx, _) = ExportModel1();
        string png = Path.Combine(_folder, "digit.png");
        WritePng(png, image: 0, scale: 8, invert: false);
        byte[] whole = File.ReadAllBytes(png);
        string truncated = Path.Combine(_folder, "truncated.png");
        File.WriteAllBytes(truncated, whole[..(whole.Length / 2)]);

        var result = await InProcessRun.RunAsync(new[] { "predict", onnx, truncated });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"error: '{truncated}' is truncated: the file ends before the picture does", result.Error);
        Assert.DoesNotContain("(probability ", result.Output, StringComparison.Ordinal);
    }

    /// <summary>A PNG whose IHDR chunk says <paramref name="width"/> x <paramref name="height"/> (its CRC fixed), data unchanged.</summary>
    private static byte[] WithDeclaredSize(byte[] png, int width, int height)
    {
        var patched = (byte[])png.Clone();
        // Signature (8), IHDR length (4), "IHDR" (4), then width and height, big-endian; the CRC covers type and data.
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(patched.AsSpan(16), width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(patched.AsSpan(20), height);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(patched.AsSpan(29), Crc32(patched.AsSpan(12, 17)));
        return patched;
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }
        return ~crc;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Model1 with seeded weights, exported; and TorchSharp's classes for the 128 fixture test images.</summary>
    private (string Onnx, int[] Classes) ExportModel1()
    {
        Trainer.Seed(5);
        using var model = new Model1();
        model.eval();
        string path = Path.Combine(_folder, "Model1.onnx");
        model.ExportOnnx(path);
        using var images = IdxReader.ReadImages(TestImages);
        using var _ = no_grad();
        using var output = model.forward(images);
        using var classes = output.argmax(1);
        return (path, classes.data<long>().ToArray().Select(c => (int)c).ToArray());
    }

    /// <summary>A fixture test image as an 8-bit PNG, <paramref name="scale"/> times larger, optionally dark on light.</summary>
    private static void WritePng(string path, int image, int scale, bool invert)
    {
        using var images = IdxReader.ReadImages(TestImages);
        var pixels = images[image].data<float>().ToArray();
        using var bitmap = new SKBitmap(28 * scale, 28 * scale, SKColorType.Rgba8888, SKAlphaType.Opaque);
        for (int y = 0; y < 28 * scale; y++)
        {
            for (int x = 0; x < 28 * scale; x++)
            {
                float value = pixels[((y / scale) * 28) + (x / scale)];
                byte level = (byte)Math.Round((invert ? 1 - value : value) * 255);
                bitmap.SetPixel(x, y, new SKColor(level, level, level));
            }
        }
        using var file = File.Create(path);
        Assert.True(bitmap.Encode(file, SKEncodedImageFormat.Png, 100));
    }
}
