using System;
using Spectre.Console;

namespace Dsl.Training;

/// <summary>Chooses the console progress display.</summary>
public static class ConsoleProgress
{
    /// <summary>
    /// A <see cref="LiveProgress"/> bar when standard output is an interactive terminal, otherwise a
    /// <see cref="LineProgress"/> writing one line per epoch (logs, pipes and CI stay readable).
    /// </summary>
    public static ITrainingProgress Create() =>
        Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive
            ? new LineProgress(Console.Out)
            : new LiveProgress(AnsiConsole.Console);
}
