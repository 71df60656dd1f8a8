using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Dsl.Package.Tests;

namespace Dsl.Tool.Tests;

/// <summary>The dsl tool (its dsl.dll, built beside these tests) run as a process, as a user runs it.</summary>
internal static class ToolProcess
{
    public static string RepositoryRoot => Metadata("RepositoryRoot");

    public static string Configuration => Metadata("Configuration");

    public static (int ExitCode, string Output) Run(string arguments, string? workingDirectory = null) =>
        ProcessRunner.Run("dotnet", "\"" + Path.Combine(AppContext.BaseDirectory, "dsl.dll") + "\" " + arguments,
            workingDirectory ?? AppContext.BaseDirectory, TimeSpan.FromMinutes(2));

    private static string Metadata(string key) =>
        typeof(ToolProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
