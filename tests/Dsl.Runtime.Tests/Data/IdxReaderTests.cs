using System;
using System.IO;
using System.Linq;
using Dsl.Data;
using Dsl.Runtime.Tests.Fixtures;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private const int ImagesMagic = 0x00000803;
    private const int LabelsMagic = 0x00000801;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Training_images_are_float32_batches_of_one_channel_in_the_unit_range()
    {
        using Tensor images = IdxReader.ReadImages(MnistFixture.TrainImagesPath);

        Assert.Equal(new long[] { MnistFixture.TrainCount, 1, 28, 28 }, images.shape);
        Assert.Equal(ScalarType.Float32, images.dtype);
        Assert.Equal(0f, images.min().item<float>());
        Assert.Equal(1f, images.max().item<float>());
    }

    [Fact]
    public void Each_pixel_is_its_file_byte_divided_by_255()
    {
        byte[] raw = FixtureBytes.Raw("t10k-images-idx3-ubyte");
        using Tensor images = IdxReader.ReadImages(MnistFixture.TestImagesPath);

        float[] actual = images.data<float>().ToArray();
        float[] expected = raw.Skip(16).Select(pixel => pixel / 255f).ToArray();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Labels_are_int64_and_start_like_the_real_MNIST()
    {
        using Tensor train = IdxReader.ReadLabels(MnistFixture.TrainLabelsPath);
        using Tensor test = IdxReader.ReadLabels(MnistFixture.TestLabelsPath);

        Assert.Equal(ScalarType.Int64, train.dtype);
        Assert.Equal(new long[] { MnistFixture.TrainCount }, train.shape);
        Assert.Equal(new long[] { MnistFixture.TestCount }, test.shape);
        Assert.Equal(new long[] { 5, 0, 4, 1, 9, 2, 1, 3, 1, 4 }, train.data<long>().Take(10).ToArray());
        Assert.Equal(new long[] { 7, 2, 1, 0, 4, 1, 4, 9, 5, 9 }, test.data<long>().Take(10).ToArray());
        Assert.All(train.data<long>().ToArray(), label => Assert.InRange(label, 0, 9));
    }

    [Fact]
    public void A_split_pairs_images_with_their_labels()
    {
        using LabeledImages test = IdxReader.ReadSplit(MnistFixture.TestImagesPath, MnistFixture.TestLabelsPath);

        Assert.Equal(MnistFixture.TestCount, test.Count);
        Assert.Equal(new long[] { MnistFixture.TestCount, 1, 28, 28 }, test.Images.shape);
        Assert.Equal(7, test.Labels[0].item<long>());
    }

    [Fact]
    public void Plain_and_gzipped_files_give_identical_tensors()
    {
        string plainImages = _temp.Write("train-images-idx3-ubyte", FixtureBytes.Raw("train-images-idx3-ubyte"));
        string plainLabels = _temp.Write("train-labels-idx1-ubyte", FixtureBytes.Raw("train-labels-idx1-ubyte"));

        using LabeledImages gzipped = IdxReader.ReadSplit(MnistFixture.TrainImagesPath, MnistFixture.TrainLabelsPath);
        using LabeledImages plain = IdxReader.ReadSplit(plainImages, plainLabels);

        TensorAssert.Identical(gzipped.Images, plain.Images);
        TensorAssert.Identical(gzipped.Labels, plain.Labels);
    }

    [Fact]
    public void Compression_is_recognised_by_content_not_by_file_name()
    {
        byte[] raw = FixtureBytes.Raw("t10k-labels-idx1-ubyte");
        string plainNamedGz = _temp.Write("labels.gz", raw);
        string gzipNamedPlain = _temp.Write("labels.idx", FixtureBytes.Gzip(raw));

        using Tensor fromPlain = IdxReader.ReadLabels(plainNamedGz);
        using Tensor fromGzip = IdxReader.ReadLabels(gzipNamedPlain);

        Assert.Equal(MnistFixture.TestCount, fromPlain.shape[0]);
        TensorAssert.Identical(fromPlain, fromGzip);
    }

    [Fact]
    public void An_empty_file_with_a_valid_header_gives_an_empty_batch()
    {
        string path = _temp.Write("empty-images", FixtureBytes.Header(ImagesMagic, 0, 28, 28));

        using Tensor images = IdxReader.ReadImages(path);

        Assert.Equal(new long[] { 0, 1, 28, 28 }, images.shape);
    }

    [Fact]
    public void A_missing_file_is_reported_with_its_full_path()
    {
        string path = _temp.File("no-such-file");

        var error = Assert.Throws<FileNotFoundException>(() => IdxReader.ReadImages(path));

        Assert.Equal(path, error.FileName);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_in_a_missing_folder_is_reported_as_not_found()
    {
        string path = Path.Combine(_temp.Path, "no-such-folder", "labels");

        var error = Assert.Throws<FileNotFoundException>(() => IdxReader.ReadLabels(path));

        Assert.Equal(path, error.FileName);
    }

    [Fact]
    public void A_wrong_magic_number_in_an_image_file_names_both_numbers_and_the_file()
    {
        string path = _temp.Write("page.html", "<html><body>Not Found</body></html>"u8.ToArray());

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("wrong magic number", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected 0x00000803", error.Message, StringComparison.Ordinal);
        Assert.Contains("found 0x3C68746D", error.Message, StringComparison.Ordinal); // "<htm"
        Assert.Contains("not an IDX file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_magic_number_in_a_label_file_names_the_label_magic()
    {
        string path = _temp.Write("labels", [.. FixtureBytes.Header(0x00000D01, 2), 0, 0, 0, 0, 0, 0, 0, 0]);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("expected 0x00000801", error.Message, StringComparison.Ordinal);
        Assert.Contains("found 0x00000D01", error.Message, StringComparison.Ordinal);
        Assert.Contains("another element type", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Swapped_image_and_label_paths_are_pointed_out()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            IdxReader.ReadSplit(MnistFixture.TestLabelsPath, MnistFixture.TestImagesPath));

        // The labels are read first, so the image file given as labels is the one reported.
        Assert.Contains($"IDX label file '{MnistFixture.TestImagesPath}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected 0x00000801", error.Message, StringComparison.Ordinal);
        Assert.Contains("found 0x00000803", error.Message, StringComparison.Ordinal);
        Assert.Contains("swapped", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_plain_image_file_states_expected_and_actual_size()
    {
        byte[] raw = FixtureBytes.Raw("t10k-images-idx3-ubyte");
        string path = _temp.Write("t10k-images-idx3-ubyte", raw[..5000]);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.Contains($"expected {raw.Length} bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("128 images of 28x28", error.Message, StringComparison.Ordinal);
        Assert.Contains("got 5000", error.Message, StringComparison.Ordinal);
        Assert.Contains("get a fresh copy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_gzipped_label_file_states_the_decompressed_size()
    {
        byte[] raw = FixtureBytes.Raw("t10k-labels-idx1-ubyte");
        string path = _temp.Write("t10k-labels-idx1-ubyte.gz", FixtureBytes.Gzip(raw[..100]));

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains($"expected {raw.Length} bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("got 100 after decompression", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_cut_off_inside_its_header_is_reported_as_truncated()
    {
        string path = _temp.Write("images", FixtureBytes.Header(ImagesMagic, 10, 28, 28)[..10]);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated: expected 16 header bytes, got 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gzip_file_cut_off_mid_stream_is_reported_as_incomplete_or_damaged()
    {
        byte[] compressed = File.ReadAllBytes(MnistFixture.TrainImagesPath);
        string path = _temp.Write("train-images-idx3-ubyte.gz", compressed[..(compressed.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Matches("truncated|damaged", error.Message);
    }

    [Fact]
    public void Data_beyond_what_the_header_declares_is_rejected()
    {
        byte[] raw = FixtureBytes.Raw("t10k-labels-idx1-ubyte");
        string plain = _temp.Write("labels", [.. raw, 7]);
        string gzipped = _temp.Write("labels.gz", FixtureBytes.Gzip([.. raw, 7]));

        var plainError = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(plain));
        var gzipError = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(gzipped));

        Assert.Contains(plain, plainError.Message, StringComparison.Ordinal);
        Assert.Contains($"longer than its header says: expected {raw.Length} bytes", plainError.Message, StringComparison.Ordinal);
        Assert.Contains(gzipped, gzipError.Message, StringComparison.Ordinal);
        Assert.Contains("longer than its header says", gzipError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_with_a_zero_sized_image_is_reported_as_damaged()
    {
        string path = _temp.Write("images", FixtureBytes.Header(ImagesMagic, 5, 0, 28));

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("damaged header: dimension 1 is 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_declaring_more_data_than_an_array_holds_fails_before_allocating()
    {
        string path = _temp.Write("images", FixtureBytes.Header(ImagesMagic, int.MaxValue, 28, 28));

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("damaged header", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mismatched_image_and_label_counts_name_both_files_and_counts()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            IdxReader.ReadSplit(MnistFixture.TrainImagesPath, MnistFixture.TestLabelsPath));

        Assert.Contains("count mismatch", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{MnistFixture.TrainImagesPath}' holds 512 images", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{MnistFixture.TestLabelsPath}' holds 128 labels", error.Message, StringComparison.Ordinal);
        Assert.Contains("same split", error.Message, StringComparison.Ordinal);
    }
}
