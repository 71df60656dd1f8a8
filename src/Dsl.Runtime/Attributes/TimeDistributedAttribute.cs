using System;

namespace Dsl;

/// <summary>
/// Applies the layer declared on the next line to every step of its input (Keras <c>TimeDistributed</c>): an input
/// (steps, …) gives (steps, the layer's output), with the layer's parameters, shared by every step.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class TimeDistributedAttribute : LayerAttribute
{
    /// <summary>The options as text, as the layer's YAML entry writes them (<c>"layer: { dense: 8 }"</c>).</summary>
    /// <param name="options">Keys and values; <c>layer</c> given here takes the place of the next line's attribute.</param>
    public TimeDistributedAttribute(string options)
        : base(options)
    {
    }

    /// <summary>Wraps the layer on the next line.</summary>
    public TimeDistributedAttribute()
    {
    }
}

public readonly partial struct LayerKind
{
    /// <summary><see cref="TimeDistributedAttribute"/>.</summary>
    public static LayerKind TimeDistributed { get; } = new(nameof(TimeDistributed));
}
