using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using static TorchSharp.torch;

namespace Dsl.Data;

/// <summary>
/// Reads and writes NumPy's <c>.npz</c> archives: a zip file with one <c>.npy</c> member per array, stored
/// (<c>np.savez</c>) or deflated (<c>np.savez_compressed</c>). Each array is read as <see cref="NpyFile.Read(string)"/> reads
/// a file, so the same element types are read and refused.
/// </summary>
public static class NpzFile
{
    private const string MemberSuffix = ".npy";

    /// <summary>
    /// Reads every <c>.npy</c> member of the archive, named as NumPy names them (<c>x.npy</c> is <c>"x"</c>).
    /// Members that are not arrays are listed in <see cref="NpzArrays.OtherMembers"/> and not read.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a zip archive, or a member is damaged or not a valid
    /// <c>.npy</c> array; the message names the file and the member.</exception>
    /// <exception cref="NotSupportedException">A member's element type is not read (object arrays, strings…).</exception>
    public static NpzArrays Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string fullPath = Path.GetFullPath(path);
        string file = $"NumPy archive '{fullPath}'";
        using FileStream stream = NpyFile.OpenRead(fullPath, "NumPy archive");
        using ZipArchive zip = OpenZip(stream, file);

        var arrays = new List<KeyValuePair<string, Tensor>>();
        var other = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (ZipArchiveEntry entry in zip.Entries)
            {
                string member = entry.FullName;
                if (member.EndsWith('/'))
                {
                    continue; // a folder entry holds nothing
                }
                if (!member.EndsWith(MemberSuffix, StringComparison.Ordinal))
                {
                    other.Add(member);
                    continue;
                }
                if (!seen.Add(member))
                {
                    throw new InvalidDataException(
                        $"{file} has two members named '{member}', so the array '{member[..^MemberSuffix.Length]}' is ambiguous. " +
                        "The archive is damaged or was not written by np.savez; save the arrays again.");
                }
                arrays.Add(new(member[..^MemberSuffix.Length], ReadMember(entry, $"{file}, member '{member}'")));
            }
        }
        catch
        {
            foreach (var (_, tensor) in arrays)
            {
                tensor.Dispose();
            }
            throw;
        }
        return new NpzArrays(arrays, other);
    }

    /// <summary>
    /// Writes the arrays as <c>np.savez</c> does: one uncompressed (stored) member <c>name.npy</c> per array, in the
    /// dictionary's order. Python reads it with <c>np.load(path)[name]</c>. The file is replaced atomically.
    /// </summary>
    /// <exception cref="ArgumentException">A name is empty.</exception>
    /// <exception cref="NotSupportedException">A tensor's type has no NumPy equivalent (bfloat16).</exception>
    public static void Write(string path, IReadOnlyDictionary<string, Tensor> arrays) => WriteArchive(path, arrays, CompressionLevel.NoCompression);

    /// <summary>As <see cref="Write(string, IReadOnlyDictionary{string, Tensor})"/>, with each member deflated, as <c>np.savez_compressed</c> does.</summary>
    /// <exception cref="ArgumentException">A name is empty.</exception>
    /// <exception cref="NotSupportedException">A tensor's type has no NumPy equivalent (bfloat16).</exception>
    public static void WriteCompressed(string path, IReadOnlyDictionary<string, Tensor> arrays) => WriteArchive(path, arrays, CompressionLevel.Optimal);

    private static void WriteArchive(string path, IReadOnlyDictionary<string, Tensor> arrays, CompressionLevel level)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(arrays);
        // Everything is checked before the file is created, so a bad argument leaves nothing behind.
        foreach (var (name, tensor) in arrays)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException("An array name is empty; np.load could not look it up. Name every array.", nameof(arrays));
            }
            ArgumentNullException.ThrowIfNull(tensor, $"{nameof(arrays)}[\"{name}\"]");
            _ = NpyDtype.DescrOf(tensor.dtype);
        }
        AtomicOutput.Write(path, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            foreach (var (name, tensor) in arrays)
            {
                ZipArchiveEntry entry = zip.CreateEntry(name + MemberSuffix, level);
                using Stream member = entry.Open();
                NpyFile.Write(member, tensor);
            }
        });
    }

    private static ZipArchive OpenZip(FileStream stream, string file)
    {
        Span<byte> start = stackalloc byte[6];
        int read = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        try
        {
            return new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException ex)
        {
            string hint = start[..read].SequenceEqual(NpyFile.Magic)
                ? "It is a single .npy array: read it with NpyFile.Read."
                : "An .npz file is a zip archive of .npy files, as np.savez writes it; this one is truncated (an interrupted copy?) or damaged: save or copy it again.";
            throw new InvalidDataException($"{file} is not a readable zip archive ({ex.Message}). {hint}", ex);
        }
    }

    private static Tensor ReadMember(ZipArchiveEntry entry, string member)
    {
        Stream content;
        try
        {
            content = entry.Open();
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException(
                $"{member} is damaged or compressed with a method other than stored or deflate ({ex.Message}). " +
                "Save the archive again with np.savez or np.savez_compressed.", ex);
        }
        using (content)
        {
            var checksum = new Crc32Stream(content);
            Tensor array;
            try
            {
                array = NpyFile.Read(checksum, member, entry.Length);
            }
            catch (InvalidDataException ex) when (!ex.Message.StartsWith(member, StringComparison.Ordinal))
            {
                // The zip layer's own errors do not name the member: add it.
                throw new InvalidDataException($"{member} is damaged ({ex.Message}). Save or copy the archive again.", ex);
            }
            // NpyFile.Read has read the member to its end, so the checksum covers all of it.
            if (checksum.Crc32 != entry.Crc32)
            {
                array.Dispose();
                throw new InvalidDataException(
                    $"{member} is damaged: its bytes have CRC-32 {checksum.Crc32:x8}, but the archive records {entry.Crc32:x8}. " +
                    "Some data changed after it was written; save or copy the archive again.");
            }
            return array;
        }
    }
}
