using System;
using System.IO;
using System.Security.Cryptography;
using Dsl.Data;

namespace Dsl.Runtime.Tests.Data;

public sealed class VerifiedFileWriterTests : IDisposable
{
    private static readonly byte[] Content = [1, 2, 3, 4, 5, 6, 7, 8];
    private static readonly string ContentSha256 = Convert.ToHexStringLower(SHA256.HashData(Content));
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Content_with_the_expected_hash_is_saved_under_the_final_name_only()
    {
        VerifiedFileWriter.Write(new MemoryStream(Content), _temp.File("data"), ContentSha256, "test");

        Assert.Equal(["data"], _temp.FileNames());
        Assert.Equal(Content, File.ReadAllBytes(_temp.File("data")));
    }

    [Fact]
    public void Content_with_another_hash_is_not_saved_and_the_error_says_why()
    {
        string wrong = new('0', 64);

        var error = Assert.Throws<InvalidDataException>(() =>
            VerifiedFileWriter.Write(new MemoryStream(Content), _temp.File("data"), wrong, "the test mirror"));

        Assert.Empty(_temp.FileNames());
        Assert.Contains("data from the test mirror", error.Message, StringComparison.Ordinal);
        Assert.Contains($"SHA-256 {ContentSha256}, expected {wrong}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was saved", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_interrupted_download_leaves_neither_the_final_file_nor_a_temporary_one()
    {
        var error = Assert.Throws<IOException>(() =>
            VerifiedFileWriter.Write(new FailingStream(new byte[3000]), _temp.File("data"), ContentSha256, "test"));

        Assert.Contains("simulated", error.Message, StringComparison.Ordinal);
        Assert.Empty(_temp.FileNames());
    }

    [Fact]
    public void A_failed_download_does_not_touch_an_existing_file()
    {
        string path = _temp.Write("data", [42]);

        Assert.Throws<IOException>(() =>
            VerifiedFileWriter.Write(new FailingStream(new byte[10]), path, ContentSha256, "test"));

        Assert.Equal(["data"], _temp.FileNames());
        Assert.Equal(new byte[] { 42 }, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_verified_download_replaces_an_existing_file()
    {
        string path = _temp.Write("data", [42]);

        VerifiedFileWriter.Write(new MemoryStream(Content), path, ContentSha256, "test");

        Assert.Equal(Content, File.ReadAllBytes(path));
        Assert.Equal(["data"], _temp.FileNames());
    }
}
