using System;
using System.IO;

namespace Dsl.Data;

/// <summary>
/// Reads through to another stream and computes the CRC-32 (the zip format's, polynomial 0xEDB88320) of what passed,
/// because System.IO.Compression does not check a member's recorded CRC: a flipped bit in a stored .npz member
/// would otherwise be read as a wrong value.
/// </summary>
internal sealed class Crc32Stream : Stream
{
    private static readonly uint[] Table = MakeTable();
    private readonly Stream _inner;
    private uint _crc = 0xFFFF_FFFFu;

    /// <summary>Wraps <paramref name="inner"/>, which this stream does not dispose.</summary>
    public Crc32Stream(Stream inner) => _inner = inner;

    /// <summary>The CRC-32 of every byte read so far.</summary>
    public uint Crc32 => ~_crc;

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => false;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override int Read(Span<byte> buffer)
    {
        int read = _inner.Read(buffer);
        uint crc = _crc;
        foreach (byte b in buffer[..read])
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }
        _crc = crc;
        return read;
    }

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private static uint[] MakeTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
            table[n] = c;
        }
        return table;
    }
}
