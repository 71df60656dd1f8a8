using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Dsl.Tool;

/// <summary>The YAML specs a command works on: files as given, folders searched for <c>*.model.yaml</c> and <c>*.block.yaml</c>.</summary>
internal static class SpecFiles
{
    public static bool IsSpec(string path) =>
        path.EndsWith(".model.yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".block.yaml", StringComparison.OrdinalIgnoreCase);

    /// <summary>Every spec under <paramref name="paths"/>, each once, in a stable order.</summary>
    /// <exception cref="UsageException">A path does not exist, or is a file that is not a spec.</exception>
    public static IReadOnlyList<string> Collect(IEnumerable<string> paths)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var given in paths)
        {
            string path = Path.GetFullPath(given);
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*.yaml", SearchOption.AllDirectories).Where(IsSpec))
                {
                    if (!IsBuildOutput(path, file))
                        found.Add(file);
                }
            }
            else if (File.Exists(path))
            {
                if (!IsSpec(path))
                    throw new UsageException($"'{given}' is not a spec: specs are named *.model.yaml or *.block.yaml.");
                found.Add(path);
            }
            else
            {
                throw new UsageException($"'{given}' does not exist.");
            }
        }
        return found.ToList();
    }

    /// <summary>The blocks a model may use: every <c>*.block.yaml</c> in its folder and below, as a project's default glob takes them.</summary>
    public static IReadOnlyList<string> WithBlocksBeside(string spec) =>
        new[] { spec }.Concat(Collect(new[] { Path.GetDirectoryName(Path.GetFullPath(spec))! }).Where(f => f.EndsWith(".block.yaml", StringComparison.OrdinalIgnoreCase))).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>bin/ and obj/ below the searched folder hold copies, as MSBuild's default excludes say.</summary>
    private static bool IsBuildOutput(string root, string file)
    {
        var parts = Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar);
        return parts.Take(parts.Length - 1).Any(p => p is "bin" or "obj");
    }
}

/// <summary>A command line that cannot be carried out: the message says what to do; exit code 1.</summary>
internal sealed class UsageException(string message) : Exception(message);
