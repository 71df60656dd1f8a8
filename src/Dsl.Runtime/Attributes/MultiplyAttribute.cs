using System;

namespace Dsl;

/// <summary>Multiplies its inputs element by element (Keras <c>Multiply</c>); the inputs must have one shape.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MultiplyAttribute : MergeLayerAttribute
{
    /// <param name="inputs">The layers to join, by name (<c>"input"</c> for the model's input).</param>
    public MultiplyAttribute(params string[] inputs)
        : base(inputs)
    {
    }
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="MultiplyAttribute"/>.</summary>
    public static LayerKind Multiply { get; } = new(nameof(Multiply));
}
