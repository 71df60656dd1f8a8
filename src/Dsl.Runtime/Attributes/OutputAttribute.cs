using System;

namespace Dsl;

/// <summary>
/// Names a layer whose output is an output of the model (Keras's <c>Model(inputs, outputs=[…])</c>). Without it the
/// last declared layer is the only output; with it, the model returns every named output, in declaration order: a
/// classifier with an auxiliary head, an encoder that also returns its features. In a block, the same for the block.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class OutputAttribute : Attribute
{
    /// <param name="layer">The layer (or block use) whose output it is, by name.</param>
    public OutputAttribute(string layer) => Layer = layer;

    /// <summary>The layer whose output it is, by name.</summary>
    public string Layer { get; }
}
