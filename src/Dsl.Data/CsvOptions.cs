using System.Collections.Generic;

namespace Dsl.Data;

/// <summary>How <see cref="CsvFile.Load"/> reads a CSV file into features and labels.</summary>
public sealed record CsvOptions
{
    /// <summary>Whether the first line names the columns. Default true; without a header, columns are chosen by index.</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>The field separator, an ASCII character such as ',', ';', '\t' or '|'. Default ','.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>The label column(s): one for <see cref="CsvLabelKind.ClassIndices"/>, one or more for regression; none for <see cref="CsvLabelKind.None"/>.</summary>
    public IReadOnlyList<CsvColumn> LabelColumns { get; init; } = [];

    /// <summary>The feature columns, in the order wanted. Default null: every column that is not a label, in file order.</summary>
    public IReadOnlyList<CsvColumn>? FeatureColumns { get; init; }

    /// <summary>What the labels hold. Default <see cref="CsvLabelKind.ClassIndices"/>.</summary>
    public CsvLabelKind LabelKind { get; init; } = CsvLabelKind.ClassIndices;

    /// <summary>
    /// For class labels: the class names in index order; every label must be one of them. Default null: the names
    /// found, sorted (or, for non-negative integer labels, the integers themselves).
    /// </summary>
    public IReadOnlyList<string>? ClassNames { get; init; }
}
