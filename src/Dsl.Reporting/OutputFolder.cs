using System;
using System.IO;

namespace Dsl.Reporting;

/// <summary>
/// Checks an output folder up front, so that a folder that cannot be written fails at once with a message saying
/// so, not after the data is loaded, and not as "Could not find file" from deep inside a save.
/// </summary>
public static class OutputFolder
{
    /// <summary>Creates <paramref name="path"/> if needed and proves a file can be created in it; returns the full path.</summary>
    /// <param name="path">The folder.</param>
    /// <param name="option">The option that named it, for the message (e.g. <c>--out</c>).</param>
    /// <exception cref="IOException">The folder cannot be created or written; the message names it and says why.</exception>
    public static string EnsureWritable(string path, string option)
    {
        string full = Path.GetFullPath(path);
        if (FileInTheWay(full) is string file)
            throw Unwritable(full, option, file == full ? "it is a file, not a folder" : $"'{file}' is a file, not a folder", null);

        string step = "the folder could not be created";
        try
        {
            Directory.CreateDirectory(full);
            step = "no file could be created in it";
            string probe = Path.Combine(full, $".write-test-{Guid.NewGuid():N}.tmp");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (UnauthorizedAccessException e)
        {
            throw Unwritable(full, option, step + " (permission denied)", e);
        }
        catch (IOException e)
        {
            throw Unwritable(full, option, $"{step} ({e.Message.TrimEnd('.')})", e);
        }
        return full;
    }

    /// <summary>The path itself or the nearest existing ancestor, when that is a file rather than a folder.</summary>
    private static string? FileInTheWay(string full)
    {
        for (string? current = full; current is not null; current = Path.GetDirectoryName(current))
        {
            if (File.Exists(current))
                return current;
            if (Directory.Exists(current))
                return null;
        }
        return null;
    }

    private static IOException Unwritable(string full, string option, string reason, Exception? inner) =>
        new($"cannot write to the output folder '{full}' ({option}): {reason}. Choose a folder you can write to.", inner);
}
