using System;

namespace Dsl;

/// <summary>Takes each channel's maximum over height and width, giving a vector (Keras <c>GlobalMaxPooling2D</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalMaxPool2DAttribute : LayerAttribute
{
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="GlobalMaxPool2DAttribute"/>.</summary>
    public static LayerKind GlobalMaxPool2D { get; } = new(nameof(GlobalMaxPool2D));
}
