using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace Dsl;

/// <summary>
/// A kind of layer, one per layer attribute: <c>LayerKind.Conv2D</c> for <see cref="Conv2DAttribute"/>. Each kind's
/// value is declared next to its attribute, so a new kind is one attribute file (plus its description in the
/// generator). Compared by name; <see cref="ToString"/> is that name.
/// </summary>
public readonly partial struct LayerKind : IEquatable<LayerKind>
{
    private static IReadOnlyList<LayerKind>? s_all;

    private readonly string? _name;

    private LayerKind(string name) => _name = name;

    /// <summary>The kind's name, the attribute's name without <c>Attribute</c>: <c>Conv2D</c>, <c>MaxPool2D</c>.</summary>
    public string Name => _name ?? string.Empty;

    /// <summary>Every kind the DSL knows, ordered by name.</summary>
    // Computed on first use, not in an initializer: the kinds' own initializers sit in other files of this partial
    // struct, and C# does not order static initializers across partial declarations.
    public static IReadOnlyList<LayerKind> All => s_all ??= typeof(LayerKind)
        .GetProperties(BindingFlags.Public | BindingFlags.Static)
        .Where(p => p.PropertyType == typeof(LayerKind))
        .Select(p => (LayerKind)p.GetValue(null)!)
        .OrderBy(k => k.Name, StringComparer.Ordinal)
        .ToArray();

    /// <inheritdoc />
    public bool Equals(LayerKind other) => string.Equals(Name, other.Name, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is LayerKind other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>Whether two kinds are the same.</summary>
    public static bool operator ==(LayerKind left, LayerKind right) => left.Equals(right);

    /// <summary>Whether two kinds differ.</summary>
    public static bool operator !=(LayerKind left, LayerKind right) => !left.Equals(right);
}
