using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Text.Json;
using Dsl.Training;

namespace Dsl.Reporting;

/// <summary>
/// Reads and writes <see cref="RunRecord"/>s, one indented JSON file per model, UTF-8, snake_case property names
/// (<c>seconds_per_epoch</c>, <c>val_loss</c>), numbers in invariant form, NaN as the literal <c>"NaN"</c>.
/// A file is a run record when its root object has <c>"schema": "dsl.run-record"</c>.
/// </summary>
public static class RunRecords
{
    /// <summary>The record's file name: <c>Model1.json</c> (characters no file system accepts become <c>_</c>).</summary>
    public static string FileName(string model)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        return ReportFileNames.Safe(model) + ".json";
    }

    /// <summary>
    /// Writes <paramref name="record"/> to <paramref name="directory"/>/<see cref="FileName"/>, creating the directory.
    /// Atomic: a reader (or a crash) sees the old file or the complete new one, never a torn one.
    /// </summary>
    /// <returns>The file's path.</returns>
    public static string Write(string directory, RunRecord record)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(record);
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, FileName(record.Model));
        AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, record, ReportJson.Options), AtomicFile.CreateNew);
        return path;
    }

    /// <summary>Reads one record.</summary>
    /// <exception cref="InvalidDataException">The file is not JSON, not a run record, of an unknown format, or malformed; the message names the file.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static RunRecord Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = File.ReadAllBytes(path);
        using var document = Parse(path, bytes);
        return FromJson(path, bytes, document.RootElement);
    }

    /// <summary>
    /// Reads every run record (<c>*.json</c> files whose root says <c>"schema": "dsl.run-record"</c>) in the
    /// directories, not their subdirectories. Several directories merge, e.g. runs made on different machines.
    /// When several records describe one model, the one with the newest <see cref="RunRecord.FinishedUtc"/> is kept
    /// (on equal times, the first found) and <paramref name="log"/> says which. Other JSON files are skipped and
    /// logged. A file that says it is a run record but cannot be read is an error, not skipped: a result must not
    /// silently disappear from a comparison.
    /// </summary>
    /// <param name="directories">Folders holding records; each must exist.</param>
    /// <param name="log">Receives one line per skipped file and per resolved duplicate.</param>
    /// <returns>The records ordered by model name, numbers by value (<c>Model2</c> before <c>Model10</c>).</returns>
    /// <exception cref="DirectoryNotFoundException">A directory does not exist.</exception>
    /// <exception cref="InvalidDataException">A run record cannot be read.</exception>
    public static IReadOnlyList<RunRecord> ReadAll(IEnumerable<string> directories, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(directories);
        var kept = new Dictionary<string, (RunRecord Record, string Path)>(StringComparer.Ordinal);
        foreach (string directory in directories)
        {
            if (!Directory.Exists(directory))
                throw new DirectoryNotFoundException($"The run record folder {directory} does not exist.");
            // Sorted so that "first found" on equal finish times does not depend on the file system's order.
            var files = Directory.EnumerateFiles(directory).Where(ReportFileNames.IsJson).Order(StringComparer.Ordinal);
            foreach (string path in files)
            {
                if (!TryRead(path, out var record, out string? reason))
                {
                    log?.Invoke($"Skipped {path}: {reason}.");
                    continue;
                }
                if (!kept.TryGetValue(record.Model, out var previous))
                {
                    kept.Add(record.Model, (record, path));
                }
                else if (record.FinishedUtc > previous.Record.FinishedUtc)
                {
                    kept[record.Model] = (record, path);
                    log?.Invoke(Duplicate(record.Model, path, record, previous.Path, previous.Record, "newer"));
                }
                else
                {
                    string why = record.FinishedUtc == previous.Record.FinishedUtc ? "same finish time, found first" : "newer";
                    log?.Invoke(Duplicate(record.Model, previous.Path, previous.Record, path, record, why));
                }
            }
        }
        return kept.Values.Select(v => v.Record).OrderBy(r => r.Model, NaturalOrder.Instance).ToArray();
    }

    private static string Duplicate(string model, string keptPath, RunRecord keptRecord, string droppedPath, RunRecord droppedRecord, string why) =>
        $"{model} has several run records: kept {keptPath} (finished {ReportFormat.Time(keptRecord.FinishedUtc)}, {why}), " +
        $"ignored {droppedPath} (finished {ReportFormat.Time(droppedRecord.FinishedUtc)}).";

    private static JsonDocument Parse(string path, byte[] bytes)
    {
        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid JSON{At(e)}: {e.Message}", e);
        }
    }

    // Only the schema marker decides what is a run record; other JSON files in a results folder (histories,
    // checkpoint manifests, which also have "format" and "model") are skipped rather than reported as broken.
    private static bool TryRead(string path, [NotNullWhen(true)] out RunRecord? record, [NotNullWhen(false)] out string? reason)
    {
        byte[] bytes = File.ReadAllBytes(path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            (record, reason) = (null, "not valid JSON" + At(e));
            return false;
        }
        using (document)
        {
            if (!IsRunRecord(document.RootElement))
            {
                (record, reason) = (null, $"not a run record (no \"schema\": \"{RunRecord.SchemaName}\")");
                return false;
            }
            (record, reason) = (FromJson(path, bytes, document.RootElement), null);
            return true;
        }
    }

    private static RunRecord FromJson(string path, byte[] bytes, JsonElement root)
    {
        CheckHeader(path, root);
        RunRecord record;
        try
        {
            // From the bytes, not the element, so that errors carry the file's line numbers.
            record = JsonSerializer.Deserialize<RunRecord>(bytes, ReportJson.Options)
                ?? throw new InvalidDataException($"{path}: the run record is null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: malformed run record{At(e)}: {e.Message}", e);
        }
        Validate(path, record);
        return record;
    }

    private static bool IsRunRecord(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty("schema", out var schema)
        && schema.ValueKind == JsonValueKind.String
        && schema.GetString() == RunRecord.SchemaName;

    private static void CheckHeader(string path, JsonElement root)
    {
        if (!IsRunRecord(root))
            throw new InvalidDataException($"{path} is not a run record: its root has no \"schema\": \"{RunRecord.SchemaName}\".");
        if (!root.TryGetProperty("format", out var format) || !format.TryGetInt32(out int version))
            throw new InvalidDataException($"{path}: the run record has no integer \"format\".");
        if (version > RunRecord.CurrentFormat)
            throw new InvalidDataException($"{path}: run record format {version} was written by a newer build; this build reads format {RunRecord.CurrentFormat}.");
        if (version < 1)
            throw new InvalidDataException($"{path}: unknown run record format {version}; this build reads format {RunRecord.CurrentFormat}.");
    }

    private static void Validate(string path, RunRecord record)
    {
        if (string.IsNullOrWhiteSpace(record.Model))
            throw new InvalidDataException($"{path}: the run record has an empty \"model\".");
        for (int i = 0; i < record.Epochs.Count; i++)
        {
            if (record.Epochs[i] is null || record.Epochs[i].Epoch != i + 1)
            {
                throw new InvalidDataException(
                    $"{path}: epochs must be numbered 1, 2, 3… in order; entry {i} is {(record.Epochs[i] is null ? "null" : "epoch " + record.Epochs[i].Epoch)}.");
            }
        }
    }

    private static string At(JsonException e) =>
        e.LineNumber is { } line ? ReportFormat.Invariant($" (line {line + 1}{(e.Path is { Length: > 0 } p ? ", at " + p : "")})") : "";
}
