using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Dsl.Generator.Model;

/// <summary>
/// A location kept as plain values (file, span, line span) so it can travel through the pipeline without
/// holding a syntax tree. <see cref="ToLocation"/> turns it back into a Roslyn location for reporting.
/// </summary>
internal readonly record struct SourceLocation(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static SourceLocation None => default;

    public bool IsNone => FilePath is null;

    public static SourceLocation From(Location? location)
    {
        if (location is null || location.Kind != LocationKind.SourceFile && location.Kind != LocationKind.ExternalFile)
            return None;
        var lineSpan = location.GetLineSpan();
        return new SourceLocation(lineSpan.Path ?? string.Empty, location.SourceSpan, lineSpan.Span);
    }

    /// <summary>
    /// Binds the location to its syntax tree when the file is C# in this compilation (so that
    /// <c>#pragma warning disable</c> applies), or to an external file such as a YAML spec.
    /// </summary>
    public Location ToLocation(Compilation? compilation)
    {
        if (IsNone)
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
