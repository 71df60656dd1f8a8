using System;
using System.Collections.Generic;
using System.Linq;

namespace Dsl.Generator.Layers;

/// <summary>
/// Every layer kind: one instance of each concrete <see cref="LayerDefinition"/> in this assembly, found by
/// reflection so that adding a kind edits no list. Ordered by Keras name, so messages and docs list kinds the
/// same way on every machine.
/// </summary>
internal static class LayerRegistry
{
    private static readonly Lazy<Registry> Instance = new(Discover);

    public static IReadOnlyList<LayerDefinition> All => Instance.Value.Kinds;

    /// <summary>The kind with this <c>LayerKind</c> name.</summary>
    /// <exception cref="InvalidOperationException">No such kind: a spec built by a parser always names one (reported as DSL999).</exception>
    public static LayerDefinition Get(string kind) =>
        Instance.Value.ByKind.TryGetValue(kind, out var definition)
            ? definition
            : throw new InvalidOperationException("no layer kind is named '" + kind + "'");

    /// <summary>The kind declared by the attribute with this metadata name, or null.</summary>
    public static LayerDefinition? FindAttribute(string metadataName) =>
        Instance.Value.ByAttribute.TryGetValue(metadataName, out var definition) ? definition : null;

    /// <summary>The kind with this YAML key (Keras's snake_case name), or null.</summary>
    public static LayerDefinition? FindYaml(string kerasName) =>
        Instance.Value.ByYaml.TryGetValue(kerasName, out var definition) ? definition : null;

    private static Registry Discover()
    {
        var kinds = typeof(LayerDefinition).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && typeof(LayerDefinition).IsAssignableFrom(t))
            .Select(t => (LayerDefinition)Activator.CreateInstance(t)!)
            .OrderBy(k => k.KerasName, StringComparer.Ordinal)
            .ToList();
        return new Registry(
            kinds,
            kinds.ToDictionary(k => k.Kind, StringComparer.Ordinal),
            kinds.ToDictionary(k => k.AttributeName, StringComparer.Ordinal),
            kinds.ToDictionary(k => k.KerasName, StringComparer.Ordinal));
    }

    private sealed record Registry(
        IReadOnlyList<LayerDefinition> Kinds,
        IReadOnlyDictionary<string, LayerDefinition> ByKind,
        IReadOnlyDictionary<string, LayerDefinition> ByAttribute,
        IReadOnlyDictionary<string, LayerDefinition> ByYaml);
}
