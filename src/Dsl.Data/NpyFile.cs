using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Data;

/// <summary>
/// Reads and writes NumPy's <c>.npy</c> files (what <c>np.save</c> writes and <c>np.load</c> reads), format versions
/// 1.0, 2.0 and 3.0: a magic string, the version, a header dictionary naming the element type, the order and the
/// shape, then the raw elements.
/// </summary>
/// <remarks>
/// Element types become the TorchSharp type of the same meaning (<c>f4</c> → float32, <c>i8</c> → int64, <c>b1</c> →
/// bool, …), in either byte order, C or Fortran order, any rank from 0 up. libtorch has no unsigned types wider than
/// a byte, so <c>uint16</c> is read as int32, <c>uint32</c> as int64, and <c>uint64</c> as int64 when every value fits
/// (otherwise the file is refused, naming the first value that does not). Object arrays (pickles), strings,
/// structured arrays and dates are refused with a message saying what to save instead.
/// </remarks>
public static class NpyFile
{
    /// <summary>The first six bytes of every <c>.npy</c> file.</summary>
    internal static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>NumPy aligns the data to this many bytes from the start of the file.</summary>
    private const int Alignment = 64;

    /// <summary>A header longer than this is refused as damaged (NumPy's own limit, for safety, is 10,000 characters).</summary>
    private const int MaxHeaderBytes = 1 << 20;

    /// <summary>Data is read and written in pieces of about this many bytes, straight into or out of the tensor.</summary>
    private const int ChunkBytes = 1 << 20;

