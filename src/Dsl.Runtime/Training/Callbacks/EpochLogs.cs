using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;

namespace Dsl.Training;

/// <summary>
/// One epoch's results under Keras's log names (<c>loss</c>, the metrics such as <c>accuracy</c> or <c>auc</c>, their
/// <c>val_</c> forms, <c>learning_rate</c>), as Keras passes <c>logs</c> to <c>on_epoch_end</c>. Read-only; keys keep
/// their order.
/// </summary>
public sealed class EpochLogs : IReadOnlyDictionary<string, double>
{
    /// <summary>Mean training loss of the epoch.</summary>
    public const string Loss = "loss";

    /// <summary>Training accuracy of the epoch.</summary>
    public const string Accuracy = "accuracy";

    /// <summary>Loss on the validation data.</summary>
    public const string ValidationLoss = "val_loss";

    /// <summary>Accuracy on the validation data.</summary>
    public const string ValidationAccuracy = "val_accuracy";

    /// <summary>The learning rate the epoch trained with.</summary>
    public const string LearningRate = "learning_rate";

    private readonly List<KeyValuePair<string, double>> _entries;
    private readonly Dictionary<string, double> _lookup;

    /// <summary>Logs holding <paramref name="entries"/> in the order given.</summary>
    /// <exception cref="ArgumentException">A key is empty or given twice.</exception>
    public EpochLogs(IEnumerable<KeyValuePair<string, double>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = entries.ToList();
        _lookup = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, value) in _entries)
        {
            if (string.IsNullOrEmpty(key) || !_lookup.TryAdd(key, value))
                throw new ArgumentException($"Epoch logs need distinct, non-empty names; '{key}' is not.", nameof(entries));
        }
    }

    /// <summary>The logs of <paramref name="record"/> as callbacks get them: its values, then the learning rate when known.</summary>
    public static EpochLogs From(EpochRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.LearningRate is not { } rate)
            return record.Logs;
        return new EpochLogs(record.Logs.Append(new(LearningRate, rate)));
    }

    /// <summary>These logs with <paramref name="name"/> set to <paramref name="value"/> (in place, or appended), or removed when it is <see langword="null"/>.</summary>
    internal EpochLogs With(string name, double? value)
    {
        var entries = new List<KeyValuePair<string, double>>();
        bool found = false;
        foreach (var entry in _entries)
        {
            if (entry.Key != name)
                entries.Add(entry);
            else if (value is { } replaced && !found)
                entries.Add(new(name, replaced));
            found |= entry.Key == name;
        }
        if (!found && value is { } added)
            entries.Add(new(name, added));
        return new EpochLogs(entries);
    }

    /// <summary>Equal when they hold the same names and values in the same order.</summary>
    public override bool Equals(object? obj) => obj is EpochLogs other && _entries.SequenceEqual(other._entries);

    /// <inheritdoc />
    public override int GetHashCode() => _entries.Count;

    /// <inheritdoc />
    public double this[string key] => _lookup[key];

    /// <inheritdoc />
    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    /// <inheritdoc />
    public IEnumerable<double> Values => _entries.Select(e => e.Value);

    /// <inheritdoc />
    public int Count => _entries.Count;

    /// <inheritdoc />
    public bool ContainsKey(string key) => _lookup.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out double value) => _lookup.TryGetValue(key, out value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, double>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
