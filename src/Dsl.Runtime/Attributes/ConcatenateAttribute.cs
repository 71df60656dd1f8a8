using System;

namespace Dsl;

/// <summary>Joins its inputs along the channels of images and sequences, or the features of flat inputs (Keras <c>Concatenate</c> with its default last axis, which is channels in Keras's channels-last layout). The inputs must agree in every other dimension.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ConcatenateAttribute : MergeLayerAttribute
{
    /// <param name="inputs">The layers to join, by name (<c>"input"</c> for the model's input).</param>
    public ConcatenateAttribute(params string[] inputs)
        : base(inputs)
    {
    }
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="ConcatenateAttribute"/>.</summary>
    public static LayerKind Concatenate { get; } = new(nameof(Concatenate));
}
