using System.IO;
using Dsl.Training;

namespace Dsl.Reporting;

/// <summary>Writes a picture the reports make: its folder created, the file replaced atomically (a reader never sees half of it).</summary>
internal static class PngFile
{
    public static void Write(string path, byte[] png)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
            Directory.CreateDirectory(directory);
        AtomicFile.Write(path, stream => stream.Write(png), AtomicFile.CreateNew);
    }
}
