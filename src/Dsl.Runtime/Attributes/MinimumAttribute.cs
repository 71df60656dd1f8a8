using System;

namespace Dsl;

/// <summary>The element-wise minimum of its inputs (Keras <c>Minimum</c>); the inputs must have one shape.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MinimumAttribute : MergeLayerAttribute
{
    /// <param name="inputs">The layers to join, by name (<c>"input"</c> for the model's input).</param>
    public MinimumAttribute(params string[] inputs)
        : base(inputs)
    {
    }
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="MinimumAttribute"/>.</summary>
    public static LayerKind Minimum { get; } = new(nameof(Minimum));
}