    /// <summary>
    /// Reads a <c>.npy</c> file into a new tensor of its shape and (see the remarks on the class) its element type,
    /// laid out row-major whatever the file's order.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a <c>.npy</c> file, has an unknown version or a malformed header,
    /// or holds less (or more) data than its header says; the message names the file and what is wrong.</exception>
    /// <exception cref="NotSupportedException">The element type is not read (object arrays, strings, structured arrays…).</exception>
    public static Tensor Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string fullPath = Path.GetFullPath(path);
        using FileStream stream = OpenRead(fullPath, "NumPy file");
        return Read(stream, $"NumPy file '{fullPath}'", stream.Length);
    }

    /// <summary>
    /// Writes <paramref name="tensor"/> as a <c>.npy</c> file exactly as <c>np.save</c> would (format 1.0, C order,
    /// the same header and padding), so Python reads it with <c>np.load(path)</c>. The file is replaced atomically.
    /// </summary>
    /// <exception cref="NotSupportedException">NumPy has no type for the tensor's (bfloat16), or it is not written.</exception>
    public static void Write(string path, Tensor tensor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(tensor);
        // Checked before the file is created, so an unsupported type leaves nothing behind.
        _ = NpyDtype.DescrOf(tensor.dtype);
        AtomicOutput.Write(path, stream => Write(stream, tensor));
    }

    /// <summary>Reads one array from <paramref name="stream"/>, positioned at its magic string.</summary>
    /// <param name="stream">The array's bytes; read to the end of the array (and checked to end there).</param>
    /// <param name="file">What to call the source in messages, e.g. <c>NumPy file '/data/x.npy'</c>.</param>
    /// <param name="length">The stream's total length if known, to refuse a short or long file before reading its data.</param>
    internal static Tensor Read(Stream stream, string file, long? length)
    {
        NpyHeader header = ReadHeader(stream, file, out int headerBytes);
        NpyDtype dtype = header.Dtype;
        long dataBytes = header.Count <= long.MaxValue / dtype.Size
            ? header.Count * dtype.Size
            : throw new InvalidDataException($"{file} has a damaged header: the shape {header.ShapeText} of '{dtype.Descr}' is more data than can be addressed. Save the array again.");
        string declared = $"its header declares shape {header.ShapeText} of '{dtype.Descr}', {dataBytes:N0} bytes of data after the {headerBytes}-byte header";
        if (length is long total && total - headerBytes != dataBytes)
        {
            throw SizeMismatch(file, declared, total - headerBytes, dataBytes);
        }

        using var scope = torch.NewDisposeScope();
        // Fortran order is column-major: the same bytes as the C-order array of the reversed shape, transposed.
        long[] stored = header.FortranOrder ? header.Shape.Reverse().ToArray() : header.Shape;
        Tensor data = torch.empty(stored, dtype.Stored);
        if (header.Count > 0)
        {
            ReadData(stream, data, dtype, header.Count, file, declared, dataBytes);
        }
        // Also when the length is known: a zip member checks its CRC only once its end has been read.
        if (ReadFully(stream, stackalloc byte[1], file) > 0)
        {
            throw new InvalidDataException(
                $"{file} is longer than its header says: {declared}, but more follows. " +
                "The header or the data is damaged; save the array again.");
        }
        if (header.FortranOrder && stored.Length > 1)
        {
            data = data.permute(Enumerable.Range(0, stored.Length).Reverse().Select(i => (long)i).ToArray()).contiguous();
        }
        return Widen(data, dtype, file).MoveToOuterDisposeScope();
    }

    /// <summary>Writes <paramref name="tensor"/> (any device, any layout) to <paramref name="stream"/> as <c>np.save</c> does.</summary>
    internal static void Write(Stream stream, Tensor tensor)
    {
        string descr = NpyDtype.DescrOf(tensor.dtype);
        if (!BitConverter.IsLittleEndian)
        {
            descr = descr.Replace('<', '>');
        }
        using var scope = torch.NewDisposeScope();
        Tensor data = tensor.detach().cpu().contiguous();
        stream.Write(WrapHeader(NpyHeader.Format(descr, fortranOrder: false, data.shape)));
        if (data.numel() == 0)
        {
            return;
        }
        Tensor flat = data.reshape(-1);
        long count = flat.shape[0];
        long perChunk = Math.Max(1, ChunkBytes / data.ElementSize);
        for (long start = 0; start < count; start += perChunk)
        {
            using Tensor piece = flat.narrow(0, start, Math.Min(perChunk, count - start));
            stream.Write(piece.bytes);
        }
    }

    /// <summary>
    /// The magic string, the version, the header length and the header padded with spaces and a newline so the data
    /// starts on a 64-byte boundary, as NumPy's <c>_wrap_header</c>: version 1.0 when the length fits 16 bits, else 2.0.
    /// </summary>
    internal static byte[] WrapHeader(string dictionary)
    {
        byte[] text = Encoding.Latin1.GetBytes(dictionary);
        int lengthSize = 2;
        int headerLength = PaddedLength(text.Length, lengthSize);
        if (headerLength > ushort.MaxValue)
        {
            lengthSize = 4;
            headerLength = PaddedLength(text.Length, lengthSize);
        }
        int at = Magic.Length + 2 + lengthSize;
        var bytes = new byte[at + headerLength];
        Magic.CopyTo(bytes);
        bytes[6] = (byte)(lengthSize == 2 ? 1 : 2);
        bytes[7] = 0;
        if (lengthSize == 2)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)headerLength);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)headerLength);
        }
        text.CopyTo(bytes, at);
        bytes.AsSpan(at + text.Length, headerLength - text.Length - 1).Fill((byte)' ');
        bytes[^1] = (byte)'\n';
        return bytes;
    }

    /// <summary>The header's length with its padding and newline; NumPy pads a full block when already aligned (64 - 0).</summary>
    private static int PaddedLength(int textLength, int lengthSize)
    {
        int unpadded = Magic.Length + 2 + lengthSize + textLength + 1;
        return textLength + 1 + (Alignment - (unpadded % Alignment));
    }

    /// <summary>Opens a file for reading, turning "not there" into a message that names it.</summary>
    internal static FileStream OpenRead(string fullPath, string what)
    {
        try
        {
            return new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException($"{what} not found: '{fullPath}'. Check the path.", fullPath, ex);
        }
    }

    private static NpyHeader ReadHeader(Stream stream, string file, out int headerBytes)
    {
        Span<byte> prefix = stackalloc byte[12];
        int read = ReadFully(stream, prefix[..8], file);
        if (read < 8 || !prefix[..6].SequenceEqual(Magic))
        {
            throw NotNpy(file, prefix[..read]);
        }
        byte major = prefix[6], minor = prefix[7];
        if (major is not (1 or 2 or 3) || minor != 0)
        {
            throw new InvalidDataException(
                $"{file} has .npy format version {major}.{minor}; versions 1.0, 2.0 and 3.0 are read. " +
                (major > 3 ? "It was written by a newer NumPy: save it with an older one, or " : "The file is damaged: ") +
                "save the array again with np.save.");
        }
        int lengthSize = major == 1 ? 2 : 4;
        if (ReadFully(stream, prefix.Slice(8, lengthSize), file) < lengthSize)
        {
            throw Truncated(file, "in its header length");
        }
        long headerLength = major == 1
            ? BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..])
            : BinaryPrimitives.ReadUInt32LittleEndian(prefix[8..]);
        if (headerLength > MaxHeaderBytes)
        {
            throw new InvalidDataException(
                $"{file} declares a header of {headerLength:N0} bytes, more than any array's header needs ({MaxHeaderBytes:N0} at most are read). " +
                "The file is damaged; save the array again.");
        }
        byte[] headerText = new byte[headerLength];
        if (ReadFully(stream, headerText, file) < headerLength)
        {
            throw Truncated(file, $"in its {headerLength}-byte header");
        }
        string text;
        try
        {
            // 1.0 and 2.0 headers are latin-1 (any byte is a character); 3.0's are UTF-8.
            text = major == 3
                ? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(headerText)
                : Encoding.Latin1.GetString(headerText);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidDataException($"{file} has a format 3.0 header that is not valid UTF-8. The file is damaged; save the array again.");
        }
        headerBytes = checked(8 + lengthSize + (int)headerLength);
        return NpyHeader.Parse(text, file);
    }

    private static void ReadData(Stream stream, Tensor data, NpyDtype dtype, long count, string file, string declared, long dataBytes)
    {
        Tensor flat = data.view(-1);
        long perChunk = Math.Max(1, ChunkBytes / dtype.Size);
        for (long start = 0; start < count; start += perChunk)
        {
            long n = Math.Min(perChunk, count - start);
            using Tensor piece = flat.narrow(0, start, n);
            Span<byte> bytes = piece.bytes;
            int got = ReadFully(stream, bytes, file);
            if (got < bytes.Length)
            {
                throw SizeMismatch(file, declared, start * dtype.Size + got, dataBytes);
            }
            if (dtype.NeedsSwap)
            {
                Swap(bytes, dtype.SwapSize);
            }
        }
    }

    private static void Swap(Span<byte> bytes, int unit)
    {
        switch (unit)
        {
            case 2:
                Span<ushort> halves = MemoryMarshal.Cast<byte, ushort>(bytes);
                BinaryPrimitives.ReverseEndianness(halves, halves);
                break;
            case 4:
                Span<uint> words = MemoryMarshal.Cast<byte, uint>(bytes);
                BinaryPrimitives.ReverseEndianness(words, words);
                break;
            case 8:
                Span<ulong> longs = MemoryMarshal.Cast<byte, ulong>(bytes);
                BinaryPrimitives.ReverseEndianness(longs, longs);
                break;
        }
    }

    /// <summary>The unsigned types libtorch lacks, as the next wider signed type (their bits were read as signed).</summary>
    private static Tensor Widen(Tensor data, NpyDtype dtype, string file)
    {
        if (dtype.Stored == dtype.Result && !dtype.IsUInt64)
        {
            return data;
        }
        if (dtype.Stored == ScalarType.Int16)
        {
            return data.to_type(ScalarType.Int32).bitwise_and_(0xFFFF);
        }
        if (dtype.Stored == ScalarType.Int32)
        {
            return data.to_type(ScalarType.Int64).bitwise_and_(0xFFFF_FFFFL);
        }
        // uint64 read as int64: a value of 2**63 or more has come out negative.
        Tensor negative = data.lt(0);
        if (negative.any().item<bool>())
        {
            long index = negative.reshape(-1).nonzero()[0, 0].item<long>();
            ulong value = unchecked((ulong)data.reshape(-1)[index].item<long>());
            throw new NotSupportedException(
                $"{file} holds uint64 values that do not fit int64 (the widest integer type libtorch has), " +
                $"e.g. {value} at flat index {index:N0}. Save them as float64, or reduce them below 2**63.");
        }
        return data;
    }

    private static int ReadFully(Stream stream, Span<byte> buffer, string file)
    {
        try
        {
            return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException ex)
        {
            // Only a decompressing stream (an .npz member) throws this while reading.
            throw new InvalidDataException($"{file} is damaged: its compressed data cannot be decompressed ({ex.Message}). Get a fresh copy.", ex);
        }
    }

    private static InvalidDataException NotNpy(string file, ReadOnlySpan<byte> start)
    {
        string found = start.Length == 0 ? "it is empty" : $"it starts with {Convert.ToHexString(start)}";
        string hint = start switch
        {
            [(byte)'P', (byte)'K', 3, 4, ..] => "It is a zip archive, probably an .npz file: read it with NpzFile.Read.",
            [0x1f, 0x8b, ..] => "It is gzip-compressed: decompress it first.",
            [(byte)0x80, ..] => "It looks like a Python pickle (pickle.dump or torch.save), not np.save's format.",
            _ => "It is not a .npy file, or its start is damaged; save the array again with np.save.",
        };
        return new InvalidDataException(
            $"{file} is not a NumPy .npy file: it should start with the magic string \\x93NUMPY (934E554D5059) and a version, " +
            $"but {found}. {hint}");
    }

    private static InvalidDataException Truncated(string file, string where) =>
        new($"{file} is truncated: it ends {where}. The file is incomplete (an interrupted copy?); save or copy it again.");

    private static InvalidDataException SizeMismatch(string file, string declared, long actual, long expected) =>
        actual < expected
            ? new InvalidDataException(
                $"{file} is truncated: {declared}, but only {actual:N0} bytes follow it. " +
                "The file is incomplete (an interrupted copy?) or its header is damaged; save or copy it again.")
            : new InvalidDataException(
                $"{file} is longer than its header says: {declared}, but {actual:N0} bytes follow it. " +
                "The header or the data is damaged; save the array again.");
}
