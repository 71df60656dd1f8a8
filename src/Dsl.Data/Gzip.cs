using System.IO;
using System.IO.Compression;

namespace Dsl.Data;

/// <summary>Opens a stream as plain or gzip-compressed data, decided by its first two bytes.</summary>
internal static class Gzip
{
    /// <summary>
    /// Returns <paramref name="stream"/> itself, or a decompressing view of it when it starts with the gzip
    /// magic bytes 1f 8b. File names are not trusted: a renamed or hand-decompressed file still reads.
    /// The stream must be seekable; disposing the result disposes it.
    /// </summary>
    public static Stream OpenMaybeCompressed(Stream stream)
    {
        long start = stream.Position;
        int first = stream.ReadByte();
        int second = first < 0 ? -1 : stream.ReadByte();
        stream.Position = start;
        return first == 0x1f && second == 0x8b ? new GZipStream(stream, CompressionMode.Decompress) : stream;
    }
}
