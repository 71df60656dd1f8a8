using System;
using System.IO;
using static TorchSharp.torch;

namespace Dsl.Data;

/// <summary>
/// A NumPy element type as a <c>.npy</c> header's <c>descr</c> spells it (<c>'&lt;f4'</c>: byte order, kind, size), and
/// the TorchSharp type it becomes. libtorch has no unsigned types wider than a byte, so <c>u2</c> and <c>u4</c> are
/// widened to the next signed type (every value fits), and <c>u8</c> becomes int64 when every value fits (checked
/// on reading).
/// </summary>
internal sealed record NpyDtype
{
    /// <summary>The element types read, as a sentence for messages.</summary>
    public const string Supported =
        "float16 (f2), float32 (f4), float64 (f8), int8 (i1), int16 (i2), int32 (i4), int64 (i8), uint8 (u1), " +
        "uint16 (u2, read as int32), uint32 (u4, read as int64), uint64 (u8, read as int64 when every value fits), " +
        "bool (b1), complex64 (c8) and complex128 (c16), either byte order";

    private NpyDtype(string descr, ScalarType stored, ScalarType result, int size, int swap, bool bigEndian)
    {
        Descr = descr;
        Stored = stored;
        Result = result;
        Size = size;
        SwapSize = swap;
        BigEndian = bigEndian;
    }

    /// <summary>The descriptor as the header wrote it, e.g. <c>&gt;i4</c>.</summary>
    public string Descr { get; }

    /// <summary>The TorchSharp type with this element's size and bits, that the data is read into.</summary>
    public ScalarType Stored { get; }

    /// <summary>The TorchSharp type of the tensor returned: <see cref="Stored"/>, or a wider one for unsigned types.</summary>
    public ScalarType Result { get; }

    /// <summary>Bytes per element.</summary>
    public int Size { get; }

    /// <summary>The size of the units whose bytes are reversed for a big-endian file: the element, or half a complex one.</summary>
    public int SwapSize { get; }

    /// <summary>Whether the file stores the elements most significant byte first.</summary>
    public bool BigEndian { get; }

    /// <summary>Whether the file holds uint64, read as int64 bits: values of 2**63 and more must be refused.</summary>
    public bool IsUInt64 => Descr.EndsWith("u8", StringComparison.Ordinal);

    /// <summary>Whether the data's byte order differs from this machine's, so each unit must be reversed.</summary>
    public bool NeedsSwap => SwapSize > 1 && BigEndian == BitConverter.IsLittleEndian;

