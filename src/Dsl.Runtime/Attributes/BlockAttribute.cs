using System;

namespace Dsl;

/// <summary>
/// Declares the class as a <b>block</b>: a piece of graph declared once, with its layers as attributes like a model's,
/// and used as a layer by models and other blocks (<see cref="UseAttribute"/>). A block has no fixed input shape: it
/// takes the shape of whatever it is applied to, as a Keras layer does, and its shapes, parameters and mult-adds are
/// worked out and checked at every use. Parameters (<see cref="ParamAttribute"/>) let its layers' options vary from use
/// to use (<c>[Conv2D("filters: $filters * 4, kernel_size: 1")]</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class BlockAttribute : Attribute
{
    /// <summary>
    /// The block's inputs, by name, in the order a use passes them; default one input named <c>input</c>. Its layers
    /// refer to them like to a model's inputs.
    /// </summary>
    public string[]? Inputs { get; set; }
}
