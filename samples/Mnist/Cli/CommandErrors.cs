using System;
using System.IO;
using Dsl.Data;
using Dsl.Training;

namespace Samples.Mnist.Cli;

/// <summary>
/// Turns the failures a user can act on into one clear message and an exit code, instead of a stack trace.
/// Anything else is a bug and keeps its stack trace.
/// </summary>
internal static class CommandErrors
{
    public const int Failed = 1;
    public const int Cancelled = 130;

    public static int Run(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("Cancelled. Completed models are saved, the one in training at its last completed step; run again with the same --out to resume.");
            return Cancelled;
        }
        catch (Exception e) when (e is MnistUnavailableException or TrainingDivergedException or InvalidDataException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return Failed;
        }
    }
}
