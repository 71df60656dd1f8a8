using System;
using System.Collections.Generic;
using System.Linq;

namespace Dsl.Generator.Emit;

/// <summary>
/// Hint names of generated files. Roslyn compares them ignoring case, while C# names are case-sensitive: of
/// models whose full names differ only in case, all but the first (in ordinal order) get a number, so that
/// AddSource never sees a duplicate (which it would throw for, dropping all output).
/// </summary>
internal static class HintNames
{
    /// <param name="fullName">The model's full name.</param>
    /// <param name="sameKindNames">Full names of every model that uses <paramref name="suffix"/>.</param>
    /// <param name="suffix">Keeps attribute and YAML models apart (<c>""</c> or <c>.model-yaml</c>).</param>
    public static string For(string fullName, IEnumerable<string> sameKindNames, string suffix)
    {
        var variants = sameKindNames
            .Where(n => string.Equals(n, fullName, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();
        int rank = variants.IndexOf(fullName);
        return Identifier.ForHintName(fullName) + suffix + (rank > 0 ? "-" + Invariant.ToText(rank + 1) : string.Empty) + ".g.cs";
    }
}
