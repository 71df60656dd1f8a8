using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Dsl.Bench.Common;

/// <summary>
/// A small command-line reader: <c>--name value</c> options and <c>--flag</c> switches, each allowed once. Every option
/// the command reads is taken out; <see cref="EnsureAllUsed"/> then rejects what is left (a misspelt option).
/// </summary>
internal sealed class Args
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public Args(IEnumerable<string> args, IReadOnlySet<string> flags)
    {
        var list = args.ToList();
        for (int i = 0; i < list.Count; i++)
        {
            string name = list[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || name.Length == 2)
                throw new UsageException($"Unexpected argument '{name}': options are written --name value.");
            if (_values.ContainsKey(name))
                throw new UsageException($"{name} is given twice.");
            if (flags.Contains(name))
            {
                _values[name] = null;
                continue;
            }
            if (i + 1 >= list.Count)
                throw new UsageException($"{name} needs a value.");
            _values[name] = list[++i];
        }
    }

    public bool Flag(string name) => _values.Remove(name);

    public string? Text(string name) => _values.Remove(name, out var value) ? value : null;

    public string Text(string name, string fallback) => Text(name) ?? fallback;

    public int Int(string name, int fallback, int min = 0) => IntOrNull(name, min) ?? fallback;

    public int? IntOrNull(string name, int min = 0)
    {
        if (Text(name) is not { } text)
            return null;
        if (!int.TryParse(text.Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < min)
            throw new UsageException($"{name} must be a whole number of at least {min}, not '{text}'.");
        return value;
    }

    public IReadOnlyList<string> List(string name, IReadOnlyList<string> fallback) =>
        Text(name) is { } text
            ? text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : fallback;

    public IReadOnlyList<int> Ints(string name, IReadOnlyList<int> fallback)
    {
        if (Text(name) is not { } text)
            return fallback;
        var values = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < 1)
                throw new UsageException($"{name} takes positive whole numbers separated by commas, not '{text}'.");
            values.Add(value);
        }
        return values;
    }

    public void EnsureAllUsed()
    {
        if (_values.Count > 0)
            throw new UsageException($"Unknown option {string.Join(", ", _values.Keys)}; run with --help for the options.");
    }
}

/// <summary>A rejected command line; the message says what is wrong.</summary>
internal sealed class UsageException(string message) : Exception(message);
