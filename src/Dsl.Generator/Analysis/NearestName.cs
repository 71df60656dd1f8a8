using System;
using System.Collections.Generic;

namespace Dsl.Generator.Analysis;

/// <summary>Finds the valid name a misspelt one most likely meant, for "did you mean ...?" hints.</summary>
internal static class NearestName
{
    /// <summary>Longer inputs are not typos of a short keyword; skipping them also bounds the work.</summary>
    private const int MaxInputLength = 64;

    /// <summary>
    /// The closest candidate, or null when none is close. Case, underscores and hyphens are ignored
    /// (<c>KernelSize</c> finds <c>kernel_size</c>); otherwise a candidate is close within a third of its
    /// length in Damerau-Levenshtein edits, or when the input is a prefix of it (<c>batch_norm</c>).
    /// </summary>
    public static string? Find(string input, IEnumerable<string> candidates, IReadOnlyDictionary<string, string>? aliases = null)
    {
        if (input.Length == 0 || input.Length > MaxInputLength)
            return null;
        if (aliases is not null && aliases.TryGetValue(input, out var alias))
            return alias;

        string wanted = Normalize(input);
        string? best = null;
        int bestScore = int.MaxValue;
        foreach (var candidate in candidates)
        {
            string name = Normalize(candidate);
            int limit = Math.Max(1, name.Length / 3);
            int distance = Distance(wanted, name);
            int score = distance <= limit ? distance
                : wanted.Length >= 3 && name.StartsWith(wanted, StringComparison.Ordinal) ? limit
                : int.MaxValue;
            if (score < bestScore)
            {
                best = candidate;
                bestScore = score;
            }
        }
        return best;
    }

    /// <summary>Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps.</summary>
    public static int Distance(string a, string b)
    {
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    value = Math.Min(value, previous2[j - 2] + 1);
                current[j] = value;
            }
            (previous2, previous, current) = (previous, current, previous2);
        }
        return previous[b.Length];
    }

    private static string Normalize(string name)
    {
        var text = new System.Text.StringBuilder(name.Length);
        foreach (char c in name)
        {
            if (c is not ('_' or '-' or ' '))
                text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}
