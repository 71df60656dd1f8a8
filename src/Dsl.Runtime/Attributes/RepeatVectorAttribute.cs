using System;

namespace Dsl;

/// <summary>
/// Repeats a flat input n times (Keras <c>RepeatVector</c>): (features) becomes (n, features), a sequence of n equal steps,
/// as a sequence-to-sequence model hands its encoder's vector to every step of its decoder. No parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RepeatVectorAttribute : LayerAttribute
{
    /// <summary>The options as text, as the layer's YAML entry writes them; in a block, values may read its parameters (<c>$filters</c>).</summary>
    /// <param name="options">Keys and values (<c>"filters: $filters, kernel_size: 3"</c>), or a bare value for the main option.</param>
    public RepeatVectorAttribute(string options)
        : base(options)
    {
    }

    /// <param name="n">How many steps the output has, at least 1.</param>
    public RepeatVectorAttribute(int n) => N = n;

    /// <summary>How many steps the output has.</summary>
    public int N { get; }
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="RepeatVectorAttribute"/>.</summary>
    public static LayerKind RepeatVector { get; } = new(nameof(RepeatVector));
}
