using System;
using System.Collections.Generic;
using System.Linq;
using Dsl;
using Dsl.Modules;
using Dsl.Runtime.Tests.Data;
using Dsl.Runtime.Tests.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Numerics;

/// <summary>
/// The augmentation modules compute what Keras's layers compute. The references are written from Keras's source as
/// loops over float arrays (channels first, as this DSL lays images out): the mirror of a sample, a quarter turn, a
/// shift with each fill mode, a zoom of a ramp, Keras 3's contrast formula, a crop's window and its bilinear resize;
/// never with the TorchSharp op the module uses. Also: evaluation is the identity and copies nothing, the same seed
/// gives the same output, and repeated calls leak no tensor.
/// </summary>
// Draws from TorchSharp's process-wide generator and compares two seeded runs: alone, with the training tests, so that
// no test in parallel draws from (or reseeds) the generator between them.
[Collection(Dsl.Runtime.Tests.Training.TrainingCollection.Name)]
public class AugmentationNumericsTests
{
    private const float Tolerance = 1e-4f;

    private static readonly FillMode[] FillModes = Enum.GetValues<FillMode>();

    /// <summary>One of each kind, with factors that move every pixel.</summary>
    private static IEnumerable<ImageAugmentation> EveryKind(long? seed = null) => new ImageAugmentation[]
    {
        new RandomFlip(FlipMode.HorizontalAndVertical, seed),
        new RandomRotation(-0.3, 0.4, FillMode.Reflect, Interpolation.Bilinear, 0, seed),
        new RandomTranslation(-0.2, 0.3, 0.1, 0.4, FillMode.Wrap, Interpolation.Bilinear, 0, seed),
        new RandomZoom(-0.5, 0.5, -0.2, 0.6, FillMode.Constant, Interpolation.Nearest, 2, seed),
        new RandomContrast(0.5, 0.5, -10, 10, seed),
        new RandomCrop(5, 4, seed),
    };

    [Fact]
    public void In_evaluation_every_kind_but_the_crop_returns_its_input_without_copying_it()
    {
        using var scope = NewDisposeScope();
        var input = randn(4, 3, 7, 6);
        foreach (var module in EveryKind().Where(m => m is not RandomCrop))
        {
            using (module)
            {
                module.eval();
                var output = module.forward(input);
                TensorAssert.Identical(input, output);
                // An alias of the input: nothing was computed or copied.
                output.add_(1);
                TensorAssert.Identical(output, input);
                input.sub_(1);
            }
        }
    }

    [Fact]
    public void A_generated_model_of_augmentations_is_the_identity_in_evaluation_and_transforms_in_training()
    {
        using var scope = NewDisposeScope();
        using var model = new AugmentationsOnly();
        var input = rand(6, 2, 9, 9);
        model.eval();
        TensorAssert.Identical(input, model.forward(input));
        model.train();
        Assert.False(model.forward(input).allclose(input));
    }

    [Fact]
    public void Integer_images_become_float32_in_both_modes()
    {
        using var scope = NewDisposeScope();
        var pixels = randint(0, 256, new long[] { 2, 1, 6, 6 }, dtype: ScalarType.Byte);
        using var flip = new RandomFlip(FlipMode.Horizontal);
        flip.eval();
        TensorAssert.Identical(pixels.to_type(ScalarType.Float32), flip.forward(pixels));
        flip.train();
        Assert.Equal(ScalarType.Float32, flip.forward(pixels).dtype);
    }

    [Theory]
    [InlineData(FlipMode.Horizontal)]
    [InlineData(FlipMode.Vertical)]
    [InlineData(FlipMode.HorizontalAndVertical)]
    public void A_flip_gives_each_sample_either_itself_or_its_exact_mirror(FlipMode mode)
    {
        using var scope = NewDisposeScope();
        using var flip = new RandomFlip(mode, seed: 5);
        int[] shape = { 64, 2, 3, 4 };
        var input = Values(shape, i => MathF.Sin(i * 0.37f));
        var output = Run(flip, input, shape);
        int same = 0, mirrored = 0;
        int sample = shape[1] * shape[2] * shape[3];
        for (int n = 0; n < shape[0]; n++)
        {
            var actual = output.Skip(n * sample).Take(sample).ToArray();
            var original = input.Skip(n * sample).Take(sample).ToArray();
            var mirror = Mirror(original, shape[1], shape[2], shape[3], mode);
            if (actual.SequenceEqual(original))
                same++;
            else if (actual.SequenceEqual(mirror))
                mirrored++;
            else
                Assert.Fail($"sample {n} is neither the original nor its {mode} mirror");
        }
        Assert.True(same > 0 && mirrored > 0, $"{same} unchanged and {mirrored} mirrored of 64");
    }

