using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using CsvHelper;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Data;

/// <summary>
/// Loads a table of numbers from a CSV file (RFC 4180: quoted fields may hold the delimiter, quotes and line breaks)
/// into float32 features and class-index or regression labels, with CsvHelper.
/// </summary>
public static class CsvFile
{
    /// <summary>
    /// Reads <paramref name="path"/>: features float32 (N, F), labels int64 (N) class indices or float32 (N, T)
    /// targets. Empty lines are skipped. Every value is checked; the first bad one is reported with its line (1-based,
    /// as an editor shows it) and column.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid, or name a column the file does not have.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is empty, has a row of another length, a value that is not a
    /// number, a missing value, malformed quoting, or a label not among <see cref="CsvOptions.ClassNames"/>.</exception>
    public static CsvData Load(string path, CsvOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(options);
        CheckOptions(options);
        string fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"CSV file not found: '{fullPath}'. Check the path.", fullPath);
        }

        var readerOptions = new CsvReaderOptions
        {
            Separator = options.Delimiter,
            HasHeader = options.HasHeader,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            // An unclosed quote would otherwise swallow the rest of the file silently.
            MalformedData = CsvMalformedDataHandling.Throw,
        };
        try
        {
            using CsvReader reader = CsvReader.FromFile(fullPath, readerOptions);
            return Read(reader, fullPath, options);
        }
        catch (CsvFormatException ex)
        {
            string where = ex.LineNumber > 0 ? $" line {ex.LineNumber}" : "";
            throw new InvalidDataException(
                $"{fullPath}{where}: the CSV is malformed ({ex.Message}). A field with the delimiter '{options.Delimiter}', " +
                "a quote or a line break must be quoted, with quotes inside it doubled (\"a \"\"b\"\"\").", ex);
        }
    }

    private static CsvData Read(CsvReader reader, string file, CsvOptions options)
    {
        string[]? header = options.HasHeader ? reader.Headers.ToArray() : null;
        bool any = reader.Read();
        if (!any && (header is null || header.Length == 0))
        {
            throw new InvalidDataException($"{file} is empty: it has no {(options.HasHeader ? "header and no " : "")}rows.");
        }
        if (!any)
        {
            throw new InvalidDataException($"{file} has a header ({string.Join(", ", header!.Select(h => $"'{h}'"))}) but no rows of data.");
        }

        int columns = header?.Length ?? reader.FieldCount;
        string[] names = header ?? Enumerable.Range(0, columns).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        int[] labelColumns = options.LabelColumns.Select(c => Resolve(c, header, columns, file, "label")).ToArray();
        int[] featureColumns = options.FeatureColumns is null
            ? Enumerable.Range(0, columns).Where(i => !labelColumns.Contains(i)).ToArray()
            : options.FeatureColumns.Select(c => Resolve(c, header, columns, file, "feature")).ToArray();
        CheckSelection(labelColumns, featureColumns, names, header is not null, file);

        var features = new List<float>();
        var targets = new List<float>();
        var classes = new List<string>();
        var classLines = new List<long>();
        // Unlabelled inputs read as a regression with no targets: (N, 0).
        bool regression = options.LabelKind is CsvLabelKind.Regression or CsvLabelKind.None;
        int rows = 0;
        do
        {
            rows++;
            long line = reader.LineNumber;
            if (reader.FieldCount != columns)
            {
                string expected = header is not null ? $"the header has {columns}" : $"the first row has {columns}";
                throw new InvalidDataException(
                    $"{file} line {line} has {reader.FieldCount} fields, but {expected}. Every row needs one field per column; " +
                    $"quote a value that contains the delimiter '{options.Delimiter}'.");
            }
            foreach (int column in featureColumns)
            {
                features.Add(Number(reader.GetString(column), file, line, ColumnText(column, header)));
            }
            if (regression)
            {
                foreach (int column in labelColumns)
                {
                    targets.Add(Number(reader.GetString(column), file, line, ColumnText(column, header)));
                }
            }
            else
            {
                string label = reader.GetString(labelColumns[0]).Trim();
                if (label.Length == 0)
                {
                    throw new InvalidDataException(
                        $"{file} line {line}, {ColumnText(labelColumns[0], header)}: the label is empty (a missing value). " +
                        "Every row needs a label: fill it in or drop the row.");
                }
                classes.Add(label);
                classLines.Add(line);
            }
        }
        while (reader.Read());

        using var scope = torch.NewDisposeScope();
        Tensor featureTensor = torch.tensor(features.ToArray(), [rows, featureColumns.Length]);
        string[] labelNames = labelColumns.Select(i => names[i]).ToArray();
        string[] featureNames = featureColumns.Select(i => names[i]).ToArray();
        if (regression)
        {
            Tensor targetTensor = torch.tensor(targets.ToArray(), [rows, labelColumns.Length]);
            return new CsvData(featureTensor, targetTensor, featureNames, labelNames, classNames: null);
        }
        var (indices, classNames) = ClassIndices(classes, classLines, options.ClassNames, file, ColumnText(labelColumns[0], header));
        return new CsvData(featureTensor, torch.tensor(indices, [rows]), featureNames, labelNames, classNames);
    }

    /// <summary>
    /// Labels as indices: into the given class names; else non-negative integers as themselves; else the distinct
    /// names in sorted (ordinal) order, as Python's <c>sorted</c> would number them.
    /// </summary>
    private static (long[] Indices, string[] ClassNames) ClassIndices(
        List<string> labels, List<long> lines, IReadOnlyList<string>? given, string file, string column)
    {
        var indices = new long[labels.Count];
        if (given is not null)
        {
            var lookup = given.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => (long)p.i, StringComparer.Ordinal);
            for (int i = 0; i < labels.Count; i++)
            {
                indices[i] = lookup.TryGetValue(labels[i], out long index)
                    ? index
                    : throw new InvalidDataException(
                        $"{file} line {lines[i]}, {column}: '{labels[i]}' is not one of the ClassNames " +
                        $"({string.Join(", ", given.Select(n => $"'{n}'"))}). Add it to ClassNames or fix the label.");
            }
            return (indices, given.ToArray());
        }
        bool integers = true;
        for (int i = 0; i < labels.Count && integers; i++)
        {
            integers = long.TryParse(labels[i], NumberStyles.None, CultureInfo.InvariantCulture, out indices[i]) && indices[i] <= int.MaxValue;
        }
        if (integers)
        {
            long classes = indices.Max() + 1;
            return (indices, Enumerable.Range(0, (int)classes).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray());
        }
        string[] names = labels.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var order = names.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => (long)p.i, StringComparer.Ordinal);
        for (int i = 0; i < labels.Count; i++)
        {
            indices[i] = order[labels[i]];
        }
        return (indices, names);
    }

    private static float Number(string text, string file, long line, string column)
    {
        string value = text.Trim();
        if (value.Length == 0)
        {
            throw new InvalidDataException(
                $"{file} line {line}, {column}: the value is empty (a missing value). Fill it in or drop the row before loading.");
        }
        if (!float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out float number))
        {
            throw new InvalidDataException(
                $"{file} line {line}, {column}: '{text}' is not a number. Numbers are read with '.' as the decimal point " +
                "(1.5, -2e-3); fix the value, or leave the column out of FeatureColumns.");
        }
        if (float.IsNaN(number))
        {
            throw new InvalidDataException(
                $"{file} line {line}, {column}: '{text}' is a missing value (NaN). Fill it in or drop the row before loading.");
        }
        if (float.IsInfinity(number))
        {
            throw new InvalidDataException(
                $"{file} line {line}, {column}: '{text}' is not a finite number{(value.Contains("inf", StringComparison.OrdinalIgnoreCase) ? "" : " (it overflows float32)")}. " +
                "Fix the value or drop the row.");
        }
        return number;
    }

    private static int Resolve(CsvColumn column, string[]? header, int columns, string file, string role)
    {
        if (column.Name is null)
        {
            if (column.Index >= columns)
            {
                throw new ArgumentException(
                    $"The {role} column at index {column.Index} is past the last column of {file}, which has {columns} (indices 0 to {columns - 1}).", "options");
            }
            return column.Index;
        }
        if (header is null)
        {
            throw new ArgumentException(
                $"The {role} column '{column.Name}' is chosen by name, but HasHeader is false, so {file}'s columns have no names: " +
                "choose it by its 0-based index instead.", "options");
        }
        int[] matches = Enumerable.Range(0, header.Length).Where(i => header[i] == column.Name).ToArray();
        if (matches.Length == 1)
        {
            return matches[0];
        }
        if (matches.Length > 1)
        {
            throw new ArgumentException(
                $"{file} has {matches.Length} columns named '{column.Name}' (indices {string.Join(", ", matches)}): choose the {role} column by index.", "options");
        }
        string? near = header.FirstOrDefault(h => string.Equals(h.Trim(), column.Name.Trim(), StringComparison.OrdinalIgnoreCase));
        throw new ArgumentException(
            $"{file} has no column named '{column.Name}' (for the {role}s){(near is null ? "" : $"; did you mean '{near}'?")} " +
            $"Its columns are {string.Join(", ", header.Select(h => $"'{h}'"))}.", "options");
    }

    private static void CheckSelection(int[] labels, int[] features, string[] names, bool named, string file)
    {
        string Show(int i) => named ? $"'{names[i]}'" : $"index {i}";
        int? overlap = labels.Cast<int?>().FirstOrDefault(i => features.Contains(i!.Value));
        if (overlap is int both)
        {
            throw new ArgumentException($"Column {Show(both)} of {file} is chosen both as a label and as a feature: a column can be only one.", "options");
        }
        int? twice = labels.Concat(features).GroupBy(i => i).Where(g => g.Count() > 1).Select(g => (int?)g.Key).FirstOrDefault();
        if (twice is int repeated)
        {
            throw new ArgumentException($"Column {Show(repeated)} of {file} is chosen twice.", "options");
        }
        if (features.Length == 0)
        {
            throw new ArgumentException($"No feature columns are left in {file}: every column is a label. Choose fewer label columns.", "options");
        }
    }

    private static void CheckOptions(CsvOptions options)
    {
        if (options.LabelKind == CsvLabelKind.None)
        {
            if (options.LabelColumns is { Count: > 0 })
                throw new ArgumentException($"LabelKind is None (no labels), but LabelColumns names {string.Join(", ", options.LabelColumns)}: leave it empty, or choose ClassIndices or Regression.", nameof(options));
        }
        else if (options.LabelColumns is not { Count: > 0 })
        {
            throw new ArgumentException("CsvOptions.LabelColumns is empty: name the label column(s), e.g. LabelColumns = [\"species\"] or [4].", nameof(options));
        }
        if (options.LabelKind == CsvLabelKind.ClassIndices && options.LabelColumns.Count != 1)
        {
            throw new ArgumentException(
                $"Class labels come from one column, but LabelColumns has {options.LabelColumns.Count} ({string.Join(", ", options.LabelColumns)}). " +
                "Choose one, or use LabelKind = CsvLabelKind.Regression for several numeric targets.", nameof(options));
        }
        if (options.ClassNames is { } names)
        {
            if (options.LabelKind != CsvLabelKind.ClassIndices)
            {
                throw new ArgumentException("ClassNames applies to class labels only, but LabelKind is " + options.LabelKind + ".", nameof(options));
            }
            string? repeated = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
            if (repeated is not null || names.Count == 0)
            {
                throw new ArgumentException(
                    repeated is not null ? $"ClassNames lists '{repeated}' twice; each class needs one index." : "ClassNames is empty.", nameof(options));
            }
        }
        if (options.Delimiter is '"' or '\r' or '\n' || options.Delimiter > 127)
        {
            throw new ArgumentException($"The delimiter must be an ASCII character other than a quote or a line break, not '{options.Delimiter}'.", nameof(options));
        }
    }

    private static string ColumnText(int column, string[]? header) =>
        header is not null ? $"column '{header[column]}'" : $"column {column} (0-based)";
}
