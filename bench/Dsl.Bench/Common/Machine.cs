using System;
using System.IO;
using Dsl.Reporting;

namespace Dsl.Bench.Common;

/// <summary>Where and under what load a benchmark ran: the runtime's environment record plus the load average.</summary>
internal sealed record Machine(EnvironmentRecord Environment, string? LoadAverageAtStart)
{
    public static Machine Capture() => new(EnvironmentRecord.Capture(), LoadAverage());

    /// <summary>The 1, 5 and 15 minute load averages (/proc/loadavg): on a quiet 2-core machine they stay well below 1 before a run.</summary>
    public static string? LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return parts.Length >= 3 ? string.Join(' ', parts[0], parts[1], parts[2]) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