    [Fact]
    public void Rotation_translation_and_zoom_by_a_factor_of_zero_give_the_input()
    {
        using var scope = NewDisposeScope();
        int[] shape = { 3, 2, 7, 5 };
        var input = Values(shape, i => MathF.Cos(i * 0.91f) * 3);
        foreach (var fill in FillModes)
        {
            foreach (var interpolation in new[] { Interpolation.Bilinear, Interpolation.Nearest })
            {
                using var rotation = new RandomRotation(0, 0, fill, interpolation, 0.5);
                using var translation = new RandomTranslation(0, 0, 0, 0, fill, interpolation, 0.5);
                using var zoom = new RandomZoom(0, 0, null, null, fill, interpolation, 0.5);
                foreach (var module in new ImageAugmentation[] { rotation, translation, zoom })
                    AssertClose(input, Run(module, input, shape), 1e-5f, module.GetType().Name + " " + fill + " " + interpolation);
            }
        }
    }

    [Theory]
    [InlineData(5, Interpolation.Bilinear)]
    [InlineData(6, Interpolation.Bilinear)]
    [InlineData(6, Interpolation.Nearest)]
    public void A_quarter_turn_counter_clockwise_moves_every_pixel_where_a_rotation_of_the_grid_puts_it(int size, Interpolation interpolation)
    {
        using var scope = NewDisposeScope();
        int[] shape = { 2, 3, size, size };
        var input = Values(shape, i => i * 0.01f + MathF.Sin(i));
        // Keras's positive angle turns the picture counter-clockwise: output (y, x) reads input (x, W − 1 − y).
        using var left = new RandomRotation(0.25, 0.25, FillMode.Constant, interpolation, 0);
        AssertClose(Map(input, shape, (y, x) => (x, size - 1 - y)), Run(left, input, shape), Tolerance, "a quarter turn counter-clockwise");
        using var right = new RandomRotation(-0.25, -0.25, FillMode.Constant, interpolation, 0);
        AssertClose(Map(input, shape, (y, x) => (size - 1 - x, y)), Run(right, input, shape), Tolerance, "a quarter turn clockwise");
    }

    [Theory]
    [InlineData(FillMode.Constant)]
    [InlineData(FillMode.Reflect)]
    [InlineData(FillMode.Wrap)]
    [InlineData(FillMode.Nearest)]
    public void A_translation_by_a_quarter_shifts_pixels_down_and_left_and_fills_as_keras(FillMode fill)
    {
        using var scope = NewDisposeScope();
        int[] shape = { 2, 1, 8, 8 };
        var input = Values(shape, i => i + 1);
        // Down by 0.25 · 8 = 2 rows, left by 2 columns: output (y, x) reads input (y − 2, x + 2), outside points as the
        // fill mode says: reflect (d c b a | a b c d | d c b a), wrap, nearest, or the fill value 0.5.
        using var shift = new RandomTranslation(0.25, 0.25, -0.25, -0.25, fill, Interpolation.Bilinear, 0.5);
        var expected = Map(input, shape, (y, x) => (Extend(y - 2, 8, fill), Extend(x + 2, 8, fill)), outside: 0.5f);
        AssertClose(expected, Run(shift, input, shape), Tolerance, fill.ToString());
    }

