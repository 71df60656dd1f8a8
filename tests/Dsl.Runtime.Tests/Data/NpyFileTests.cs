using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Dsl.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Data;

public sealed class NpyFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Every element type in both byte orders: descriptor, file data, expected type, expected values.</summary>
    public static IEnumerable<object[]> ElementTypes()
    {
        foreach (bool big in new[] { false, true })
        {
            string o = big ? ">" : "<";
            yield return [o + "f2", NpyBytes.Data(new[] { (Half)1.5, (Half)(-2), (Half)65504 }, big), ScalarType.Float16, new[] { 1.5, -2, 65504 }];
            yield return [o + "f4", NpyBytes.Data(new[] { 1.5f, -2.25f, 3e38f }, big), ScalarType.Float32, new[] { 1.5, -2.25, (double)3e38f }];
            yield return [o + "f8", NpyBytes.Data(new[] { 1e300, -0.5, double.Epsilon }, big), ScalarType.Float64, new[] { 1e300, -0.5, double.Epsilon }];
            yield return [o + "i2", NpyBytes.Data(new short[] { -32768, 32767, 1 }, big), ScalarType.Int16, new[] { -32768.0, 32767, 1 }];
            yield return [o + "i4", NpyBytes.Data(new[] { int.MinValue, int.MaxValue, -1 }, big), ScalarType.Int32, new[] { int.MinValue, (double)int.MaxValue, -1 }];
            yield return [o + "i8", NpyBytes.Data(new[] { -(1L << 52), 1L << 52, 7 }, big), ScalarType.Int64, new[] { -(double)(1L << 52), 1L << 52, 7 }];
            // libtorch has no wider unsigned types: uint16 widens to int32, uint32 to int64, uint64 to int64.
            yield return [o + "u2", NpyBytes.Data(new ushort[] { 0, 65535, 32768 }, big), ScalarType.Int32, new[] { 0.0, 65535, 32768 }];
            yield return [o + "u4", NpyBytes.Data(new uint[] { 0, uint.MaxValue, 1u << 31 }, big), ScalarType.Int64, new[] { 0.0, uint.MaxValue, 1u << 31 }];
            yield return [o + "u8", NpyBytes.Data(new ulong[] { 0, 1UL << 52, 3 }, big), ScalarType.Int64, new[] { 0.0, 1L << 52, 3 }];
        }
        // One-byte types: NumPy writes '|' (no byte order), but '<' and '>' mean the same.
        yield return ["|i1", NpyBytes.Data(new sbyte[] { -128, 127, 0 }), ScalarType.Int8, new[] { -128.0, 127, 0 }];
        yield return ["|u1", NpyBytes.Data(new byte[] { 0, 255, 7 }), ScalarType.Byte, new[] { 0.0, 255, 7 }];
        yield return ["|b1", NpyBytes.Data(new[] { true, false, true }), ScalarType.Bool, new[] { 1.0, 0, 1 }];
        yield return ["<u1", NpyBytes.Data(new byte[] { 1, 2, 3 }), ScalarType.Byte, new[] { 1.0, 2, 3 }];
    }

    [Theory]
    [MemberData(nameof(ElementTypes))]
    public void Each_element_type_and_byte_order_reads_as_its_TorchSharp_type(string descr, byte[] data, ScalarType type, double[] expected)
    {
        string path = _temp.Write("a.npy", NpyBytes.File(descr, "(3,)", data));

        using Tensor tensor = NpyFile.Read(path);

        Assert.Equal(type, tensor.dtype);
        Assert.Equal(new long[] { 3 }, tensor.shape);
        using Tensor asDouble = tensor.to_type(ScalarType.Float64);
        Assert.Equal(expected, asDouble.data<double>().ToArray());
    }

    [Fact]
    public void Int64_and_uint64_extremes_are_exact()
    {
        string i8 = _temp.Write("i8.npy", NpyBytes.File(">i8", "(2,)", NpyBytes.Data(new[] { long.MinValue, long.MaxValue }, bigEndian: true)));
        string u8 = _temp.Write("u8.npy", NpyBytes.File("<u8", "(1,)", NpyBytes.Data(new[] { (ulong)long.MaxValue })));

        using Tensor a = NpyFile.Read(i8);
        using Tensor b = NpyFile.Read(u8);

        Assert.Equal(new[] { long.MinValue, long.MaxValue }, a.data<long>().ToArray());
        Assert.Equal(new[] { long.MaxValue }, b.data<long>().ToArray());
    }

    [Theory]
    [InlineData("<c8")]
    [InlineData(">c8")]
    [InlineData("<c16")]
    [InlineData(">c16")]
    public void Complex_numbers_keep_real_and_imaginary_parts(string descr)
    {
        bool big = descr[0] == '>';
        byte[] data = descr.EndsWith("c8") ? NpyBytes.Data(new[] { 1f, 2f, -3f, 0.5f }, big) : NpyBytes.Data(new[] { 1.0, 2, -3, 0.5 }, big);
        string path = _temp.Write("c.npy", NpyBytes.File(descr, "(2,)", data));

        using Tensor tensor = NpyFile.Read(path);
        using Tensor parts = torch.view_as_real(tensor).to_type(ScalarType.Float64);

        Assert.Equal(descr.EndsWith("c8") ? ScalarType.ComplexFloat32 : ScalarType.ComplexFloat64, tensor.dtype);
        Assert.Equal(new[] { 1.0, 2, -3, 0.5 }, parts.data<double>().ToArray());
    }

    [Fact]
    public void Fortran_order_is_column_major_and_comes_back_row_major()
    {
        // [[1, 2, 3], [4, 5, 6]] stored column by column.
        string matrix = _temp.Write("m.npy", NpyBytes.File("<i4", "(2, 3)", NpyBytes.Data(new[] { 1, 4, 2, 5, 3, 6 }), fortran: true));
        // (2, 3, 4) with a[i, j, k] = 100i + 10j + k, first index fastest.
        var values = new List<short>();
        for (int k = 0; k < 4; k++)
            for (int j = 0; j < 3; j++)
                for (int i = 0; i < 2; i++)
                    values.Add((short)((100 * i) + (10 * j) + k));
        string cube = _temp.Write("c.npy", NpyBytes.File(">i2", "(2, 3, 4)", NpyBytes.Data(values.ToArray(), bigEndian: true), fortran: true));

        using Tensor m = NpyFile.Read(matrix);
        using Tensor c = NpyFile.Read(cube);

        Assert.Equal(new long[] { 2, 3 }, m.shape);
        Assert.True(m.is_contiguous());
        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6 }, m.data<int>().ToArray());
        Assert.Equal(new long[] { 2, 3, 4 }, c.shape);
        Assert.True(c.is_contiguous());
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 4; k++)
                    Assert.Equal((short)((100 * i) + (10 * j) + k), c[i, j, k].item<short>());
    }

    [Fact]
    public void A_C_order_array_of_four_dimensions_keeps_its_layout()
    {
        float[] values = Enumerable.Range(0, 2 * 1 * 3 * 2).Select(i => (float)i).ToArray();
        string path = _temp.Write("n.npy", NpyBytes.File("<f4", "(2, 1, 3, 2)", NpyBytes.Data(values)));

        using Tensor tensor = NpyFile.Read(path);

        Assert.Equal(new long[] { 2, 1, 3, 2 }, tensor.shape);
        Assert.Equal(values, tensor.data<float>().ToArray());
        Assert.Equal(9f, tensor[1, 0, 1, 1].item<float>());
    }

    [Fact]
    public void A_zero_dimensional_array_is_a_scalar_tensor()
    {
        string path = _temp.Write("s.npy", NpyBytes.File("<f8", "()", NpyBytes.Data(new[] { 2.5 })));

        using Tensor tensor = NpyFile.Read(path);

        Assert.Equal(0, tensor.dim());
        Assert.Equal(2.5, tensor.item<double>());
    }

    [Fact]
    public void An_empty_array_keeps_its_shape()
    {
        string path = _temp.Write("e.npy", NpyBytes.File("<i8", "(0, 3)", []));

        using Tensor tensor = NpyFile.Read(path);

        Assert.Equal(new long[] { 0, 3 }, tensor.shape);
        Assert.Equal(ScalarType.Int64, tensor.dtype);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Format_versions_1_2_and_3_read_alike(byte major)
    {
        string path = _temp.Write("v.npy", NpyBytes.File(NpyBytes.Header("<f4", "(2,)"), NpyBytes.Data(new[] { 1.5f, -2f }), major));

        using Tensor tensor = NpyFile.Read(path);

        Assert.Equal(new[] { 1.5f, -2f }, tensor.data<float>().ToArray());
    }

    [Theory]
    // Double quotes, keys in another order, no trailing comma, no alignment padding.
    [InlineData("{\"shape\": (2,), \"fortran_order\": False, \"descr\": \"<f4\"}", 1)]
    // Python 2's long integers (3L), which NumPy still reads in versions 1.0 and 2.0.
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2L,), }", 16)]
    // Extra white space and line breaks inside the dictionary.
    [InlineData("{ 'descr' : '<f4' ,\n 'fortran_order' : False ,  'shape' : ( 2 , ) , }", 64)]
    public void Headers_are_read_as_Python_literals(string header, int align)
    {
        string path = _temp.Write("h.npy", NpyBytes.File(header, NpyBytes.Data(new[] { 1f, 2f }), align: align));

        using Tensor tensor = NpyFile.Read(path);

        Assert.Equal(new[] { 1f, 2f }, tensor.data<float>().ToArray());
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        string path = _temp.File("missing.npy");

        var error = Assert.Throws<FileNotFoundException>(() => NpyFile.Read(path));

        Assert.Contains(path, error.Message);
    }

    [Theory]
    [InlineData(new byte[] { }, "it is empty")]
    [InlineData(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M' }, "it starts with 934E554D")]
    [InlineData(new byte[] { (byte)'P', (byte)'K', 3, 4, 20, 0, 0, 0, 0, 0 }, "NpzFile.Read")]
    [InlineData(new byte[] { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0 }, "gzip-compressed")]
    [InlineData(new byte[] { 0x80, 4, 0x95, 0, 0, 0, 0, 0, 0, 0 }, "pickle")]
    [InlineData(new byte[] { (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o', (byte)' ', (byte)'w', (byte)'o' }, "not a .npy file")]
    public void A_file_without_the_magic_string_is_refused_with_a_hint(byte[] contents, string hint)
    {
        string path = _temp.Write("bad.npy", contents);

        var error = Assert.Throws<InvalidDataException>(() => NpyFile.Read(path));

        Assert.Contains($"NumPy file '{path}' is not a NumPy .npy file", error.Message);
        Assert.Contains(hint, error.Message);
    }

    [Theory]
    [InlineData(4, 0)]
    [InlineData(1, 1)]
    [InlineData(0, 0)]
    public void Unknown_format_versions_are_refused(byte major, byte minor)
    {
        byte[] file = NpyBytes.File(NpyBytes.Header("<f4", "(1,)"), NpyBytes.Data(new[] { 1f }));
        file[6] = major;
        file[7] = minor;
        string path = _temp.Write("v.npy", file);

        var error = Assert.Throws<InvalidDataException>(() => NpyFile.Read(path));

        Assert.Contains($"'{path}' has .npy format version {major}.{minor}; versions 1.0, 2.0 and 3.0 are read", error.Message);
    }

    [Theory]
    [InlineData("[1, 2]", "it is not a dictionary")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (1,}", "it is not a Python literal")]
    [InlineData("{'descr': '<f4', 'shape': (1,), }", "exactly the keys 'descr', 'fortran_order' and 'shape', but has 'descr', 'shape'")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'extra': 1}", "but has 'descr', 'extra', 'fortran_order', 'shape'")]
    [InlineData("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (1,)}", "the key 'descr' appears twice")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (1, -1), }", "'shape' should be a tuple of non-negative integers")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': [1], }", "'shape' should be a tuple of non-negative integers")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (1.5,), }", "a number here must be an integer")]
    [InlineData("{'descr': '<f4', 'fortran_order': 0, 'shape': (1,), }", "'fortran_order' should be True or False")]
    [InlineData("{'descr': 4, 'fortran_order': False, 'shape': (1,), }", "'descr' should be a type string such as '<f4', but is 4")]
    [InlineData("{'descr': '<x9', 'fortran_order': False, 'shape': (1,), }", "'descr' is '<x9', which is not a NumPy type string")]
    [InlineData("{'descr': '<f4', 'fortran_order': false, 'shape': (1,), }", "'false' is not a literal")]
    public void A_malformed_header_is_refused_saying_what_is_wrong(string header, string what)
    {
        string path = _temp.Write("h.npy", NpyBytes.File(header, NpyBytes.Data(new[] { 1f })));

        var error = Assert.Throws<InvalidDataException>(() => NpyFile.Read(path));

        Assert.Contains($"NumPy file '{path}' has a malformed header", error.Message);
        Assert.Contains(what, error.Message);
    }

    [Theory]
    [InlineData("|O", "pickled arrays are not read")]
    [InlineData("<U5", "a string type")]
    [InlineData("|S3", "a string type")]
    [InlineData("|V8", "raw bytes")]
    [InlineData("<M8[ns]", "a date or time type")]
    [InlineData("<m8[s]", "a date or time type")]
    [InlineData("<f16", "a 128-bit floating-point type")]
    [InlineData("<i16", "a 128-bit integer type")]
    public void Element_types_that_are_not_read_are_refused_by_name(string descr, string what)
    {
        string path = _temp.Write("t.npy", NpyBytes.File(descr, "(1,)", new byte[16]));

        var error = Assert.Throws<NotSupportedException>(() => NpyFile.Read(path));

        Assert.Contains($"NumPy file '{path}'", error.Message);
        Assert.Contains(what, error.Message);
    }

    [Fact]
    public void A_structured_array_is_refused()
    {
        string header = "{'descr': [('x', '<f4'), ('y', '<i4')], 'fortran_order': False, 'shape': (1,), }";
        string path = _temp.Write("r.npy", NpyBytes.File(header, new byte[8]));

        var error = Assert.Throws<NotSupportedException>(() => NpyFile.Read(path));

        Assert.Contains("structured array", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Data_shorter_than_the_shape_says_is_refused_with_both_sizes()
    {
        string path = _temp.Write("short.npy", NpyBytes.File("<f4", "(2, 3)", new byte[10]));

        var error = Assert.Throws<InvalidDataException>(() => NpyFile.Read(path));

        Assert.Contains($"NumPy file '{path}' is truncated", error.Message);
        Assert.Contains("shape (2, 3) of '<f4', 24 bytes of data after the 128-byte header", error.Message);
        Assert.Contains("only 10 bytes follow it", error.Message);
    }

    [Fact]
    public void Data_longer_than_the_shape_says_is_refused()
    {
        string path = _temp.Write("long.npy", NpyBytes.File("<f4", "(2,)", new byte[12]));

        var error = Assert.Throws<InvalidDataException>(() => NpyFile.Read(path));

        Assert.Contains($"NumPy file '{path}' is longer than its header says", error.Message);
        Assert.Contains("12 bytes follow it", error.Message);
    }

    [Fact]
    public void A_file_cut_inside_its_header_is_truncated()
    {
        byte[] whole = NpyBytes.File("<f4", "(2,)", NpyBytes.Data(new[] { 1f, 2f }));
        string path = _temp.Write("cut.npy", whole[..40]);

        var error = Assert.Throws<InvalidDataException>(() => NpyFile.Read(path));

        Assert.Contains($"NumPy file '{path}' is truncated: it ends in its 118-byte header", error.Message);
    }

    [Fact]
    public void A_version_3_header_that_is_not_UTF8_is_refused()
    {
        byte[] file = NpyBytes.File(NpyBytes.Header("<f4", "(1,)") + "\u00e9", NpyBytes.Data(new[] { 1f }), major: 3);
        // Replace the two UTF-8 bytes of 'é' with a lone continuation byte and a space.
        int at = Array.IndexOf(file, (byte)0xC3);
        file[at] = 0x80;
        file[at + 1] = (byte)' ';
        string path = _temp.Write("u.npy", file);

        var error = Assert.Throws<InvalidDataException>(() => NpyFile.Read(path));

        Assert.Contains("format 3.0 header that is not valid UTF-8", error.Message);
    }

    [Fact]
    public void Uint64_values_past_int64_are_refused_naming_the_first()
    {
        string path = _temp.Write("big.npy", NpyBytes.File("<u8", "(3,)", NpyBytes.Data(new ulong[] { 1, ulong.MaxValue, 1UL << 63 })));

        var error = Assert.Throws<NotSupportedException>(() => NpyFile.Read(path));

        Assert.Contains($"NumPy file '{path}' holds uint64 values that do not fit int64", error.Message);
        Assert.Contains($"{ulong.MaxValue} at flat index 1", error.Message);
    }

    [Fact]
    public void A_header_declaring_an_absurd_length_is_refused_before_reading_it()
    {
        byte[] file = NpyBytes.File(NpyBytes.Header("<f4", "(1,)"), NpyBytes.Data(new[] { 1f }), major: 2);
        BitConverter.GetBytes(0x7fff_ffff).CopyTo(file, 8);
        string path = _temp.Write("huge.npy", file);

        var error = Assert.Throws<InvalidDataException>(() => NpyFile.Read(path));

        Assert.Contains("declares a header of 2,147,483,647 bytes", error.Message);
    }
}
