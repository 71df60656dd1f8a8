using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace Dsl.Runtime.Tests.Data;

/// <summary>
/// .npy files built byte by byte from the format's description (numpy/lib/format.py), independent of NpyFile's
/// writer: the magic string, the version, the header length, the header dictionary padded with spaces and a newline
/// to the alignment, then the data.
/// </summary>
internal static class NpyBytes
{
    public static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>A whole file. Version 1 has a 2-byte header length, 2 and 3 a 4-byte one; 3's header is UTF-8.</summary>
    public static byte[] File(string header, byte[] data, byte major = 1, byte minor = 0, int align = 64)
    {
        byte[] text = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetBytes(header);
        int lengthSize = major == 1 ? 2 : 4;
        int prefix = Magic.Length + 2 + lengthSize;
        int padding = (align - ((prefix + text.Length + 1) % align)) % align;
        int headerLength = text.Length + padding + 1;
        var file = new MemoryStream();
        file.Write(Magic);
        file.WriteByte(major);
        file.WriteByte(minor);
        var length = new byte[lengthSize];
        if (lengthSize == 2)
            BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)headerLength);
        else
            BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)headerLength);
        file.Write(length);
        file.Write(text);
        file.Write(Enumerable.Repeat((byte)' ', padding).ToArray());
        file.WriteByte((byte)'\n');
        file.Write(data);
        return file.ToArray();
    }

    /// <summary>The usual header: <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (2, 3), }</c>.</summary>
    public static string Header(string descr, string shape, bool fortran = false) =>
        $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {shape}, }}";

    /// <summary>A whole version-1.0 file of one header and data.</summary>
    public static byte[] File(string descr, string shape, byte[] data, bool fortran = false) => File(Header(descr, shape, fortran), data);

    /// <summary>The elements in the given byte order; element type from the array's.</summary>
    public static byte[] Data<T>(T[] values, bool bigEndian = false)
    {
        var bytes = new List<byte>();
        foreach (T value in values)
        {
            byte[] one = value switch
            {
                bool b => [b ? (byte)1 : (byte)0],
                byte u => [u],
                sbyte s => [unchecked((byte)s)],
                short s => Write(2, span => { if (bigEndian) BinaryPrimitives.WriteInt16BigEndian(span, s); else BinaryPrimitives.WriteInt16LittleEndian(span, s); }),
                ushort s => Write(2, span => { if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(span, s); else BinaryPrimitives.WriteUInt16LittleEndian(span, s); }),
                int i => Write(4, span => { if (bigEndian) BinaryPrimitives.WriteInt32BigEndian(span, i); else BinaryPrimitives.WriteInt32LittleEndian(span, i); }),
                uint i => Write(4, span => { if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(span, i); else BinaryPrimitives.WriteUInt32LittleEndian(span, i); }),
                long l => Write(8, span => { if (bigEndian) BinaryPrimitives.WriteInt64BigEndian(span, l); else BinaryPrimitives.WriteInt64LittleEndian(span, l); }),
                ulong l => Write(8, span => { if (bigEndian) BinaryPrimitives.WriteUInt64BigEndian(span, l); else BinaryPrimitives.WriteUInt64LittleEndian(span, l); }),
                Half h => Write(2, span => { if (bigEndian) BinaryPrimitives.WriteHalfBigEndian(span, h); else BinaryPrimitives.WriteHalfLittleEndian(span, h); }),
                float f => Write(4, span => { if (bigEndian) BinaryPrimitives.WriteSingleBigEndian(span, f); else BinaryPrimitives.WriteSingleLittleEndian(span, f); }),
                double d => Write(8, span => { if (bigEndian) BinaryPrimitives.WriteDoubleBigEndian(span, d); else BinaryPrimitives.WriteDoubleLittleEndian(span, d); }),
                _ => throw new ArgumentException($"No byte layout for {typeof(T)}"),
            };
            bytes.AddRange(one);
        }
        return bytes.ToArray();
    }

    private delegate void SpanWriter(Span<byte> span);

    private static byte[] Write(int size, SpanWriter write)
    {
        var bytes = new byte[size];
        write(bytes);
        return bytes;
    }
}