    [Fact]
    public void A_negative_zoom_zooms_in_and_a_positive_one_zooms_out_about_the_centre()
    {
        using var scope = NewDisposeScope();
        int[] shape = { 1, 1, 5, 5 };
        // A ramp along the width (value = column): bilinear reads keep it linear, so each output is the column it reads.
        var ramp = Values(shape, i => i % 5);
        using var zoomIn = new RandomZoom(-0.5, -0.5, null, null, FillMode.Reflect, Interpolation.Bilinear, 0);
        AssertClose(Rows(5, new[] { 1f, 1.5f, 2f, 2.5f, 3f }), Run(zoomIn, ramp, shape), Tolerance, "zoom in");
        // Zoom out (z = 2): columns 1, 2, 3 read 0, 2, 4; the edges read outside, reflected: −2 → column 1, 6 → column 3.
        using var zoomOut = new RandomZoom(1, 1, null, null, FillMode.Reflect, Interpolation.Bilinear, 0);
        AssertClose(Rows(5, new[] { 1f, 0f, 2f, 4f, 3f }), Run(zoomOut, ramp, shape), Tolerance, "zoom out");
        // A width factor of its own: the height zooms, the width stays.
        using var heightOnly = new RandomZoom(1, 1, 0, 0, FillMode.Reflect, Interpolation.Bilinear, 0);
        AssertClose(ramp, Run(heightOnly, ramp, shape), Tolerance, "height only, on a ramp along the width");
    }

    [Fact]
    public void Contrast_is_kerass_formula_with_one_factor_per_sample_from_its_range()
    {
        using var scope = NewDisposeScope();
        int[] shape = { 5, 3, 4, 6 };
        var input = Values(shape, i => 0.5f + 0.45f * MathF.Sin(i * 1.7f));
        using var contrast = new RandomContrast(0.3, 0.2, 0, 1, seed: 42);
        var actual = Run(contrast, input, shape);

        // The factors the layer drew: its generator, seeded 42, draws one uniform value per sample.
        using var generator = new Generator(42, CPU);
        var draws = rand(new long[] { shape[0] }, generator: generator).data<float>().ToArray();
        var expected = new float[input.Length];
        int plane = shape[2] * shape[3];
        for (int n = 0; n < shape[0]; n++)
        {
            float factor = 0.7f + draws[n] * 0.5f;
            Assert.InRange(factor, 0.7f, 1.2f);
            for (int c = 0; c < shape[1]; c++)
            {
                int start = (n * shape[1] + c) * plane;
                float mean = input.Skip(start).Take(plane).Average();
                for (int i = start; i < start + plane; i++)
                    expected[i] = Math.Clamp((input[i] - mean) * factor + mean, 0f, 1f);
            }
        }
        AssertClose(expected, actual, 1e-5f, "contrast");
    }

    [Fact]
    public void A_single_contrast_factor_only_raises_contrast_as_keras_3_reads_it()
    {
        using var scope = NewDisposeScope();
        int[] shape = { 16, 2, 3, 3 };
        var input = Values(shape, i => MathF.Sin(i * 2.3f));
        using var contrast = new RandomContrast(0, 0.25, -100, 100);
        var output = Run(contrast, input, shape);
        int plane = 9;
        for (int n = 0; n < shape[0]; n++)
        {
            // (out − mean) / (x − mean) is the sample's factor, the same for both channels, in [1, 1.25].
            var ratios = new List<float>();
            for (int c = 0; c < 2; c++)
            {
                int start = (n * 2 + c) * plane;
                float mean = input.Skip(start).Take(plane).Average();
                for (int i = start; i < start + plane; i++)
                    ratios.Add((output[i] - mean) / (input[i] - mean));
            }
            Assert.InRange(ratios.Min(), 1 - 1e-3f, 1.25f + 1e-3f);
            Assert.True(ratios.Max() - ratios.Min() < 1e-3f, $"sample {n} has factors {ratios.Min()} to {ratios.Max()}");
        }
    }

    [Fact]
    public void A_crop_in_training_is_one_window_of_the_input_for_the_whole_batch()
    {
        using var scope = NewDisposeScope();
        int[] shape = { 3, 2, 9, 7 };
        var input = Values(shape, i => i);
        using var crop = new RandomCrop(5, 4, seed: 9);
        var windows = new HashSet<(int, int)>();
        for (int call = 0; call < 10; call++)
        {
            var output = crop.forward(tensor(input).view(shape.Select(d => (long)d).ToArray()));
            Assert.Equal(new long[] { 3, 2, 5, 4 }, output.shape);
            var values = output.data<float>().ToArray();
            // Every value names its position: the first gives the window's corner, the rest must follow from it.
            int top = (int)values[0] / 7 % 9, left = (int)values[0] % 7;
            var expected = Window(input, shape, top, left, 5, 4);
            Assert.Equal(expected, values);
            windows.Add((top, left));
        }
        Assert.True(windows.Count > 1, "ten crops all at one position");
    }

