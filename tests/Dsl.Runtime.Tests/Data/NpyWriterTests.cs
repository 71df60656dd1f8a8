using System;
using System.IO;
using System.Linq;
using Dsl.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Data;

public sealed class NpyWriterTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_file_is_laid_out_byte_for_byte_as_numpy_save_writes_it()
    {
        using Tensor tensor = torch.tensor(new[] { 0f, 0.25f, 0.5f, 0.75f, 1f, 1.25f }, [2, 3]);
        string path = _temp.File("a.npy");

        NpyFile.Write(path, tensor);

        // np.save's header: sorted keys, a comma after each, then 21 - len("2") spare spaces, padded to 64 bytes.
        string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }" + new string(' ', 20);
        byte[] expected = NpyBytes.File(header, NpyBytes.Data(new[] { 0f, 0.25f, 0.5f, 0.75f, 1f, 1.25f }));
        Assert.Equal(expected, File.ReadAllBytes(path));
        Assert.Equal(128 + 24, expected.Length);
    }

    [Theory]
    [InlineData(ScalarType.Float16, "<f2")]
    [InlineData(ScalarType.Float32, "<f4")]
    [InlineData(ScalarType.Float64, "<f8")]
    [InlineData(ScalarType.Int8, "|i1")]
    [InlineData(ScalarType.Int16, "<i2")]
    [InlineData(ScalarType.Int32, "<i4")]
    [InlineData(ScalarType.Int64, "<i8")]
    [InlineData(ScalarType.Byte, "|u1")]
    [InlineData(ScalarType.Bool, "|b1")]
    [InlineData(ScalarType.ComplexFloat32, "<c8")]
    [InlineData(ScalarType.ComplexFloat64, "<c16")]
    public void Every_type_round_trips_and_names_numpy_s_descriptor(ScalarType type, string descr)
    {
        using Tensor source = torch.tensor(new[] { 0.0, 1, 0, 1, 1, 0 }, [3, 2]).to_type(type);
        string path = _temp.File("t.npy");

        NpyFile.Write(path, source);
        using Tensor back = NpyFile.Read(path);

        TensorAssert.Identical(source, back);
        string text = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(path), 10, 60);
        Assert.StartsWith($"{{'descr': '{descr}', 'fortran_order': False, 'shape': (3, 2), }}", text);
    }

    [Fact]
    public void A_non_contiguous_tensor_is_written_in_its_logical_order()
    {
        using Tensor matrix = torch.arange(6, dtype: ScalarType.Int32).reshape(2, 3);
        using Tensor transposed = matrix.t();
        string path = _temp.File("t.npy");

        NpyFile.Write(path, transposed);
        using Tensor back = NpyFile.Read(path);

        Assert.Equal(new long[] { 3, 2 }, back.shape);
        Assert.Equal(new[] { 0, 3, 1, 4, 2, 5 }, back.data<int>().ToArray());
    }

    [Fact]
    public void Scalars_and_empty_tensors_round_trip()
    {
        using Tensor scalar = torch.tensor(2.5);
        using Tensor empty = torch.zeros(0, 4, dtype: ScalarType.Int64);
        string s = _temp.File("s.npy"), e = _temp.File("e.npy");

        NpyFile.Write(s, scalar);
        NpyFile.Write(e, empty);
        using Tensor scalarBack = NpyFile.Read(s);
        using Tensor emptyBack = NpyFile.Read(e);

        Assert.Equal(0, scalarBack.dim());
        Assert.Equal(2.5, scalarBack.item<double>());
        Assert.Contains("'shape': (), }", System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(s)));
        Assert.Equal(new long[] { 0, 4 }, emptyBack.shape);
    }

    [Fact]
    public void A_tensor_larger_than_one_chunk_round_trips()
    {
        // 3 MiB of float32: the writer and the reader move the data in 1 MiB pieces.
        using Tensor big = torch.arange(786_432, dtype: ScalarType.Float32).reshape(3, 262_144);
        string path = _temp.File("big.npy");

        NpyFile.Write(path, big);
        using Tensor back = NpyFile.Read(path);

        TensorAssert.Identical(big, back);
    }

    [Fact]
    public void Bfloat16_is_refused_before_any_file_is_created()
    {
        using Tensor tensor = torch.ones(2, dtype: ScalarType.BFloat16);
        string path = _temp.File("b.npy");

        var error = Assert.Throws<NotSupportedException>(() => NpyFile.Write(path, tensor));

        Assert.Contains("NumPy has no bfloat16 type", error.Message);
        Assert.Empty(_temp.FileNames());
    }

    [Fact]
    public void Writing_replaces_the_file_and_leaves_no_temporary_file()
    {
        string path = _temp.Write("a.npy", [1, 2, 3]);
        using Tensor tensor = torch.ones(3);

        NpyFile.Write(path, tensor);

        Assert.Equal(new[] { "a.npy" }, _temp.FileNames());
        using Tensor back = NpyFile.Read(path);
        TensorAssert.Identical(tensor, back);
    }

    [Fact]
    public void Writing_into_a_missing_folder_names_it()
    {
        using Tensor tensor = torch.ones(1);
        string path = Path.Combine(_temp.Path, "no-such-folder", "a.npy");

        var error = Assert.Throws<DirectoryNotFoundException>(() => NpyFile.Write(path, tensor));

        Assert.Contains(Path.Combine(_temp.Path, "no-such-folder"), error.Message);
    }
}
