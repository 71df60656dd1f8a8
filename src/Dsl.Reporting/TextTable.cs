using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Dsl.Reporting;

/// <summary>Renders a grid of cells as a PrettyTable-style box for consoles or as a GitHub markdown table.</summary>
public sealed class TextTable
{
    private readonly string[] _headers;
    private readonly bool[] _rightAligned;
    private readonly List<string[]> _rows = new();

    /// <summary>A table with these columns.</summary>
    /// <param name="columns">Header and alignment per column; numbers read best right-aligned.</param>
    public TextTable(params (string Header, bool RightAligned)[] columns)
    {
        _headers = columns.Select(c => c.Header).ToArray();
        _rightAligned = columns.Select(c => c.RightAligned).ToArray();
    }

    /// <summary>Adds a row with one cell per column.</summary>
    public void Add(params string[] cells)
    {
        if (cells.Length != _headers.Length)
            throw new ArgumentException($"A row needs {_headers.Length} cells, not {cells.Length}.", nameof(cells));
        _rows.Add(cells);
    }

    /// <summary>
    /// <code>
    /// +--------+-------------+
    /// | Model  | #ConvLayers |
    /// +--------+-------------+
    /// | Model1 |           3 |
    /// +--------+-------------+
    /// </code>
    /// </summary>
    public string ToBox()
    {
        var widths = _headers.Select((h, i) => _rows.Select(r => r[i].Length).Prepend(h.Length).Max()).ToArray();
        string rule = "+" + string.Join("+", widths.Select(w => new string('-', w + 2))) + "+";
        var text = new StringBuilder();
        text.Append(rule).Append('\n');
        text.Append(BoxLine(_headers, widths, header: true)).Append('\n');
        text.Append(rule).Append('\n');
        foreach (var row in _rows)
            text.Append(BoxLine(row, widths, header: false)).Append('\n');
        text.Append(rule).Append('\n');
        return text.ToString();
    }

    /// <summary>A markdown table; pipes in cells are escaped, numeric columns right-aligned.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("| ").Append(string.Join(" | ", _headers.Select(Escape))).Append(" |\n");
        text.Append('|').Append(string.Join("|", _rightAligned.Select(r => r ? "---:" : "---"))).Append("|\n");
        foreach (var row in _rows)
            text.Append("| ").Append(string.Join(" | ", row.Select(Escape))).Append(" |\n");
        return text.ToString();
    }

    /// <summary>Makes text safe inside a markdown table cell.</summary>
    public static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private string BoxLine(string[] cells, int[] widths, bool header)
    {
        var parts = cells.Select((c, i) =>
            header ? Center(c, widths[i]) : _rightAligned[i] ? c.PadLeft(widths[i]) : c.PadRight(widths[i]));
        return "| " + string.Join(" | ", parts) + " |";
    }

    private static string Center(string text, int width)
    {
        int left = (width - text.Length) / 2;
        return new string(' ', left) + text + new string(' ', width - text.Length - left);
    }
}
