using System;
using System.Collections.Generic;
using System.Linq;

namespace Dsl;

/// <summary>Name lookup over a set of models, shared by every assembly's generated <c>ModelCatalog</c>.</summary>
public static class ModelLookup
{
    /// <summary>The model whose class name or full name equals <paramref name="name"/> (case-insensitive), or null.</summary>
    public static ModelInfo? Find(IEnumerable<ModelInfo> models, string name) =>
        models.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? models.FirstOrDefault(m => string.Equals(m.FullName, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Like <see cref="Find"/>, but throws with the list of known names when there is no match.</summary>
    public static ModelInfo Get(IEnumerable<ModelInfo> models, string name) =>
        Find(models, name) ?? throw new ArgumentException(
            $"No model named '{name}'. Known models: {string.Join(", ", models.Select(m => m.Name))}.", nameof(name));
}
