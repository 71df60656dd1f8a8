using System;

namespace Dsl;

/// <summary>The element-wise maximum of its inputs (Keras <c>Maximum</c>); the inputs must have one shape.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MaximumAttribute : MergeLayerAttribute
{
    /// <param name="inputs">The layers to join, by name (<c>"input"</c> for the model's input).</param>
    public MaximumAttribute(params string[] inputs)
        : base(inputs)
    {
    }
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="MaximumAttribute"/>.</summary>
    public static LayerKind Maximum { get; } = new(nameof(Maximum));
}
