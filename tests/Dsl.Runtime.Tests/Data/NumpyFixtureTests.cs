using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Dsl.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Data;

/// <summary>
/// Files written by NumPy itself (Fixtures/numpy, made by make_fixture.py with NumPy 1.24): the reader reads them, and
/// the writer writes the same bytes for the same arrays.
/// </summary>
public sealed class NumpyFixtureTests : IDisposable
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "numpy");
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Fixture(string name) => Path.Combine(Folder, name);

    [Fact]
    public void Arrays_saved_by_numpy_read_with_their_values()
    {
        using Tensor f4 = NpyFile.Read(Fixture("f4_2x3.npy"));
        using Tensor i2 = NpyFile.Read(Fixture("i2_big_fortran.npy"));
        using Tensor b1 = NpyFile.Read(Fixture("b1.npy"));
        using Tensor u2 = NpyFile.Read(Fixture("u2.npy"));
        using Tensor f8 = NpyFile.Read(Fixture("f8_scalar.npy"));
        using Tensor empty = NpyFile.Read(Fixture("i8_empty.npy"));

        Assert.Equal(new long[] { 2, 3 }, f4.shape);
        Assert.Equal(new[] { 0f, 0.25f, 0.5f, 0.75f, 1f, 1.25f }, f4.data<float>().ToArray());
        Assert.Equal(ScalarType.Int16, i2.dtype);
        Assert.Equal(new short[] { 1, -2, 3, -400, 500, -32768 }, i2.data<short>().ToArray());
        Assert.Equal(new[] { true, false, true }, b1.data<bool>().ToArray());
        Assert.Equal(new[] { 0, 1, 65535 }, u2.data<int>().ToArray());
        Assert.Equal(0, f8.dim());
        Assert.Equal(2.5, f8.item<double>());
        Assert.Equal(new long[] { 0, 4 }, empty.shape);
    }

    [Theory]
    [InlineData("f4_v2.npy")]
    [InlineData("f4_v3.npy")]
    public void Format_versions_2_and_3_written_by_numpy_read(string name)
    {
        using Tensor tensor = NpyFile.Read(Fixture(name));

        Assert.Equal(new[] { 1.5f, -2f }, tensor.data<float>().ToArray());
    }

    [Fact]
    public void A_pickled_object_array_is_refused()
    {
        var error = Assert.Throws<NotSupportedException>(() => NpyFile.Read(Fixture("object.npy")));

        Assert.Contains("pickled arrays are not read", error.Message);
    }

    [Theory]
    [InlineData("xy.npz")]
    [InlineData("xy_compressed.npz")]
    public void Archives_saved_by_savez_and_savez_compressed_read(string name)
    {
        using NpzArrays arrays = NpzFile.Read(Fixture(name));

        Assert.Equal(new[] { "x", "y" }, arrays.Keys.ToArray());
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (float)i).ToArray(), arrays["x"].data<float>().ToArray());
        Assert.Equal(new long[] { 3, 4 }, arrays["x"].shape);
        Assert.Equal(new[] { 2L, 0, 1 }, arrays["y"].data<long>().ToArray());
    }

    [Theory]
    [InlineData("f4_2x3.npy")]
    [InlineData("b1.npy")]
    [InlineData("f8_scalar.npy")]
    [InlineData("i8_empty.npy")]
    public void The_writer_reproduces_numpy_s_bytes(string name)
    {
        using Tensor tensor = NpyFile.Read(Fixture(name));
        string path = _temp.File(name);

        NpyFile.Write(path, tensor);

        Assert.Equal(File.ReadAllBytes(Fixture(name)), File.ReadAllBytes(path));
    }
}
