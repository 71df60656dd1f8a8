using System;

namespace Dsl;

/// <summary>
/// Asserts at compile time that the model has exactly this many parameters (Keras's "Total params"), so an
/// architecture cannot drift from the one it was meant to reproduce.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ExpectParametersAttribute : Attribute
{
    /// <param name="count">The expected total parameter count.</param>
    public ExpectParametersAttribute(long count) => Count = count;

    /// <summary>The expected total parameter count.</summary>
    public long Count { get; }
}
