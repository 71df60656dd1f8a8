using System;

namespace Dsl;

/// <summary>Averages each channel over height and width, giving a vector (Keras <c>GlobalAveragePooling2D</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalAvgPool2DAttribute : LayerAttribute
{
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="GlobalAvgPool2DAttribute"/>.</summary>
    public static LayerKind GlobalAvgPool2D { get; } = new(nameof(GlobalAvgPool2D));
}
