using System.Text;

namespace Dsl.Generator.Emit;

/// <summary>A minimal indenting writer for generated C#.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    /// <param name="indent">The indentation to start at, in levels of four spaces.</param>
    public SourceWriter(int indent = 0) => _indent = indent;

    public void Line(string line = "")
    {
        if (line.Length > 0)
            _text.Append(' ', _indent * 4).Append(line);
        _text.Append('\n');
    }

    public void Open(string line)
    {
        Line(line);
        Line("{");
        _indent++;
    }

    public void Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
    }

    /// <summary>Text already laid out (at this writer's indentation), as it is.</summary>
    public void Raw(string text) => _text.Append(text);

    public override string ToString() => _text.ToString();
}