    /// <summary>Reads a header's <c>descr</c> value.</summary>
    /// <param name="descr">The value: a string for a plain array, a list for a structured one.</param>
    /// <param name="file">The file (and member) for messages, e.g. <c>NumPy file '/data/x.npy'</c>.</param>
    /// <exception cref="NotSupportedException">A valid NumPy type that is not read (objects, strings, records, dates…).</exception>
    /// <exception cref="InvalidDataException">The value is not a type descriptor at all.</exception>
    public static NpyDtype Parse(object? descr, string file)
    {
        if (descr is PythonLiteral.PythonList)
        {
            throw new NotSupportedException(
                $"{file} holds a structured array (a record type with named fields), which is not read. " +
                "Save each field as its own array, e.g. np.savez(path, **{name: arr[name] for name in arr.dtype.names}).");
        }
        if (descr is not string text || text.Length < 2)
        {
            throw new InvalidDataException(
                $"{file} has a malformed header: 'descr' should be a type string such as '<f4', but is {Describe(descr)}. " +
                "The file is damaged or was not written by numpy.save.");
        }

        char order = text[0];
        string rest = order is '<' or '>' or '|' or '=' ? text[1..] : text;
        bool bigEndian = order == '>' || (order == '=' && !BitConverter.IsLittleEndian);
        char kind = rest[0];
        string sizeText = rest[1..];

        if (kind == 'O')
        {
            throw new NotSupportedException(
                $"{file} holds an object array ('{text}'): its data is a pickle of Python objects, and pickled arrays are " +
                "not read (NumPy itself refuses them unless allow_pickle=True). Save a numeric array instead, " +
                "e.g. np.save(path, arr.astype(np.float32)).");
        }
        if (!int.TryParse(sizeText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int size))
        {
            // Dates carry a unit ('<M8[ns]'); anything else without a plain size is not a NumPy type string.
            if (kind is 'M' or 'm')
            {
                throw Unsupported(file, text, "a date or time type", "arr.astype(np.int64)");
            }
            throw new InvalidDataException(
                $"{file} has a malformed header: 'descr' is '{text}', which is not a NumPy type string such as '<f4'. " +
                "The file is damaged or was not written by numpy.save.");
        }

        (ScalarType Stored, ScalarType Result)? types = (kind, size) switch
        {
            ('f', 2) => (ScalarType.Float16, ScalarType.Float16),
            ('f', 4) => (ScalarType.Float32, ScalarType.Float32),
            ('f', 8) => (ScalarType.Float64, ScalarType.Float64),
            ('i', 1) => (ScalarType.Int8, ScalarType.Int8),
            ('i', 2) => (ScalarType.Int16, ScalarType.Int16),
            ('i', 4) => (ScalarType.Int32, ScalarType.Int32),
            ('i', 8) => (ScalarType.Int64, ScalarType.Int64),
            ('u', 1) => (ScalarType.Byte, ScalarType.Byte),
            ('u', 2) => (ScalarType.Int16, ScalarType.Int32),
            ('u', 4) => (ScalarType.Int32, ScalarType.Int64),
            ('u', 8) => (ScalarType.Int64, ScalarType.Int64),
            ('b', 1) => (ScalarType.Bool, ScalarType.Bool),
            ('c', 8) => (ScalarType.ComplexFloat32, ScalarType.ComplexFloat32),
            ('c', 16) => (ScalarType.ComplexFloat64, ScalarType.ComplexFloat64),
            _ => null,
        };
        if (types is null)
        {
            throw kind switch
            {
                'U' or 'S' or 'a' => Unsupported(file, text, "a string type", "a numeric array (for labels, their indices)"),
                'V' => Unsupported(file, text, "raw bytes (void)", "a numeric array"),
                'M' or 'm' => Unsupported(file, text, "a date or time type", "arr.astype(np.int64)"),
                'f' or 'c' => Unsupported(file, text, $"a {size * 8}-bit floating-point type", "arr.astype(np.float64)"),
                'i' or 'u' or 'b' => Unsupported(file, text, $"a {size * 8}-bit integer type", "arr.astype(np.int64)"),
                _ => new InvalidDataException(
                    $"{file} has a malformed header: 'descr' is '{text}', which is not a NumPy type string such as '<f4'. " +
                    "The file is damaged or was not written by numpy.save."),
            };
        }
        int swap = kind == 'c' ? size / 2 : size;
        return new NpyDtype(text, types.Value.Stored, types.Value.Result, size, swap, bigEndian);
    }

    /// <summary>
    /// The descriptor NumPy writes for a tensor of <paramref name="type"/> (little-endian, or <c>|</c> for one byte),
    /// as <c>dtype.str</c> spells it.
    /// </summary>
    /// <exception cref="NotSupportedException">NumPy has no such type (bfloat16) or it is not written.</exception>
    public static string DescrOf(ScalarType type) => type switch
    {
        ScalarType.Float16 => "<f2",
        ScalarType.Float32 => "<f4",
        ScalarType.Float64 => "<f8",
        ScalarType.Int8 => "|i1",
        ScalarType.Int16 => "<i2",
        ScalarType.Int32 => "<i4",
        ScalarType.Int64 => "<i8",
        ScalarType.Byte => "|u1",
        ScalarType.Bool => "|b1",
        ScalarType.ComplexFloat32 => "<c8",
        ScalarType.ComplexFloat64 => "<c16",
        ScalarType.BFloat16 => throw new NotSupportedException(
            "NumPy has no bfloat16 type, so a bfloat16 tensor cannot be saved as .npy: convert it first, " +
            "e.g. tensor.to_type(ScalarType.Float32)."),
        _ => throw new NotSupportedException(
            $"A {type} tensor cannot be saved as .npy: convert it to a type NumPy reads (float32, int64…) first."),
    };

    private static NotSupportedException Unsupported(string file, string descr, string what, string instead) =>
        new($"{file} holds '{descr}', {what}, which is not read. The types read are {Supported}. " +
            $"Save {instead} instead.");

    private static string Describe(object? value) => value switch
    {
        null => "None",
        string s => $"'{s}'",
        bool b => b ? "True" : "False",
        PythonLiteral.PythonTuple => "a tuple",
        PythonLiteral.PythonDict => "a dictionary",
        _ => value.ToString() ?? "?",
    };
}
