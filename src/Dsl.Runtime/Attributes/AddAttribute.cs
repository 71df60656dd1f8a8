using System;

namespace Dsl;

/// <summary>Adds its inputs element by element (Keras <c>Add</c>): a residual connection is <c>[Add("shortcut", "branch")]</c>. The inputs must have one shape.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AddAttribute : MergeLayerAttribute
{
    /// <param name="inputs">The layers to join, by name (<c>"input"</c> for the model's input).</param>
    public AddAttribute(params string[] inputs)
        : base(inputs)
    {
    }
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="AddAttribute"/>.</summary>
    public static LayerKind Add { get; } = new(nameof(Add));
}
