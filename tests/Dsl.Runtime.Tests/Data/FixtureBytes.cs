using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Security.Cryptography;
using Dsl.Data;
using Dsl.Runtime.Tests.Fixtures;

namespace Dsl.Runtime.Tests.Data;

/// <summary>The fixture's files as raw bytes, and small IDX files built by hand for the error cases.</summary>
internal static class FixtureBytes
{
    public static readonly string[] Names =
        ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    /// <summary>The decompressed contents of one fixture file, e.g. "train-images-idx3-ubyte".</summary>
    public static byte[] Raw(string name)
    {
        using var file = File.OpenRead(Path.Combine(MnistFixture.Directory, name + ".gz"));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        gzip.CopyTo(raw);
        return raw.ToArray();
    }

    public static byte[] Gzip(byte[] raw)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest))
        {
            gzip.Write(raw);
        }
        return compressed.ToArray();
    }

    /// <summary>An IDX header: the magic number, then the dimensions, all big-endian.</summary>
    public static byte[] Header(int magic, params int[] dimensions)
    {
        var header = new byte[4 + 4 * dimensions.Length];
        BinaryPrimitives.WriteInt32BigEndian(header, magic);
        for (int i = 0; i < dimensions.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * i), dimensions[i]);
        }
        return header;
    }

    /// <summary>Copies the four fixture files into <paramref name="directory"/> under their canonical names: gzipped, or raw.</summary>
    public static void CopyFixture(string directory, bool raw = false)
    {
        foreach (string name in Names)
        {
            if (raw)
            {
                File.WriteAllBytes(Path.Combine(directory, name), Raw(name));
            }
            else
            {
                File.Copy(Path.Combine(MnistFixture.Directory, name + ".gz"), Path.Combine(directory, name + ".gz"));
            }
        }
    }

    /// <summary>A file set whose hashes are those of the fixture, so that fake sources serving it pass verification.</summary>
    public static MnistFileSet FixtureFileSet() => new(Hashed(Names[0]), Hashed(Names[1]), Hashed(Names[2]), Hashed(Names[3]));

    private static MnistFile Hashed(string name) => new(name, Convert.ToHexStringLower(SHA256.HashData(Raw(name))));
}
