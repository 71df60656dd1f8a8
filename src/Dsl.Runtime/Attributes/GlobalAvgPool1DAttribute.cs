using System;

namespace Dsl;

/// <summary>Averages each channel over the sequence, giving a vector: (C, L) → (C) (Keras <c>GlobalAveragePooling1D</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalAvgPool1DAttribute : LayerAttribute
{
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="GlobalAvgPool1DAttribute"/>.</summary>
    public static LayerKind GlobalAvgPool1D { get; } = new(nameof(GlobalAvgPool1D));
}
