using System;

namespace Dsl;

/// <summary>
/// Layer normalisation with Keras's defaults (Keras <c>LayerNormalization</c>, axis -1): each sample is normalised
/// over its channels at every position of an image or step of a sequence, or over its features when flat; then
/// scaled and shifted by a learned gamma (ones) and beta (zeros) per channel, 2·C parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LayerNormAttribute : LayerAttribute
{
    /// <summary>Added to the variance for numerical stability; Keras's default 0.001.</summary>
    public double Epsilon { get; set; } = 0.001;
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="LayerNormAttribute"/>.</summary>
    public static LayerKind LayerNorm { get; } = new(nameof(LayerNorm));
}
