using System;

namespace Dsl;

/// <summary>
/// Gives each sample a new shape with the same values in the same order (Keras <c>Reshape</c>):
/// <c>[Reshape(4, 7, 7)]</c> after a 196-unit Dense makes 4 channels of 7x7. The shape is written like
/// <see cref="InputAttribute"/>'s, without the batch; one dimension may be -1, worked out from the others.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ReshapeAttribute : LayerAttribute
{
    /// <summary>The options as text, as the layer's YAML entry writes them; in a block, values may read its parameters (<c>$filters</c>).</summary>
    /// <param name="options">Keys and values (<c>"filters: $filters, kernel_size: 3"</c>), or a bare value for the main option.</param>
    public ReshapeAttribute(string options)
        : base(options)
    {
        TargetShape = System.Array.Empty<int>();
    }

    /// <param name="targetShape">1 to 3 dimensions (features; channels, length; channels, height, width), each at least 1 or one of them -1.</param>
    public ReshapeAttribute(params int[] targetShape) => TargetShape = targetShape;

    /// <summary>The new shape as given.</summary>
    public int[] TargetShape { get; }
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="ReshapeAttribute"/>.</summary>
    public static LayerKind Reshape { get; } = new(nameof(Reshape));
}
