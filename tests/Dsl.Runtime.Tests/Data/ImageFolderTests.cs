using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Dsl.Data;
using SkiaSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Data;

public sealed class ImageFolderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Root => _temp.Path;

    /// <summary>Options that keep the files in Keras's unshuffled order and their 2x2 size.</summary>
    private static readonly ImageFolderOptions Small = new() { ImageSize = (2, 2), Shuffle = false };

    /// <summary>Classes b_dog (2 images) and a_cat (3), each 2x2 of one colour, plus things Keras ignores.</summary>
    private void TwoClasses()
    {
        ImageFiles.Put(Root, "b_dog/d1.png", ImageFiles.Solid(2, 2, new SKColor(200, 0, 0)));
        ImageFiles.Put(Root, "b_dog/d0.png", ImageFiles.Solid(2, 2, new SKColor(0, 200, 0)));
        ImageFiles.Put(Root, "a_cat/c2.png", ImageFiles.Solid(2, 2, new SKColor(0, 0, 200)));
        ImageFiles.Put(Root, "a_cat/c0.png", ImageFiles.Solid(2, 2, new SKColor(10, 20, 30)));
        ImageFiles.Put(Root, "a_cat/c1.png", ImageFiles.Solid(2, 2, new SKColor(40, 50, 60)));
        ImageFiles.Put(Root, "a_cat/notes.txt", "not an image"u8.ToArray());
        ImageFiles.Put(Root, ".hidden/h.png", ImageFiles.Solid(2, 2, SKColors.White));
        ImageFiles.Put(Root, "loose.png", ImageFiles.Solid(2, 2, SKColors.White));
    }

    private static float[] Pixels(Tensor image) => image.contiguous().data<float>().ToArray();

    [Fact]
    public void Classes_are_the_sorted_sub_folders_and_files_come_in_class_then_name_order()
    {
        TwoClasses();

        using ImageFolderData data = ImageFolder.Load(Root, Small);

        Assert.Equal(new[] { "a_cat", "b_dog" }, data.ClassNames);
        Assert.Equal(new[] { "a_cat/c0.png", "a_cat/c1.png", "a_cat/c2.png", "b_dog/d0.png", "b_dog/d1.png" },
            data.FilePaths.Select(p => Path.GetRelativePath(Root, p)).ToArray());
        Assert.All(data.FilePaths, p => Assert.True(Path.IsPathFullyQualified(p)));
        Assert.Equal(ScalarType.Int64, data.Labels.dtype);
        Assert.Equal(new[] { 0L, 0, 0, 1, 1 }, data.Labels.data<long>().ToArray());
        Assert.Equal(5, data.Count);
    }

    /// <summary>One file through <see cref="ImageFile"/> is the folder's sample of it: what predict feeds a model trained on the folder.</summary>
    [Fact]
    public void ImageFile_reads_one_file_as_the_folder_reads_it()
    {
        TwoClasses();
        var options = new ImageFolderOptions { ImageSize = (3, 5), ColorMode = ImageColorMode.Grayscale, Shuffle = false };

        using ImageFolderData data = ImageFolder.Load(Root, options);
        using Tensor one = ImageFile.Read(data.FilePaths[4], options);

        Assert.Equal(new long[] { 1, 3, 5 }, one.shape);
        Assert.Equal(Pixels(data.Images[4]), Pixels(one));
        // Pillow's integer luma of (200, 0, 0): (200 x 19595 + 32768) >> 16 = 60, kept by resizing a solid image (up to float rounding).
        Assert.All(Pixels(one), v => Assert.Equal(60f, v, 1e-4f));
        Assert.True(ImageFile.HasImageExtension("a/B.PNG"));
        Assert.False(ImageFile.HasImageExtension("notes.txt"));
        Assert.Throws<FileNotFoundException>(() => ImageFile.Read(Path.Combine(Root, "missing.png")));
    }

    [Fact]
    public void Rgb_images_are_float32_NCHW_with_the_file_s_values_0_to_255()
    {
        TwoClasses();

        using ImageFolderData data = ImageFolder.Load(Root, Small);

        Assert.Equal(ScalarType.Float32, data.Images.dtype);
        Assert.Equal(new long[] { 5, 3, 2, 2 }, data.Images.shape);
        // c0 is (10, 20, 30) everywhere: channel planes, not interleaved pixels.
        Assert.Equal(new float[] { 10, 10, 10, 10, 20, 20, 20, 20, 30, 30, 30, 30 }, Pixels(data.Images[0]));
        Assert.Equal(new float[] { 200, 200, 200, 200, 0, 0, 0, 0, 0, 0, 0, 0 }, Pixels(data.Images[4]));
    }

    [Fact]
    public void Grayscale_is_the_BT601_luma_and_rgba_keeps_alpha_that_rgb_drops()
    {
        ImageFiles.Put(Root, "a/x.png", ImageFiles.Png(2, 1, (x, _) => x == 0 ? new SKColor(10, 200, 30) : new SKColor(100, 50, 25, 128)));
        ImageFiles.Put(Root, "b/y.png", ImageFiles.Gray([[0, 77], [128, 255]]));

        using ImageFolderData gray = ImageFolder.Load(Root, Small with { ImageSize = (1, 2), ColorMode = ImageColorMode.Grayscale });
        using ImageFolderData rgb = ImageFolder.Load(Root, Small with { ImageSize = (1, 2) });
        using ImageFolderData rgba = ImageFolder.Load(Root, Small with { ImageSize = (1, 2), ColorMode = ImageColorMode.Rgba });
        using ImageFolderData grayOfGray = ImageFolder.Load(Root, Small with { ColorMode = ImageColorMode.Grayscale, ClassNames = ["b"] });

        Assert.Equal(new long[] { 2, 1, 1, 2 }, gray.Images.shape);
        // round(0.299 * 10 + 0.587 * 200 + 0.114 * 30) = 124; round(0.299 * 100 + 0.587 * 50 + 0.114 * 25) = 62; alpha ignored.
        Assert.Equal(new float[] { 124, 62 }, Pixels(gray.Images[0]));
        Assert.Equal(new float[] { 10, 100, 200, 50, 30, 25 }, Pixels(rgb.Images[0]));
        Assert.Equal(new float[] { 10, 100, 200, 50, 30, 25, 255, 128 }, Pixels(rgba.Images[0]));
        Assert.Equal(new long[] { 2, 4, 1, 2 }, rgba.Images.shape);
        // A gray image stays exactly its levels.
        Assert.Equal(new float[] { 0, 77, 128, 255 }, Pixels(grayOfGray.Images[0]));
    }

    /// <summary>Bilinear with half-pixel centres, no antialiasing (tf.image.resize), written out independently of torch.</summary>
    private static float[] ReferenceBilinear(float[,] source, int outHeight, int outWidth)
    {
        int inHeight = source.GetLength(0), inWidth = source.GetLength(1);
        var result = new float[outHeight * outWidth];
        for (int y = 0; y < outHeight; y++)
        {
            double sy = Math.Max(0, ((y + 0.5) * inHeight / outHeight) - 0.5);
            int y0 = (int)Math.Floor(sy), y1 = Math.Min(y0 + 1, inHeight - 1);
            double fy = sy - y0;
            for (int x = 0; x < outWidth; x++)
            {
                double sx = Math.Max(0, ((x + 0.5) * inWidth / outWidth) - 0.5);
                int x0 = (int)Math.Floor(sx), x1 = Math.Min(x0 + 1, inWidth - 1);
                double fx = sx - x0;
                double top = (source[y0, x0] * (1 - fx)) + (source[y0, x1] * fx);
                double bottom = (source[y1, x0] * (1 - fx)) + (source[y1, x1] * fx);
                result[(y * outWidth) + x] = (float)((top * (1 - fy)) + (bottom * fy));
            }
        }
        return result;
    }

    [Theory]
    [InlineData(4, 4)]
    [InlineData(3, 5)]
    [InlineData(1, 2)]
    [InlineData(2, 1)]
    public void Bilinear_resizing_uses_half_pixel_centres_without_antialiasing(int height, int width)
    {
        byte[][] levels = [[0, 100, 30, 90], [200, 255, 10, 60], [40, 80, 120, 160], [5, 15, 25, 35]];
        ImageFiles.Put(Root, "a/x.png", ImageFiles.Gray(levels));
        var source = new float[4, 4];
        for (int y = 0; y < 4; y++)
            for (int x = 0; x < 4; x++)
                source[y, x] = levels[y][x];

        using ImageFolderData data = ImageFolder.Load(Root, Small with { ImageSize = (height, width), ColorMode = ImageColorMode.Grayscale });

        float[] expected = ReferenceBilinear(source, height, width);
        float[] actual = Pixels(data.Images[0]);
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], actual[i], 3);
    }

    [Fact]
    public void Nearest_resizing_takes_the_pixel_under_each_half_pixel_centre()
    {
        ImageFiles.Put(Root, "a/x.png", ImageFiles.Gray([[0, 10, 20, 30]]));
        var nearest = Small with { ColorMode = ImageColorMode.Grayscale, Interpolation = ImageInterpolation.Nearest };

        using ImageFolderData down = ImageFolder.Load(Root, nearest with { ImageSize = (1, 2) });
        using ImageFolderData up = ImageFolder.Load(Root, nearest with { ImageSize = (1, 8) });

        // floor((i + 0.5) * 2) = 1, 3: TensorFlow's choice (torch's legacy "nearest" would take 0 and 2).
        Assert.Equal(new float[] { 10, 30 }, Pixels(down.Images[0]));
        Assert.Equal(new float[] { 0, 0, 10, 10, 20, 20, 30, 30 }, Pixels(up.Images[0]));
    }

    [Fact]
    public void Crop_to_aspect_ratio_takes_the_centred_window_before_resizing()
    {
        // 6 wide, 2 high; a square target keeps the centre 2x2 (columns 2 and 3).
        ImageFiles.Put(Root, "a/wide.png", ImageFiles.Gray([[0, 10, 20, 30, 40, 50], [60, 70, 80, 90, 100, 110]]));
        var options = Small with { ColorMode = ImageColorMode.Grayscale, CropToAspectRatio = true };

        using ImageFolderData same = ImageFolder.Load(Root, options with { ImageSize = (2, 2) });
        using ImageFolderData plain = ImageFolder.Load(Root, options with { ImageSize = (2, 2), CropToAspectRatio = false });

        Assert.Equal(new float[] { 20, 30, 80, 90 }, Pixels(same.Images[0]));
        Assert.NotEqual(Pixels(same.Images[0]), Pixels(plain.Images[0]));
        // Keras's smart_resize arithmetic: sizes and offsets rounded down.
        Assert.Equal((0, 2, 2, 2), ImageDecoder.CropBox(2, 6, 2, 2));
        Assert.Equal((1, 0, 3, 5), ImageDecoder.CropBox(5, 5, 3, 5));
        Assert.Equal((0, 1, 4, 3), ImageDecoder.CropBox(4, 5, 4, 3));
    }

    [Fact]
    public void The_default_size_is_256_by_256_rgb()
    {
        ImageFiles.Put(Root, "a/x.png", ImageFiles.Solid(3, 5, new SKColor(1, 2, 3)));

        using ImageFolderData data = ImageFolder.Load(Root);

        Assert.Equal(new long[] { 1, 3, 256, 256 }, data.Images.shape);
        Assert.InRange(data.Images[0, 1, 100, 200].item<float>(), 1.999f, 2.001f);
    }

    [Fact]
    public void Extensions_match_in_any_case_and_class_folders_are_walked_to_any_depth()
    {
        ImageFiles.Put(Root, "a/z.PNG", ImageFiles.Solid(2, 2, new SKColor(1, 1, 1)));
        ImageFiles.Put(Root, "a/b.bmp", ImageFiles.Bmp(2, 2, (x, y) => new SKColor((byte)(10 * x), (byte)(20 * y), 7)));
        ImageFiles.Put(Root, "a/sub/deeper/k.Jpeg", ImageFiles.Jpeg(2, 2, (_, _) => new SKColor(128, 128, 128)));
        ImageFiles.Put(Root, "a/sub/c.JPG", ImageFiles.Jpeg(2, 2, (_, _) => new SKColor(128, 128, 128)));
        ImageFiles.Put(Root, "a/sub/ignored.webp", ImageFiles.Solid(2, 2, SKColors.White));
        ImageFiles.Put(Root, "a/.dot.png", ImageFiles.Solid(2, 2, new SKColor(9, 9, 9)));

        using ImageFolderData data = ImageFolder.Load(Root, Small);

        // os.walk sorted by folder, then file names: a's own files (hidden ones too), then a/sub, then a/sub/deeper.
        Assert.Equal(new[] { "a/.dot.png", "a/b.bmp", "a/z.PNG", "a/sub/c.JPG", "a/sub/deeper/k.Jpeg" },
            data.FilePaths.Select(p => Path.GetRelativePath(Root, p)).ToArray());
        // The BMP's pixel (1, 1): red 10, green 20, blue 7.
        Assert.Equal(new float[] { 10, 20, 7 }, Enumerable.Range(0, 3).Select(c => data.Images[1, c, 1, 1].item<float>()).ToArray());
        Assert.InRange(data.Images[3].mean().item<float>(), 126f, 130f);
    }

    [Fact]
    public void A_gif_reads_its_first_frame()
    {
        // The classic 1x1 GIF89a, byte by byte: a two-colour palette (red, black) and one LZW-coded pixel of colour 0.
        byte[] gif =
        [
            0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0xFF, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x21, 0xF9, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
            0x02, 0x02, 0x44, 0x01, 0x00, 0x3B,
        ];
        ImageFiles.Put(Root, "a/x.GIF", gif);

        using ImageFolderData data = ImageFolder.Load(Root, Small with { ImageSize = (1, 1) });

        Assert.Equal(new float[] { 255, 0, 0 }, Pixels(data.Images[0]));
    }

    [Fact]
    public void Categorical_labels_are_one_hot_and_binary_labels_a_column_of_0_and_1()
    {
        TwoClasses();

        using ImageFolderData categorical = ImageFolder.Load(Root, Small with { LabelMode = ImageLabelMode.Categorical });
        using ImageFolderData binary = ImageFolder.Load(Root, Small with { LabelMode = ImageLabelMode.Binary });

        Assert.Equal(ScalarType.Float32, categorical.Labels.dtype);
        Assert.Equal(new long[] { 5, 2 }, categorical.Labels.shape);
        Assert.Equal(new float[] { 1, 0, 1, 0, 1, 0, 0, 1, 0, 1 }, categorical.Labels.data<float>().ToArray());
        Assert.Equal(ScalarType.Float32, binary.Labels.dtype);
        Assert.Equal(new long[] { 5, 1 }, binary.Labels.shape);
        Assert.Equal(new float[] { 0, 0, 0, 1, 1 }, binary.Labels.data<float>().ToArray());
    }

    [Fact]
    public void Given_class_names_set_the_order_and_leave_other_folders_out()
    {
        TwoClasses();
        ImageFiles.Put(Root, "c_bird/b.png", ImageFiles.Solid(2, 2, SKColors.White));

        using ImageFolderData data = ImageFolder.Load(Root, Small with { ClassNames = ["b_dog", "a_cat"] });

        Assert.Equal(new[] { "b_dog", "a_cat" }, data.ClassNames);
        Assert.Equal(new[] { 0L, 0, 1, 1, 1 }, data.Labels.data<long>().ToArray());
        Assert.Equal("b_dog/d0.png", Path.GetRelativePath(Root, data.FilePaths[0]));
    }

    /// <summary>Ten images, 0.png to 9.png in one class, each of gray level 10 * its number.</summary>
    private void TenImages()
    {
        for (int i = 0; i < 10; i++)
            ImageFiles.Put(Root, $"only/{i}.png", ImageFiles.Solid(1, 1, new SKColor((byte)(10 * i), (byte)(10 * i), (byte)(10 * i))));
    }

    private static string[] Names(IReadOnlyList<string> paths) => paths.Select(Path.GetFileNameWithoutExtension).Select(n => n!).ToArray();

    [Fact]
    public void The_shuffle_is_keras_s_for_the_same_seed()
    {
        TenImages();

        using ImageFolderData data = ImageFolder.Load(Root, new ImageFolderOptions { ImageSize = (1, 1), Seed = 0 });

        // np.random.RandomState(0).shuffle(list(range(10))), the permutation Keras applies to the sorted list.
        Assert.Equal(new[] { "2", "8", "4", "9", "1", "6", "7", "3", "0", "5" }, Names(data.FilePaths));
        Assert.Equal(new float[] { 20, 80, 40, 90, 10, 60, 70, 30, 0, 50 }, data.Images.select(1, 0).reshape(-1).data<float>().ToArray());
    }

    [Fact]
    public void The_validation_split_is_disjoint_complementary_and_repeatable()
    {
        TenImages();
        var options = new ImageFolderOptions { ImageSize = (1, 1), Seed = 0, ValidationSplit = 0.25 };
        var log = new List<string>();

        using ImageFolderData training = ImageFolder.Load(Root, options with { Subset = ImageSubset.Training, Log = log.Add });
        using ImageFolderData validation = ImageFolder.Load(Root, options with { Subset = ImageSubset.Validation });
        using ImageFolderData again = ImageFolder.Load(Root, options with { Subset = ImageSubset.Validation });
        using ImageFolderData otherSeed = ImageFolder.Load(Root, options with { Subset = ImageSubset.Validation, Seed = 1337 });

        // int(0.25 * 10) = 2 validation files: the last two of Keras's shuffled list.
        Assert.Equal(new[] { "2", "8", "4", "9", "1", "6", "7", "3" }, Names(training.FilePaths));
        Assert.Equal(new[] { "0", "5" }, Names(validation.FilePaths));
        Assert.Empty(training.FilePaths.Intersect(validation.FilePaths));
        Assert.Equal(10, training.FilePaths.Union(validation.FilePaths).Count());
        Assert.Equal(validation.FilePaths, again.FilePaths);
        TensorAssert.Identical(validation.Images, again.Images);
        Assert.NotEqual(validation.FilePaths, otherSeed.FilePaths);
        Assert.Equal(new long[] { 8, 3, 1, 1 }, training.Images.shape);
        Assert.Equal(new[] { "Found 10 files belonging to 1 classes.", "Using 8 files for training." }, log);
    }

    [Fact]
    public void Without_shuffling_the_split_takes_the_last_files_in_order()
    {
        TenImages();
        var options = new ImageFolderOptions { ImageSize = (1, 1), Shuffle = false, ValidationSplit = 0.3 };

        using ImageFolderData validation = ImageFolder.Load(Root, options with { Subset = ImageSubset.Validation });

        Assert.Equal(new[] { "7", "8", "9" }, Names(validation.FilePaths));
    }

    [Fact]
    public void The_lazy_dataset_gives_what_the_in_memory_load_gives()
    {
        TwoClasses();
        var options = new ImageFolderOptions
        {
            ImageSize = (3, 5), Seed = 4, ValidationSplit = 0.4, Subset = ImageSubset.Training, LabelMode = ImageLabelMode.Categorical,
        };

        using ImageFolderData loaded = ImageFolder.Load(Root, options);
        using ImageFolderDataset dataset = ImageFolder.Open(Root, options);

        Assert.Equal(loaded.Count, dataset.Count);
        Assert.Equal(loaded.FilePaths, dataset.FilePaths);
        Assert.Equal(loaded.ClassNames, dataset.ClassNames);
        for (long i = 0; i < dataset.Count; i++)
        {
            Dictionary<string, Tensor> item = dataset.GetTensor(i);
            using Tensor image = item[ImageFolderDataset.ImageKey];
            using Tensor label = item[ImageFolderDataset.LabelKey];
            using Tensor expectedImage = loaded.Images[i];
            using Tensor expectedLabel = loaded.Labels[i];
            TensorAssert.Identical(expectedImage, image);
            TensorAssert.Identical(expectedLabel, label);
        }
    }

    [Fact]
    public void A_DataLoader_streams_the_lazy_dataset_in_batches()
    {
        TwoClasses();
        var options = Small with { ImageSize = (4, 4) };
        using ImageFolderData loaded = ImageFolder.Load(Root, options);
        using ImageFolderDataset dataset = ImageFolder.Open(Root, options);
        using var loader = torch.utils.data.DataLoader(dataset, batchSize: 2, shuffle: false);

        var images = new List<Tensor>();
        var labels = new List<Tensor>();
        foreach (Dictionary<string, Tensor> batch in loader)
        {
            // Copies: the loader may free a batch once the next one is made.
            images.Add(batch["image"].clone());
            labels.Add(batch["label"].clone());
        }
        using Tensor allImages = torch.cat(images, 0);
        using Tensor allLabels = torch.cat(labels, 0);

        Assert.Equal(new long[] { 2, 3, 4, 4 }, images[0].shape);
        TensorAssert.Identical(loaded.Images, allImages);
        TensorAssert.Identical(loaded.Labels, allLabels);
        images.Concat(labels).ToList().ForEach(t => t.Dispose());
    }

    [Fact]
    public void A_file_that_does_not_decode_is_named_when_loaded_and_when_streamed()
    {
        TwoClasses();
        string broken = ImageFiles.Put(Root, "a_cat/broken.png", "this is not a PNG"u8.ToArray());
        // Noise, so that the compressed pixels are long enough to be cut in the middle.
        var random = new Random(1);
        byte[] png = ImageFiles.Png(32, 32, (_, _) => new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
        string cut = ImageFiles.Put(Root, "b_dog/cut.png", png[..(png.Length / 2)]);

        var loadError = Assert.Throws<InvalidDataException>(() => ImageFolder.Load(Root, Small));
        using ImageFolderDataset dataset = ImageFolder.Open(Root, Small);
        int brokenIndex = dataset.FilePaths.ToList().IndexOf(broken);
        int cutIndex = dataset.FilePaths.ToList().IndexOf(cut);
        var streamError = Assert.Throws<InvalidDataException>(() => dataset.GetTensor(brokenIndex));
        var cutError = Assert.Throws<InvalidDataException>(() => dataset.GetTensor(cutIndex));

        Assert.Contains($"Image file '{broken}' could not be decoded", loadError.Message);
        Assert.Contains($"Image file '{broken}' could not be decoded", streamError.Message);
        Assert.Contains($"Image file '{cut}'", cutError.Message);
        Assert.Contains("truncated", cutError.Message);
        // The other files still stream.
        Dictionary<string, Tensor> fine = dataset.GetTensor(dataset.FilePaths.ToList().FindIndex(p => p.EndsWith("c0.png")));
        Assert.Equal(new long[] { 3, 2, 2 }, fine["image"].shape);
        fine.Values.ToList().ForEach(t => t.Dispose());
    }

    [Fact]
    public void A_missing_folder_is_named()
    {
        string missing = Path.Combine(Root, "nope");

        var error = Assert.Throws<DirectoryNotFoundException>(() => ImageFolder.Load(missing));

        Assert.Contains($"Image folder '{missing}' does not exist", error.Message);
    }

    [Fact]
    public void A_folder_without_class_folders_says_how_to_lay_it_out()
    {
        ImageFiles.Put(Root, "x.png", ImageFiles.Solid(2, 2, SKColors.Red));
        ImageFiles.Put(Root, "y.png", ImageFiles.Solid(2, 2, SKColors.Red));

        var error = Assert.Throws<InvalidDataException>(() => ImageFolder.Load(Root, Small));

        Assert.Contains($"Image folder '{Root}' has no class folders", error.Message);
        Assert.Contains("It holds 2 images directly: move them into class folders.", error.Message);
    }

    [Fact]
    public void An_empty_class_folder_keeps_its_index_with_a_warning()
    {
        TwoClasses();
        Directory.CreateDirectory(Path.Combine(Root, "a_ant"));
        var log = new List<string>();

        using ImageFolderData data = ImageFolder.Load(Root, Small with { Log = log.Add });

        // As in Keras, the empty class still counts: a_cat and b_dog are 1 and 2.
        Assert.Equal(new[] { "a_ant", "a_cat", "b_dog" }, data.ClassNames);
        Assert.Equal(new[] { 1L, 1, 1, 2, 2 }, data.Labels.data<long>().ToArray());
        Assert.Contains(log, line => line.StartsWith("Warning: class folder") && line.Contains("a_ant") && line.Contains("no images"));
        Assert.Contains("Found 5 files belonging to 3 classes.", log);
    }

    [Fact]
    public void Class_folders_without_any_image_are_refused()
    {
        ImageFiles.Put(Root, "a/readme.txt", "x"u8.ToArray());
        Directory.CreateDirectory(Path.Combine(Root, "b"));

        var error = Assert.Throws<InvalidDataException>(() => ImageFolder.Load(Root, Small));

        Assert.Contains($"No images found in image folder '{Root}'", error.Message);
        Assert.Contains(".bmp .gif .jpeg .jpg .png", error.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    public void A_validation_split_outside_0_to_1_is_refused(double split)
    {
        TwoClasses();

        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => ImageFolder.Load(Root, Small with { ValidationSplit = split, Subset = ImageSubset.Training }));

        Assert.Contains("ValidationSplit must be strictly between 0 and 1", error.Message);
    }

    [Fact]
    public void Inconsistent_options_are_refused_as_keras_refuses_them()
    {
        TwoClasses();

        Assert.Contains("Subset is not", Assert.Throws<ArgumentException>(
            () => ImageFolder.Load(Root, Small with { ValidationSplit = 0.2 })).Message);
        Assert.Contains("ValidationSplit is not", Assert.Throws<ArgumentException>(
            () => ImageFolder.Load(Root, Small with { Subset = ImageSubset.Validation })).Message);
        Assert.Contains("a Seed is required", Assert.Throws<ArgumentException>(
            () => ImageFolder.Load(Root, new ImageFolderOptions { ValidationSplit = 0.2, Subset = ImageSubset.Training })).Message);
        Assert.Contains("'c_bird', which is not a sub-folder", Assert.Throws<ArgumentException>(
            () => ImageFolder.Load(Root, Small with { ClassNames = ["a_cat", "c_bird"] })).Message);
        Assert.Contains("keeps no image for validation", Assert.Throws<ArgumentException>(
            () => ImageFolder.Load(Root, Small with { ValidationSplit = 0.1, Subset = ImageSubset.Validation })).Message);
        Assert.Contains("ImageSize must be positive", Assert.Throws<ArgumentException>(
            () => ImageFolder.Open(Root, Small with { ImageSize = (0, 2) })).Message);
    }

    [Fact]
    public void Binary_labels_need_exactly_two_classes()
    {
        TwoClasses();
        ImageFiles.Put(Root, "c_bird/b.png", ImageFiles.Solid(2, 2, SKColors.White));

        var three = Assert.Throws<ArgumentException>(() => ImageFolder.Load(Root, Small with { LabelMode = ImageLabelMode.Binary }));
        var one = Assert.Throws<ArgumentException>(() => ImageFolder.Load(Root, Small with { LabelMode = ImageLabelMode.Binary, ClassNames = ["a_cat"] }));

        Assert.Contains("LabelMode.Binary needs exactly 2 classes, but image folder", three.Message);
        Assert.Contains("has 3", three.Message);
        Assert.Contains("has 1", one.Message);
    }
}
