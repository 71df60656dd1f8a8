using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Tests.Yaml;

/// <summary>Runs single YAML specs and checks where their diagnostics point.</summary>
internal static class YamlAssert
{
    public const string FileName = "Spec.model.yaml";
    public const string FilePath = "/project/Models/" + FileName;

    /// <summary>Runs the generator on one spec; checks that it did not fail whatever the spec holds.</summary>
    public static GeneratorRun Run(string yaml, IEnumerable<string>? sources = null, IReadOnlyDictionary<string, string>? globalOptions = null)
    {
        var run = GeneratorHarness.Run(sources, new[] { GeneratorHarness.Yaml(FileName, yaml) }, globalOptions);
        run.AssertGeneratorHealthy();
        return run;
    }

    /// <summary>The one diagnostic with <paramref name="id"/>; fails if there is none or several.</summary>
    public static Diagnostic Single(GeneratorRun run, string id)
    {
        var matching = run.GeneratorDiagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matching.Count == 1, "Expected one " + id + ", got: " + string.Join("; ", run.GeneratorDiagnostics));
        return matching[0];
    }

    /// <summary>
    /// Asserts the diagnostic is in the YAML file at a 1-based line and column, and that its character span
    /// covers exactly <paramref name="text"/> in <paramref name="yaml"/> (so squiggles land right).
    /// </summary>
    public static void At(Diagnostic diagnostic, string yaml, int line, int column, string? text = null, string path = FilePath)
    {
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(LocationKind.ExternalFile, diagnostic.Location.Kind);
        Assert.Equal(path, span.Path);
        Assert.Equal((line, column), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        var located = diagnostic.Location.SourceSpan;
        Assert.InRange(located.End, located.Start, yaml.Length);
        Assert.Equal(Offset(yaml, line, column), located.Start);
        if (text is not null)
            Assert.Equal(text, yaml.Substring(located.Start, located.Length));
    }

    /// <summary>Asserts one <paramref name="id"/> at the position, no class generated for the spec, and returns its message.</summary>
    public static string Error(string yaml, string id, int line, int column, string? text = null, GeneratorRun? run = null)
    {
        run ??= Run(yaml);
        var diagnostic = Single(run, id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        At(diagnostic, yaml, line, column, text);
        NoModel(run);
        return diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
    }

    public static void NoModel(GeneratorRun run) =>
        Assert.DoesNotContain(run.GeneratedSources.Keys, hint => hint.Contains(".model-yaml", System.StringComparison.Ordinal));

    /// <summary>Character offset of a 1-based line and column, counting \n, \r\n and \r as line ends.</summary>
    private static int Offset(string text, int line, int column)
    {
        int offset = 0;
        for (int current = 1; current < line; current++)
        {
            while (text[offset] is not ('\n' or '\r'))
                offset++;
            offset += text[offset] == '\r' && offset + 1 < text.Length && text[offset + 1] == '\n' ? 2 : 1;
        }
        return offset + column - 1;
    }
}
