using System;

namespace Dsl;

/// <summary>
/// Batch normalisation over channels (images) or features (vectors), with Keras's defaults
/// (Keras <c>BatchNormalization</c>): 2 trainable and 2 non-trainable values per channel.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class BatchNormAttribute : LayerAttribute
{
    /// <summary>Added to the variance for numerical stability; Keras's default 0.001.</summary>
    public double Epsilon { get; set; } = 0.001;

    /// <summary>Keras's momentum of the moving statistics (0.99 keeps 99% of the old value per batch).</summary>
    public double Momentum { get; set; } = 0.99;
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="BatchNormAttribute"/>.</summary>
    public static LayerKind BatchNorm { get; } = new(nameof(BatchNorm));
}
