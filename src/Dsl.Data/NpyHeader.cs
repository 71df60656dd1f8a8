using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace Dsl.Data;

/// <summary>
/// The dictionary at the start of a <c>.npy</c> file, e.g. <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (3, 4), }</c>:
/// the element type, whether the data is column-major, and the shape (<c>()</c> for a scalar).
/// </summary>
internal sealed record NpyHeader(NpyDtype Dtype, bool FortranOrder, long[] Shape)
{
    private const int ShownHeaderCharacters = 200;

    /// <summary>The number of elements: the product of the shape, 1 for a scalar.</summary>
    public long Count { get; } = CountOf(Shape);

    /// <summary>The shape as NumPy prints it, e.g. <c>(3, 4)</c> or <c>(5,)</c>.</summary>
    public string ShapeText => ShapeRepr(Shape);

    /// <summary>Reads the header dictionary as NumPy's <c>format.read_array_header</c> does, with its checks.</summary>
    /// <param name="text">The header, decoded (latin-1 for versions 1.0 and 2.0, UTF-8 for 3.0).</param>
    /// <param name="file">The file (and member) for messages.</param>
    /// <exception cref="InvalidDataException">The header is not a dictionary of the three keys with valid values.</exception>
    /// <exception cref="NotSupportedException">The element type is valid NumPy but is not read.</exception>
    public static NpyHeader Parse(string text, string file)
    {
        object? parsed;
        try
        {
            parsed = PythonLiteral.Parse(text);
        }
        catch (FormatException ex)
        {
            throw Malformed(file, $"it is not a Python literal ({ex.Message})", text);
        }
        if (parsed is not PythonLiteral.PythonDict dict)
        {
            throw Malformed(file, "it is not a dictionary", text);
        }

        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in dict.Entries)
        {
            if (key is not string name || !values.TryAdd(name, value))
            {
                throw Malformed(file, key is string ? $"the key '{key}' appears twice" : "a key is not a string", text);
            }
        }
        string[] expected = ["descr", "fortran_order", "shape"];
        if (values.Count != expected.Length || !expected.All(values.ContainsKey))
        {
            string found = values.Count == 0 ? "none" : string.Join(", ", values.Keys.Order(StringComparer.Ordinal).Select(k => $"'{k}'"));
            throw Malformed(file, $"it should have exactly the keys 'descr', 'fortran_order' and 'shape', but has {found}", text);
        }

        if (values["fortran_order"] is not bool fortranOrder)
        {
            throw Malformed(file, "'fortran_order' should be True or False", text);
        }
        if (values["shape"] is not PythonLiteral.PythonTuple tuple || tuple.Items.Any(item => !(item is long dimension && dimension >= 0)))
        {
            throw Malformed(file, "'shape' should be a tuple of non-negative integers such as (60000, 28, 28)", text);
        }
        long[] shape = tuple.Items.Select(item => (long)item!).ToArray();
        try
        {
            _ = CountOf(shape);
        }
        catch (OverflowException)
        {
            throw Malformed(file, $"the shape {ShapeRepr(shape)} has more elements than can be addressed", text);
        }
        NpyDtype dtype = NpyDtype.Parse(values["descr"], file);
        return new NpyHeader(dtype, fortranOrder, shape);
    }

    /// <summary>
    /// The dictionary as <c>numpy.save</c> writes it: keys sorted, each followed by a comma, then the spare spaces NumPy
    /// leaves so the first dimension can grow in place (21 minus the digits of that dimension). Alignment padding and
    /// the final newline are added by the caller.
    /// </summary>
    public static string Format(string descr, bool fortranOrder, long[] shape)
    {
        var text = new StringBuilder()
            .Append("{'descr': '").Append(descr).Append("', ")
            .Append("'fortran_order': ").Append(fortranOrder ? "True" : "False").Append(", ")
            .Append("'shape': ").Append(ShapeRepr(shape)).Append(", }");
        if (shape.Length > 0)
        {
            long growing = shape[fortranOrder ? ^1 : 0];
            text.Append(' ', Math.Max(0, 21 - growing.ToString(CultureInfo.InvariantCulture).Length));
        }
        return text.ToString();
    }

    /// <summary>A shape as Python's <c>repr</c> of a tuple: <c>()</c>, <c>(5,)</c>, <c>(3, 4)</c>.</summary>
    public static string ShapeRepr(IReadOnlyList<long> shape) => shape.Count switch
    {
        0 => "()",
        1 => $"({shape[0].ToString(CultureInfo.InvariantCulture)},)",
        _ => $"({string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)))})",
    };

    private static long CountOf(long[] shape)
    {
        long count = 1;
        foreach (long dimension in shape)
        {
            count = checked(count * dimension);
        }
        return count;
    }

    private static InvalidDataException Malformed(string file, string what, string header)
    {
        string shown = header.TrimEnd();
        if (shown.Length > ShownHeaderCharacters)
        {
            shown = shown[..ShownHeaderCharacters] + "…";
        }
        return new InvalidDataException(
            $"{file} has a malformed header: {what}. The header is: {shown} . A header reads like " +
            "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }; the file is damaged or was not written by numpy.save.");
    }
}
