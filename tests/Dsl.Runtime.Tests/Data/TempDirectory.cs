using System;
using System.IO;
using System.Linq;

namespace Dsl.Runtime.Tests.Data;

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Path = Directory.CreateTempSubdirectory("dsl-data-tests-").FullName;

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, byte[] contents)
    {
        string path = File(name);
        System.IO.File.WriteAllBytes(path, contents);
        return path;
    }

    /// <summary>Names of all files in the folder, hidden ones included, sorted.</summary>
    public string[] FileNames() =>
        Directory.Exists(Path)
            ? Directory.GetFiles(Path).Select(file => System.IO.Path.GetFileName(file)!).Order(StringComparer.Ordinal).ToArray()
            : [];

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
