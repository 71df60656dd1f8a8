using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Dsl.Generator.Model;

/// <summary>
/// A location kept as plain values so it can travel through the pipeline without holding a syntax tree.
/// <para>
/// Inside a spec, locations are <b>relative</b> to their declaration's <see cref="Model.Anchor"/> (<see cref="Anchor"/> is
/// its key, the span and lines count from the anchor): a comment typed above a model moves the model, not its spec,
/// which then stays equal and cached, analysis and emission included. The diagnostics step resolves them against the
/// anchors of the current run. Problems a parser reports itself carry absolute locations (no anchor).
/// </para>
/// </summary>
internal readonly record struct SourceLocation(string FilePath, TextSpan Span, LinePositionSpan LineSpan, string? Anchor = null)
{
    public static SourceLocation None => default;

    public bool IsNone => FilePath is null && Anchor is null;

    public static SourceLocation From(Location? location)
    {
        if (location is null || location.Kind != LocationKind.SourceFile && location.Kind != LocationKind.ExternalFile)
            return None;
        var lineSpan = location.GetLineSpan();
        return new SourceLocation(lineSpan.Path ?? string.Empty, location.SourceSpan, lineSpan.Span);
    }

    /// <summary>This absolute location as seen from <paramref name="anchor"/>; None stays None.</summary>
    public SourceLocation RelativeTo(Anchor anchor)
    {
        if (IsNone || Anchor is not null)
            return this;
        var start = new LinePosition(LineSpan.Start.Line - anchor.Line, LineSpan.Start.Character);
        var end = new LinePosition(LineSpan.End.Line - anchor.Line, LineSpan.End.Character);
        return new SourceLocation(string.Empty, new TextSpan(Span.Start - anchor.Position, Span.Length), new LinePositionSpan(start, end), anchor.Key);
    }

    /// <summary>The absolute location, when relative to one of <paramref name="anchors"/>; an absolute location as it is.</summary>
    public SourceLocation Resolve(IReadOnlyDictionary<string, Anchor> anchors)
    {
        if (Anchor is null)
            return this;
        if (!anchors.TryGetValue(Anchor, out var anchor))
            return None;
        var start = new LinePosition(LineSpan.Start.Line + anchor.Line, LineSpan.Start.Character);
        var end = new LinePosition(LineSpan.End.Line + anchor.Line, LineSpan.End.Character);
        return new SourceLocation(anchor.FilePath, new TextSpan(Span.Start + anchor.Position, Span.Length), new LinePositionSpan(start, end));
    }

    /// <summary>
    /// Binds an absolute location to its syntax tree when the file is C# in this compilation (so that
    /// <c>#pragma warning disable</c> applies), or to an external file such as a YAML spec.
    /// </summary>
    public Location ToLocation(Compilation? compilation)
    {
        if (IsNone || Anchor is not null)
            return Location.None;
        if (compilation is not null)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (tree.FilePath == FilePath && Span.End <= tree.Length)
                    return Location.Create(tree, Span);
            }
        }
        return Location.Create(FilePath, Span, LineSpan);
    }
}
