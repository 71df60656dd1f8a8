using System;
using Dsl.Generator.Model;
using Microsoft.CodeAnalysis.Text;

namespace Dsl.Generator.Yaml;

/// <summary>
/// Turns YamlDotNet's line/column marks into <see cref="SourceLocation"/>s whose character span is an exact
/// offset into the file (computed from the text's line starts), so IDE squiggles land on the right characters.
/// Lives only inside the parse step: nothing keeps the <see cref="SourceText"/>.
/// </summary>
internal sealed class YamlSourceMap : IYamlLocator
{
    private readonly string _path;
    private readonly SourceText _text;

    public YamlSourceMap(string path, SourceText text)
    {
        _path = path;
        _text = text;
    }

    public SourceLocation Location(YamlTreeNode node) => Location(node.Start, node.End);

    public SourceLocation Location(YamlPosition start, YamlPosition end)
    {
        int from = Offset(start);
        int to = Math.Max(from, Offset(end));
        var span = TextSpan.FromBounds(from, to);
        return new SourceLocation(_path, span, _text.Lines.GetLinePositionSpan(span));
    }

    /// <summary>The offset of a 1-based line and column, clamped into the text (marks may point past a line's end).</summary>
    public int Offset(YamlPosition position)
    {
        var lines = _text.Lines;
        if (lines.Count == 0)
            return 0;
        int index = Math.Min(Math.Max(position.Line - 1, 0), lines.Count - 1);
        var line = lines[index];
        long column = Math.Max(position.Column - 1, 0);
        return (int)Math.Min(line.Start + column, line.End);
    }
}
