using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Model;

namespace Dsl.Generator.Analysis;

/// <summary>
/// Every block declared in the compilation (attributes and YAML), which models and other blocks use by name: a full name
/// (<c>Zoo.Bottleneck</c>) always; a class name alone when it is unambiguous, or names a block of the user's own
/// namespace. Value-equatable, so a model's analysis reruns only when some block changes.
/// </summary>
internal sealed record BlockLibrary(EquatableArray<GraphSpec> Blocks)
{
    public static BlockLibrary Empty { get; } = new(EquatableArray<GraphSpec>.Empty);

    public static BlockLibrary Create(IEnumerable<GraphSpec> blocks) =>
        new(blocks.OrderBy(b => b.FullName, StringComparer.Ordinal).ThenBy(b => b.AnchorKey, StringComparer.Ordinal).ToEquatableArray());

    /// <summary>The blocks <paramref name="name"/> can mean, seen from a declaration in <paramref name="fromNamespace"/>: one, several (ambiguous) or none.</summary>
    public IReadOnlyList<GraphSpec> Resolve(string name, string fromNamespace)
    {
        var exact = Blocks.Where(b => b.FullName == name).ToList();
        if (exact.Count > 0)
            return exact;
        var simple = Blocks.Where(b => b.ClassName == name).ToList();
        if (simple.Count <= 1)
            return simple;
        var local = simple.Where(b => b.Namespace == fromNamespace).ToList();
        return local.Count > 0 ? local : simple;
    }

    /// <summary>Names for "did you mean" hints.</summary>
    public IEnumerable<string> Names => Blocks.Select(b => b.ClassName).Distinct(StringComparer.Ordinal);
}
