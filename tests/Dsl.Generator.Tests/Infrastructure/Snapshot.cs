using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace Dsl.Generator.Tests.Infrastructure;

/// <summary>
/// Compares generated text with a checked-in <c>Snapshots/NAME.verified.cs</c>. On a difference (or when the
/// file is missing) it writes <c>NAME.received.cs</c> beside it and fails: review the received file and rename
/// it over the verified one to accept the change.
/// </summary>
internal static class Snapshot
{
    public static void Verify(string name, string actual, [CallerFilePath] string callerFile = "")
    {
        string folder = Path.Combine(ProjectFolder(callerFile), "Snapshots");
        string verified = Path.Combine(folder, name + ".verified.cs");
        string received = Path.Combine(folder, name + ".received.cs");
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);

        string? expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n", StringComparison.Ordinal) : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }
        Directory.CreateDirectory(folder);
        File.WriteAllText(received, actual);
        Assert.Fail(expected is null
            ? $"No snapshot {verified}; wrote {received}. Review it and rename it to accept."
            : $"Generated code differs from {verified} at line {FirstDifference(expected, actual)}; wrote {received}. Diff the two, then rename to accept.");
    }

    private static int FirstDifference(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            if (a[i] != b[i])
                return i + 1;
        }
        return Math.Min(a.Length, b.Length) + 1;
    }

    private static string ProjectFolder(string callerFile)
    {
        var directory = new DirectoryInfo(Path.GetDirectoryName(callerFile)!);
        while (directory is not null && directory.GetFiles("*.csproj").Length == 0)
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Cannot find the test project folder from " + callerFile);
    }
}
