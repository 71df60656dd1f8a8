using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace Dsl.Bench.Common;

/// <summary>Peak resident memory, from Linux's own accounting.</summary>
internal static class ProcessMemory
{
    /// <summary>This process's peak resident set (VmHWM in /proc/self/status), in bytes; null where there is no /proc.</summary>
    public static long? PeakResidentBytes() => ReadStatus("/proc/self/status", "VmHWM:");

    /// <summary>Another process's peak resident set so far, in bytes, or null once it has gone.</summary>
    public static long? PeakResidentBytes(int pid) => ReadStatus($"/proc/{pid}/status", "VmHWM:");

    /// <summary>
    /// The largest peak resident set of any child process this process has waited for (getrusage(RUSAGE_CHILDREN)),
    /// in bytes: exact for a command that starts one child.
    /// </summary>
    public static long? LargestChildPeakResidentBytes()
    {
        if (!OperatingSystem.IsLinux())
            return null;
        var usage = new RUsage();
        return GetRUsage(-1 /* RUSAGE_CHILDREN */, ref usage) == 0 ? usage.MaxRss * 1024 : null;
    }

    private static long? ReadStatus(string path, string key)
    {
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                if (!line.StartsWith(key, StringComparison.Ordinal))
                    continue;
                var parts = line[key.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return long.Parse(parts[0], CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRUsage(int who, ref RUsage usage);

    /// <summary>struct rusage on 64-bit Linux: two timevals, then fourteen longs, ru_maxrss (KiB) first.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
        public long MaxRss;
        public long IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals, NVcsw, NIvcsw;
    }
}
