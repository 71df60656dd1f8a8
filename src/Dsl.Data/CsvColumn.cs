using System;
using System.Globalization;

namespace Dsl.Data;

/// <summary>
/// A column of a CSV file, by its header name or by its 0-based index (which works with or without a header).
/// Strings and integers convert to it, so <c>LabelColumns = ["species"]</c> and <c>LabelColumns = [4]</c> both read.
/// </summary>
public readonly record struct CsvColumn
{
    private CsvColumn(string? name, int index)
    {
        Name = name;
        Index = index;
    }

    /// <summary>The header name, or null for a column chosen by index.</summary>
    public string? Name { get; }

    /// <summary>The 0-based index, or -1 for a column chosen by name.</summary>
    public int Index { get; }

    /// <summary>The column with this header name (matched exactly).</summary>
    /// <exception cref="ArgumentException">The name is null or empty.</exception>
    public static CsvColumn Named(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new CsvColumn(name, -1);
    }

    /// <summary>The column at this 0-based index.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is negative.</exception>
    public static CsvColumn At(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new CsvColumn(null, index);
    }

    /// <summary>The column with this header name.</summary>
    public static implicit operator CsvColumn(string name) => Named(name);

    /// <summary>The column at this 0-based index.</summary>
    public static implicit operator CsvColumn(int index) => At(index);

    /// <summary><c>'name'</c> or <c>index 3</c>, as messages show it.</summary>
    public override string ToString() => Name is not null ? $"'{Name}'" : $"index {Index.ToString(CultureInfo.InvariantCulture)}";
}
