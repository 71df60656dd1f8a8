using System;

namespace Dsl;

/// <summary>Takes each channel's maximum over the sequence, giving a vector: (C, L) → (C) (Keras <c>GlobalMaxPooling1D</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalMaxPool1DAttribute : LayerAttribute
{
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="GlobalMaxPool1DAttribute"/>.</summary>
    public static LayerKind GlobalMaxPool1D { get; } = new(nameof(GlobalMaxPool1D));
}
