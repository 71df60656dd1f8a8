using System;
using System.IO;

namespace Dsl.Data;

/// <summary>
/// Writes a data file so that a reader (numpy.load in another process, say) never sees a half-written one: the bytes
/// go to a temporary file in the same folder, which is renamed over the target only when complete.
/// </summary>
internal static class AtomicOutput
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>; on failure the target is left as it was.</summary>
    /// <exception cref="DirectoryNotFoundException">The target's folder does not exist.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath)!;
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Cannot write '{fullPath}': the folder '{directory}' does not exist. Create it first.");
        }
        string temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.partial");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            try
            {
                File.Delete(temporary);
            }
            catch (IOException)
            {
                // Cleanup must not hide the error that caused it.
            }
            catch (UnauthorizedAccessException)
            {
            }
            throw;
        }
    }
}
