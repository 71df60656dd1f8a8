using System;

namespace Dsl;

/// <summary>Flattens each sample to a vector (Keras <c>Flatten</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class FlattenAttribute : LayerAttribute
{
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="FlattenAttribute"/>.</summary>
    public static LayerKind Flatten { get; } = new(nameof(Flatten));
}
