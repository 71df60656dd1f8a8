using System;
using System.Buffers;
using System.IO;
using System.Security.Cryptography;

namespace Dsl.Data;

/// <summary>
/// Saves obtained data so that a file under its final name is always complete and verified: the bytes go to a
/// temporary file in the same folder, are hashed on the way, and only a matching file is renamed into place
/// (a rename within one folder is atomic). On any failure the temporary file is deleted.
/// </summary>
internal static class VerifiedFileWriter
{
    /// <summary>The suffix of in-progress files; never one of the names data is looked up under.</summary>
    public const string TemporarySuffix = ".partial";

    /// <summary>
    /// Copies <paramref name="content"/> to <paramref name="finalPath"/> if its SHA-256 is <paramref name="expectedSha256"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The hash differs; nothing is saved.</exception>
    public static void Write(Stream content, string finalPath, string expectedSha256, string origin)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(finalPath))!;
        string name = Path.GetFileName(finalPath);
        string temporary = Path.Combine(directory, $".{name}.{Guid.NewGuid():N}{TemporarySuffix}");
        try
        {
            string actual = CopyAndHash(content, temporary);
            if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException(
                    $"{name} from {origin} has SHA-256 {actual}, expected {expectedSha256}: " +
                    "the download is damaged or is not the original MNIST file. Nothing was saved.");
            }
            File.Move(temporary, finalPath, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static string CopyAndHash(Stream content, string temporary)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            int read;
            while ((read = content.Read(buffer, 0, buffer.Length)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                output.Write(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        // On disk before the rename, so a crash cannot leave a renamed but empty file behind.
        output.Flush(flushToDisk: true);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the write already failed, and that error is the one worth reporting.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