    [Fact]
    public void A_crop_in_evaluation_resizes_kerass_centred_window_of_the_targets_aspect_ratio()
    {
        using var scope = NewDisposeScope();
        int[] shape = { 2, 1, 20, 16 };
        var input = Values(shape, i => MathF.Sin(i * 0.3f) * 5);
        using var crop = new RandomCrop(16, 12);
        crop.eval();
        // Keras's smart_resize: a 16:12 window of a 20x16 image is 20 rows (int(16 · 16 / 12) = 21, at most 20) by
        // int(20 · 12 / 16) = 15 columns, centred: column offset int(1 / 2) = 0. Then a bilinear resize to 16x12.
        Assert.Equal((0L, 0L, 20L, 15L), RandomCrop.CentreWindow(20, 16, 16, 12));
        var window = Window(input, shape, 0, 0, 20, 15);
        var expected = Resize(window, new[] { 2, 1, 20, 15 }, 16, 12);
        AssertClose(expected, Run(crop, input, shape), 1e-5f, "centre crop and resize");

        // A window of the target's size is cut out as it is: 10x12 of 16x12 starts at row 3.
        int[] tall = { 1, 1, 16, 12 };
        var pixels = Values(tall, i => i);
        using var exact = new RandomCrop(10, 12);
        exact.eval();
        Assert.Equal(Window(pixels, tall, 3, 0, 10, 12), Run(exact, pixels, tall));
    }

    [Fact]
    public void The_same_global_seed_gives_the_same_output_and_a_layers_own_seed_ignores_it()
    {
        using var scope = NewDisposeScope();
        var input = rand(4, 3, 8, 8);
        foreach (var (free, first, second) in EveryKind().Zip(EveryKind(seed: 7), EveryKind(seed: 7)))
        {
            using (free)
            using (first)
            using (second)
            {
                torch.manual_seed(123);
                var a = free.forward(input);
                torch.manual_seed(123);
                TensorAssert.Identical(a, free.forward(input));

                // Seeded layers draw from their own generators: the global seed changes nothing.
                torch.manual_seed(1);
                var b = first.forward(input);
                torch.manual_seed(2);
                TensorAssert.Identical(b, second.forward(input));
            }
        }
    }

    [Fact]
    public void A_generated_model_repeats_its_training_forward_for_the_same_global_seed()
    {
        using var scope = NewDisposeScope();
        using var model = new AugmentedClassifier();
        model.train();
        var input = rand(5, 3, 20, 16);
        torch.manual_seed(77);
        var first = model.forward(input);
        torch.manual_seed(77);
        TensorAssert.Identical(first, model.forward(input));
        torch.manual_seed(78);
        Assert.False(first.allclose(model.forward(input)));
    }

    [Fact]
    public void Repeated_calls_leak_no_tensors_in_either_mode()
    {
        var statistics = DisposeScopeManager.Statistics.TensorStatistics;
        using var input = randn(4, 3, 9, 8);
        foreach (var module in EveryKind().Concat(EveryKind(seed: 3)))
        {
            using (module)
            {
                foreach (bool training in new[] { true, false })
                {
                    module.train(training);
                    using (module.forward(input))
                    {
                    }
                    long before = statistics.ThreadTotalLiveCount;
                    for (int call = 0; call < 5; call++)
                    {
                        using var output = module.forward(input);
                    }
                    Assert.True(before == statistics.ThreadTotalLiveCount, $"{module.GetType().Name} (training {training}) left {statistics.ThreadTotalLiveCount - before} tensors alive");
                }
            }
        }
    }

    // Keras's definitions, as loops.

