using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace Dsl.Reporting;

/// <summary>
/// One run per output folder: an exclusive lock on <c>&lt;out&gt;/.run.lock</c> for the run's whole life, so that a
/// second process training into the same folder stops at once, naming the first, instead of overwriting its files.
/// The lock is the operating system's (an open file with <see cref="FileShare.None"/>, on Linux an advisory
/// <c>flock</c>): it ends with the process however the process ends, so a killed run leaves no stale lock behind.
/// Who holds it is written to <c>.run.lock.owner</c> beside it, for the message.
/// </summary>
public sealed class RunFolderLock : IDisposable
{
    /// <summary>The lock file's name inside the folder.</summary>
    public const string FileName = ".run.lock";

    private readonly FileStream _lock;
    private readonly string _owner;

    private RunFolderLock(FileStream held, string owner)
    {
        _lock = held;
        _owner = owner;
    }

    /// <summary>Takes the folder's lock (the folder must exist).</summary>
    /// <exception cref="IOException">Another process holds it; the message names that process and says what to do.</exception>
    public static RunFolderLock Acquire(string folder)
    {
        string path = Path.Combine(folder, FileName);
        string owner = path + ".owner";
        FileStream held;
        try
        {
            held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new IOException(
                $"the output folder '{folder}' is in use by another run ({Holder(owner)}); wait for it to finish, stop it, or choose another --out folder.", e);
        }
        using var process = Process.GetCurrentProcess();
        File.WriteAllText(owner, string.Create(CultureInfo.InvariantCulture,
            $"process {Environment.ProcessId} on {Environment.MachineName}, started {process.StartTime.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC: {Environment.CommandLine}"));
        return new RunFolderLock(held, owner);
    }

    /// <summary>Who holds the lock, as its owner file says.</summary>
    private static string Holder(string owner)
    {
        try
        {
            string text = File.ReadAllText(owner).Trim();
            return text.Length == 0 ? "a process that has not said who it is yet" : text;
        }
        catch (IOException)
        {
            return "a process that has not said who it is yet";
        }
        catch (UnauthorizedAccessException)
        {
            return "a process this user cannot see";
        }
    }

    /// <summary>Releases the lock and removes the owner file.</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(_owner);
        }
        catch (IOException)
        {
            // Best effort: a leftover owner file is overwritten by the next run.
        }
        _lock.Dispose();
    }
}
