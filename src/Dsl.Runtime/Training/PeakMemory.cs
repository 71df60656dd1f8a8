using System;
using System.Diagnostics;
using System.IO;

namespace Dsl.Training;

/// <summary>
/// The process's peak resident memory (what the operating system reports as its high-water mark: managed heap,
/// libtorch's tensors and everything else), for reporting what training a model needs. On Linux the mark can be reset
/// (<c>/proc/self/clear_refs</c>), so a peak measured after <see cref="Reset"/> belongs to what ran since; elsewhere
/// it is the whole process's peak so far, which <see cref="IsPerPhase"/> says.
/// </summary>
public static class PeakMemory
{
    /// <summary>Whether the last <see cref="Reset"/> took effect, so that <see cref="Bytes"/> covers only what ran since.</summary>
    public static bool IsPerPhase { get; private set; }

    /// <summary>Starts a new high-water mark from the current resident size, where the operating system allows it.</summary>
    public static void Reset()
    {
        try
        {
            // "5" resets the peak resident set size (VmHWM) to the current one (Linux 4.0 and later).
            File.WriteAllText("/proc/self/clear_refs", "5");
            IsPerPhase = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            IsPerPhase = false;
        }
    }

    /// <summary>The peak resident memory in bytes: since <see cref="Reset"/> when <see cref="IsPerPhase"/>, else of the process.</summary>
    public static long Bytes
    {
        get
        {
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            return process.PeakWorkingSet64;
        }
    }
}
