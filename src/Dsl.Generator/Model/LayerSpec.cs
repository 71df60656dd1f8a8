using System;

namespace Dsl.Generator.Model;

/// <summary>
/// One declared layer, as written (attribute or YAML), before any checking: its kind (the <c>LayerKind</c> name,
/// <c>Conv2D</c>) and the options that were given, by their canonical names. Options left out keep the kind's
/// defaults, which its description knows.
/// </summary>
internal sealed record LayerSpec(string Kind, SourceLocation Location)
{
    public EquatableArray<OptionEntry> Options { get; init; } = EquatableArray<OptionEntry>.Empty;

    /// <summary>The value given for <paramref name="option"/>, or null when it was left out.</summary>
    public OptionValue? Find(string option)
    {
        foreach (var entry in Options)
        {
            if (string.Equals(entry.Name, option, StringComparison.Ordinal))
                return entry.Value;
        }
        return null;
    }
}
