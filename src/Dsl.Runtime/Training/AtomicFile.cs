using System;
using System.IO;
using System.Security.Cryptography;

namespace Dsl.Training;

/// <summary>Writes files so that a reader sees either the old content or the complete new one, never a torn file.</summary>
internal static class AtomicFile
{
    /// <summary>
    /// Writes to a temporary file in the same folder (a rename is only atomic within one file system), flushes it to
    /// disk, then renames it over <paramref name="path"/>. If anything fails, the temporary file is deleted and
    /// <paramref name="path"/> is untouched.
    /// </summary>
    /// <param name="path">The final file.</param>
    /// <param name="write">Writes the content; must not close the stream.</param>
    /// <param name="open">Creates the temporary file (tests inject failing streams here).</param>
    public static void Write(string path, Action<Stream> write, Func<string, Stream> open)
    {
        string temp = TemporaryName(path);
        try
        {
            using (var stream = open(temp))
            {
                write(stream);
                stream.Flush();
                if (stream is FileStream file)
                    file.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Creates a new file for writing; fails if it exists.</summary>
    public static Stream CreateNew(string path) =>
        new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);

    /// <summary><c>&lt;path&gt;.&lt;8 hex digits&gt;.tmp</c>.</summary>
    public static string TemporaryName(string path) => path + "." + RandomHex() + ".tmp";

    /// <summary>Eight random lower-case hex digits.</summary>
    public static string RandomHex() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    /// <summary>The file's SHA-256, lower-case hex.</summary>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Deletes <paramref name="path"/> if possible; cleanup must not hide the error that caused it.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
