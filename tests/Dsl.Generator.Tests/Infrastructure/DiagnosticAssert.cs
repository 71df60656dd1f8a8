using System;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Tests.Infrastructure;

/// <summary>Where a model's one diagnostic points, for the attribute-form diagnostics tests.</summary>
internal static class DiagnosticAssert
{
    /// <summary>
    /// Runs the generator on one source file, expects exactly one diagnostic: an error with <paramref name="id"/> in
    /// <c>/src/File0.cs</c> whose message contains <paramref name="fragment"/>, and no model generated in namespace
    /// <c>App</c>. When <paramref name="at"/> is an attribute (<c>[Conv2D(8, 3)]</c>), the squiggle must cover exactly
    /// that attribute (its <paramref name="occurrence"/>th appearance), inside the brackets; otherwise the diagnostic
    /// must be on the first line that contains <paramref name="at"/> (<c>class NoInput</c>).
    /// </summary>
    public static Diagnostic Single(string source, string id, string at, string? fragment = null, int occurrence = 1)
    {
        var run = GeneratorHarness.Run(new[] { source });
        run.AssertGeneratorHealthy();
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal((id, DiagnosticSeverity.Error), (diagnostic.Id, diagnostic.Severity));
        Assert.Equal("/src/File0.cs", diagnostic.Location.GetLineSpan().Path);
        if (at.StartsWith('[') && at.EndsWith(']'))
            AssertCovers(source, diagnostic, at.Trim('[', ']'), occurrence);
        else
            Assert.Equal(LineOf(source, at), Line(diagnostic));
        if (fragment is not null)
            Assert.Contains(fragment, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.DoesNotContain(run.GeneratedSources.Keys, hint => hint.StartsWith("App.", StringComparison.Ordinal));
        return diagnostic;
    }

    /// <summary>The diagnostic's span is exactly the <paramref name="occurrence"/>th appearance of <paramref name="text"/>.</summary>
    public static void AssertCovers(string source, Diagnostic diagnostic, string text, int occurrence = 1)
    {
        int start = -1;
        for (int i = 0; i < occurrence; i++)
            start = source.IndexOf(text, start + 1, StringComparison.Ordinal);
        Assert.True(start >= 0, text + " is not in the source");
        Assert.Equal(start, diagnostic.Location.SourceSpan.Start);
        Assert.Equal(text, source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    /// <summary>1-based line of the first line containing <paramref name="text"/>.</summary>
    public static int LineOf(string source, string text)
    {
        var lines = source.Split('\n');
        int index = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        Assert.True(index >= 0, $"'{text}' is not in the source");
        return index + 1;
    }

    public static int Line(Diagnostic diagnostic) => diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1;
}
