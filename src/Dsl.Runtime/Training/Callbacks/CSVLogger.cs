using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Serialization;

namespace Dsl.Training;

/// <summary>
/// Streams each epoch's logs to a CSV file: Keras's <c>keras.callbacks.CSVLogger</c>, with its file layout.
/// </summary>
/// <remarks>
/// <para>
/// Columns are <c>epoch</c> (Keras's 0-based index: the first epoch is 0) followed by the log names in sorted order
/// (<c>accuracy, learning_rate, loss, val_accuracy, val_loss</c>). Without validation data the <c>val_</c> columns are
/// still written, holding <c>NA</c>, as Keras does. Numbers are written as Python writes them (<c>1.0</c>, <c>0.001</c>, <c>1e-05</c>).
/// </para>
/// <para>
/// Each row is appended and flushed as its epoch ends. The file's length after the last row is part of the callback's
/// checkpoint state: a resumed run cuts the file back to it (dropping rows of epochs the checkpoint does not have) and
/// carries on, so the file equals that of an uninterrupted run.
/// </para>
/// </remarks>
/// <example><code>
/// trainer.Callbacks.Add(new CSVLogger("runs/model1.csv"));
/// </code></example>
public sealed class CSVLogger : Callback
{
    private List<string>? _keys;
    private bool _appendHeader = true;
    private long? _length;

    /// <summary>Creates the logger.</summary>
    /// <param name="filename">The CSV file; its folder is created.</param>
    /// <param name="separator">Separates the fields.</param>
    /// <param name="append">Keep an existing file's rows and append (a header only if the file is empty); otherwise overwrite it.</param>
    public CSVLogger(string filename, string separator = ",", bool append = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filename);
        ArgumentException.ThrowIfNullOrEmpty(separator);
        if (separator.Contains('"', StringComparison.Ordinal) || separator.Contains('\n', StringComparison.Ordinal))
            throw new ArgumentException("CSVLogger's separator cannot contain quotes or line breaks.", nameof(separator));
        Filename = filename;
        Separator = separator;
        Append = append;
    }

    /// <summary>The CSV file.</summary>
    public string Filename { get; }

    /// <summary>The field separator.</summary>
    public string Separator { get; }

    /// <summary>Whether an existing file is appended to.</summary>
    public bool Append { get; }

    /// <inheritdoc />
    public override void OnTrainBegin(CallbackContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(Filename));
        if (folder is not null)
            Directory.CreateDirectory(folder);

        if (context.IsResuming && _length is { } length && File.Exists(Filename) && new FileInfo(Filename).Length >= length)
        {
            // Continue exactly where the checkpoint was taken.
            using var file = new FileStream(Filename, FileMode.Open, FileAccess.Write);
            file.SetLength(length);
            _appendHeader = length == 0;
            return;
        }

        _keys = null;
        _length = null;
        if (Append || context.IsResuming)
        {
            _appendHeader = !File.Exists(Filename) || new FileInfo(Filename).Length == 0 || FirstLineIsEmpty(Filename);
        }
        else
        {
            File.WriteAllBytes(Filename, []);
            _appendHeader = true;
        }
    }

    /// <inheritdoc />
    public override void OnEpochEnd(CallbackContext context, int epoch, EpochLogs logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        if (_keys is null)
        {
            var keys = logs.Keys.Order(StringComparer.Ordinal).ToList();
            // Keras: without any val_ key, add val_ columns for every key.
            if (keys.Count > 0 && !keys.Any(k => k.StartsWith("val_", StringComparison.Ordinal)))
                keys.AddRange(keys.Select(k => "val_" + k).ToList());
            _keys = keys;
        }

        var text = new StringBuilder();
        if (_appendHeader)
        {
            text.AppendJoin(Separator, new[] { "epoch" }.Concat(_keys).Select(Field)).Append("\r\n");
            _appendHeader = false;
        }
        var row = new List<string> { (epoch - 1).ToString(CultureInfo.InvariantCulture) };
        row.AddRange(_keys.Select(k => logs.TryGetValue(k, out double v) ? PathTemplate.PythonRepr(v) : "NA"));
        text.AppendJoin(Separator, row.Select(Field)).Append("\r\n");

        using var file = new FileStream(Filename, FileMode.Append, FileAccess.Write);
        byte[] bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text.ToString());
        file.Write(bytes);
        file.Flush(flushToDisk: true);
        _length = file.Length;
    }

    /// <inheritdoc />
    public override CallbackState? GetState() => _length is { } length ? CallbackState.From(new State(length, _keys)) : null;

    /// <inheritdoc />
    public override void SetState(CallbackState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var saved = state.Read<State>();
        _length = saved.Length;
        _keys = saved.Keys?.ToList();
    }

    // Python's csv module (Keras's writer) quotes a field holding the separator, a quote or a line break.
    private string Field(string value) =>
        value.Contains(Separator, StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal)
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;

    private static bool FirstLineIsEmpty(string path)
    {
        using var reader = new StreamReader(path);
        return string.IsNullOrEmpty(reader.ReadLine());
    }

    private sealed record State(
        [property: JsonPropertyName("length")] long Length,
        [property: JsonPropertyName("keys")] IReadOnlyList<string>? Keys);
}
