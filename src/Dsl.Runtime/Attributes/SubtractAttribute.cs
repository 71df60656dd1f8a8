using System;

namespace Dsl;

/// <summary>Subtracts its second input from its first, element by element (Keras <c>Subtract</c>); exactly two inputs of one shape.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SubtractAttribute : MergeLayerAttribute
{
    /// <param name="inputs">The layers to join, by name (<c>"input"</c> for the model's input).</param>
    public SubtractAttribute(params string[] inputs)
        : base(inputs)
    {
    }
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="SubtractAttribute"/>.</summary>
    public static LayerKind Subtract { get; } = new(nameof(Subtract));
}
