using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Dsl.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Data;

public sealed class NpzFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static readonly byte[] X = NpyBytes.File("<f4", "(2, 2)", NpyBytes.Data(new[] { 1f, 2f, 3f, 4f }));
    private static readonly byte[] Y = NpyBytes.File(">i8", "(3,)", NpyBytes.Data(new[] { 2L, 0, 1 }, bigEndian: true));

    /// <summary>A zip written with System.IO.Compression, independent of NpzFile's writer.</summary>
    private string Zip(string name, CompressionLevel level, params (string Member, byte[] Bytes)[] members)
    {
        string path = _temp.File(name);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            foreach (var (member, bytes) in members)
            {
                using Stream stream = zip.CreateEntry(member, level).Open();
                stream.Write(bytes);
            }
        }
        return path;
    }

    /// <summary>The compression method of the first local file header: 0 stored, 8 deflated.</summary>
    private static int FirstMethod(string path) => BinaryPrimitives.ReadUInt16LittleEndian(File.ReadAllBytes(path).AsSpan(8));

    [Theory]
    [InlineData(CompressionLevel.NoCompression, 0)]
    [InlineData(CompressionLevel.Optimal, 8)]
    public void Stored_and_deflated_archives_read_as_names_without_npy(CompressionLevel level, int method)
    {
        string path = Zip("a.npz", level, ("x.npy", X), ("y.npy", Y));
        Assert.Equal(method, FirstMethod(path));

        using NpzArrays arrays = NpzFile.Read(path);

        Assert.Equal(new[] { "x", "y" }, arrays.Keys.ToArray());
        Assert.Equal(2, arrays.Count);
        Assert.Equal(new long[] { 2, 2 }, arrays["x"].shape);
        Assert.Equal(new[] { 1f, 2f, 3f, 4f }, arrays["x"].data<float>().ToArray());
        Assert.Equal(ScalarType.Int64, arrays["y"].dtype);
        Assert.Equal(new[] { 2L, 0, 1 }, arrays["y"].data<long>().ToArray());
        Assert.Empty(arrays.OtherMembers);
    }

    [Fact]
    public void Members_that_are_not_arrays_are_listed_and_folders_skipped()
    {
        string path = Zip("a.npz", CompressionLevel.Optimal, ("meta.json", "{}"u8.ToArray()), ("sub/", []), ("sub/z.npy", X));

        using NpzArrays arrays = NpzFile.Read(path);

        Assert.Equal(new[] { "sub/z" }, arrays.Keys.ToArray());
        Assert.Equal(new[] { "meta.json" }, arrays.OtherMembers);
    }

    [Fact]
    public void Looking_up_a_missing_name_lists_the_names_there_are()
    {
        string path = Zip("a.npz", CompressionLevel.Optimal, ("x.npy", X), ("y.npy", Y));
        using NpzArrays arrays = NpzFile.Read(path);

        var error = Assert.Throws<KeyNotFoundException>(() => arrays["z"]);

        Assert.Contains("no array named 'z'; it has 'x', 'y'", error.Message);
        Assert.False(arrays.TryGetValue("z", out _));
        Assert.True(arrays.ContainsKey("x"));
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 8)]
    public void The_writer_makes_what_np_savez_and_savez_compressed_make(bool compressed, int method)
    {
        using Tensor x = torch.tensor(new[] { 1f, 2f, 3f, 4f }, [2, 2]);
        using Tensor y = torch.tensor(new[] { 2L, 0, 1 });
        string path = _temp.File("w.npz");
        var arrays = new Dictionary<string, Tensor> { ["x"] = x, ["y"] = y };

        if (compressed)
            NpzFile.WriteCompressed(path, arrays);
        else
            NpzFile.Write(path, arrays);

        // Read back with System.IO.Compression: members name.npy in order, each a .npy as np.save writes it.
        using (var zip = ZipFile.OpenRead(path))
        {
            Assert.Equal(new[] { "x.npy", "y.npy" }, zip.Entries.Select(e => e.FullName).ToArray());
            using var member = new MemoryStream();
            using (Stream entry = zip.Entries[0].Open())
                entry.CopyTo(member);
            string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }" + new string(' ', 20);
            Assert.Equal(NpyBytes.File(header, NpyBytes.Data(new[] { 1f, 2f, 3f, 4f })), member.ToArray());
        }
        Assert.Equal(method, FirstMethod(path));
        using NpzArrays back = NpzFile.Read(path);
        TensorAssert.Identical(x, back["x"]);
        TensorAssert.Identical(y, back["y"]);
    }

    [Fact]
    public void The_writer_checks_every_array_before_creating_the_file()
    {
        using Tensor good = torch.ones(2);
        using Tensor bad = torch.ones(2, dtype: ScalarType.BFloat16);
        string path = _temp.File("w.npz");

        Assert.Throws<NotSupportedException>(() => NpzFile.Write(path, new Dictionary<string, Tensor> { ["a"] = good, ["b"] = bad }));
        Assert.Throws<ArgumentException>(() => NpzFile.Write(path, new Dictionary<string, Tensor> { [""] = good }));
        Assert.Empty(_temp.FileNames());
    }

    [Fact]
    public void A_file_that_is_not_a_zip_is_refused()
    {
        string path = _temp.Write("a.npz", "not a zip archive at all, just some text"u8.ToArray());

        var error = Assert.Throws<InvalidDataException>(() => NpzFile.Read(path));

        Assert.Contains($"NumPy archive '{path}' is not a readable zip archive", error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void A_single_npy_file_passed_as_an_archive_gets_a_hint()
    {
        string path = _temp.Write("a.npz", X);

        var error = Assert.Throws<InvalidDataException>(() => NpzFile.Read(path));

        Assert.Contains("It is a single .npy array: read it with NpyFile.Read.", error.Message);
    }

    [Fact]
    public void A_truncated_archive_is_refused()
    {
        string whole = Zip("whole.npz", CompressionLevel.NoCompression, ("x.npy", X), ("y.npy", Y));
        byte[] bytes = File.ReadAllBytes(whole);
        string path = _temp.Write("cut.npz", bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => NpzFile.Read(path));

        Assert.Contains($"NumPy archive '{path}' is not a readable zip archive", error.Message);
    }

    [Fact]
    public void A_member_with_too_little_data_is_named()
    {
        string path = Zip("a.npz", CompressionLevel.Optimal, ("x.npy", X), ("y.npy", Y[..^4]));

        var error = Assert.Throws<InvalidDataException>(() => NpzFile.Read(path));

        Assert.Contains($"NumPy archive '{path}', member 'y.npy' is truncated", error.Message);
    }

    [Fact]
    public void A_member_whose_compressed_data_is_damaged_is_named()
    {
        byte[] big = NpyBytes.File("<f8", "(512,)", NpyBytes.Data(Enumerable.Range(0, 512).Select(i => Math.Sin(i)).ToArray()));
        string path = Zip("a.npz", CompressionLevel.Optimal, ("x.npy", X), ("y.npy", big));
        byte[] bytes = File.ReadAllBytes(path);
        int local = IndexOf(bytes, "y.npy"u8.ToArray());
        // Overwrite the middle of y's deflate stream (its local header ends 5 bytes of name later).
        for (int i = local + 5 + 200; i < local + 5 + 260; i++)
            bytes[i] = 0xFF;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<InvalidDataException>(() => NpzFile.Read(path));

        Assert.Contains($"NumPy archive '{path}', member 'y.npy'", error.Message);
        Assert.Contains("damaged", error.Message);
    }

    [Fact]
    public void A_stored_member_whose_bytes_changed_fails_its_checksum()
    {
        string path = Zip("a.npz", CompressionLevel.NoCompression, ("x.npy", X));
        byte[] bytes = File.ReadAllBytes(path);
        // The last data byte of x (float 4.0's high byte 0x40) becomes 0x41: a valid array with a wrong value.
        int data = IndexOf(bytes, NpyBytes.Data(new[] { 1f, 2f, 3f, 4f }));
        bytes[data + 15] ^= 1;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<InvalidDataException>(() => NpzFile.Read(path));

        Assert.Contains($"NumPy archive '{path}', member 'x.npy' is damaged", error.Message);
    }

    [Fact]
    public void A_member_of_an_unsupported_type_is_named()
    {
        string path = Zip("a.npz", CompressionLevel.Optimal, ("x.npy", X), ("o.npy", NpyBytes.File("|O", "(1,)", new byte[8])));

        var error = Assert.Throws<NotSupportedException>(() => NpzFile.Read(path));

        Assert.Contains($"NumPy archive '{path}', member 'o.npy' holds an object array", error.Message);
        Assert.Contains("pickled arrays are not read", error.Message);
    }

    [Fact]
    public void A_member_with_a_bad_header_is_named()
    {
        string path = Zip("a.npz", CompressionLevel.NoCompression, ("x.npy", NpyBytes.File("{'descr': '<f4'}", [])));

        var error = Assert.Throws<InvalidDataException>(() => NpzFile.Read(path));

        Assert.Contains($"NumPy archive '{path}', member 'x.npy' has a malformed header", error.Message);
    }

    [Fact]
    public void A_missing_archive_is_named()
    {
        string path = _temp.File("none.npz");

        var error = Assert.Throws<FileNotFoundException>(() => NpzFile.Read(path));

        Assert.Contains(path, error.Message);
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
                return i;
        }
        throw new InvalidOperationException("not found");
    }
}