    /// <summary>A sample (C, H, W) mirrored left-right, top-bottom or both.</summary>
    private static float[] Mirror(float[] sample, int channels, int height, int width, FlipMode mode)
    {
        var mirrored = new float[sample.Length];
        for (int c = 0; c < channels; c++)
        {
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    int sy = mode == FlipMode.Horizontal ? y : height - 1 - y;
                    int sx = mode == FlipMode.Vertical ? x : width - 1 - x;
                    mirrored[(c * height + y) * width + x] = sample[(c * height + sy) * width + sx];
                }
            }
        }
        return mirrored;
    }

    /// <summary>Each output pixel (y, x) takes the input pixel <paramref name="source"/> names; a negative row or column reads <paramref name="outside"/>.</summary>
    private static float[] Map(float[] input, int[] shape, Func<int, int, (int Y, int X)> source, float outside = 0)
    {
        var output = new float[input.Length];
        int height = shape[2], width = shape[3];
        for (int plane = 0; plane < shape[0] * shape[1]; plane++)
        {
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    var (sy, sx) = source(y, x);
                    output[(plane * height + y) * width + x] = sy < 0 || sx < 0 ? outside : input[(plane * height + sy) * width + sx];
                }
            }
        }
        return output;
    }

    /// <summary>The index Keras's fill mode reads for <paramref name="index"/> (−1 for the fill value), on a row of <paramref name="size"/>.</summary>
    private static int Extend(int index, int size, FillMode fill)
    {
        if (index >= 0 && index < size)
            return index;
        return fill switch
        {
            FillMode.Constant => -1,
            FillMode.Nearest => Math.Clamp(index, 0, size - 1),
            FillMode.Wrap => ((index % size) + size) % size,
            // d c b a | a b c d | d c b a: −1 → 0, −2 → 1, size → size − 1.
            _ => index < 0 ? -index - 1 : 2 * size - index - 1,
        };
    }

    /// <summary><paramref name="height"/> x <paramref name="width"/> values of every (N, C) plane from (<paramref name="top"/>, <paramref name="left"/>).</summary>
    private static float[] Window(float[] input, int[] shape, int top, int left, int height, int width)
    {
        var output = new List<float>();
        for (int plane = 0; plane < shape[0] * shape[1]; plane++)
        {
            for (int y = top; y < top + height; y++)
            {
                for (int x = left; x < left + width; x++)
                    output.Add(input[(plane * shape[2] + y) * shape[3] + x]);
            }
        }
        return output.ToArray();
    }

    /// <summary>Keras's bilinear resize (half-pixel centres, no antialiasing): out (i, j) reads (i + ½)·H/h − ½, clamped to the image.</summary>
    private static float[] Resize(float[] input, int[] shape, int height, int width)
    {
        int inputHeight = shape[2], inputWidth = shape[3];
        var output = new float[shape[0] * shape[1] * height * width];
        for (int plane = 0; plane < shape[0] * shape[1]; plane++)
        {
            for (int i = 0; i < height; i++)
            {
                for (int j = 0; j < width; j++)
                {
                    double sy = Math.Max((i + 0.5) * inputHeight / height - 0.5, 0), sx = Math.Max((j + 0.5) * inputWidth / width - 0.5, 0);
                    int y0 = (int)sy, x0 = (int)sx, y1 = Math.Min(y0 + 1, inputHeight - 1), x1 = Math.Min(x0 + 1, inputWidth - 1);
                    double wy = sy - y0, wx = sx - x0;
                    float At(int y, int x) => input[(plane * inputHeight + y) * inputWidth + x];
                    output[(plane * height + i) * width + j] = (float)((1 - wy) * ((1 - wx) * At(y0, x0) + wx * At(y0, x1)) + wy * ((1 - wx) * At(y1, x0) + wx * At(y1, x1)));
                }
            }
        }
        return output;
    }

    /// <summary>A one-plane image of <paramref name="count"/> rows, each <paramref name="row"/>.</summary>
    private static float[] Rows(int count, float[] row) => Enumerable.Repeat(row, count).SelectMany(r => r).ToArray();

    private static float[] Values(int[] shape, Func<int, float> value) => Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(value).ToArray();

    /// <summary>The module's training-mode output for <paramref name="input"/> of <paramref name="shape"/> (evaluation if it is in that mode).</summary>
    private static float[] Run(ImageAugmentation module, float[] input, int[] shape)
    {
        using var scope = NewDisposeScope();
        var x = tensor(input).view(shape.Select(d => (long)d).ToArray());
        return module.forward(x).contiguous().data<float>().ToArray();
    }

    private static void AssertClose(float[] expected, float[] actual, float tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{what}: value {i} is {actual[i]}, expected {expected[i]}");
    }

    private static void AssertClose(Tensor expected, float[] actual, float tolerance, string what) =>
        AssertClose(expected.contiguous().data<float>().ToArray(), actual, tolerance, what);

    private static void AssertClose(float[] expected, Tensor actual, float tolerance, string what) =>
        AssertClose(expected, actual.contiguous().data<float>().ToArray(), tolerance, what);
}
