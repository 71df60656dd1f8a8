using System;

namespace Dsl;

/// <summary>Element-wise dropout, active only in training mode (Keras <c>Dropout</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DropoutAttribute : LayerAttribute
{
    /// <param name="rate">Fraction of inputs zeroed during training, in [0, 1).</param>
    public DropoutAttribute(double rate) => Rate = rate;

    /// <summary>Fraction of inputs zeroed during training.</summary>
    public double Rate { get; }
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="DropoutAttribute"/>.</summary>
    public static LayerKind Dropout { get; } = new(nameof(Dropout));
}
