using System;

namespace Dsl;

/// <summary>Averages its inputs element by element (Keras <c>Average</c>); the inputs must have one shape.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AverageAttribute : MergeLayerAttribute
{
    /// <param name="inputs">The layers to join, by name (<c>"input"</c> for the model's input).</param>
    public AverageAttribute(params string[] inputs)
        : base(inputs)
    {
    }
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="AverageAttribute"/>.</summary>
    public static LayerKind Average { get; } = new(nameof(Average));
}
