using System;

namespace Dsl;

/// <summary>
/// Limits a model must stay within, checked at compile time: a model that would not fit the device it ships to is an
/// error at this attribute, naming the figure, the limit and the layers that contribute most. Each limit is off unless
/// set (a value of 0 means off too). A project sets defaults for every model with the MSBuild properties
/// <c>DslMaxParameters</c>, <c>DslMaxMultAdds</c>, <c>DslMaxActivationBytes</c> and <c>DslMaxParameterBytes</c>; a
/// model's own attribute replaces them.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class BudgetAttribute : Attribute
{
    /// <summary>The most parameters (Keras's "Total params", trainable and not).</summary>
    public long MaxParameters { get; set; }

    /// <summary>The most multiply-accumulate operations for one sample's forward pass.</summary>
    public long MaxMultAdds { get; set; }

    /// <summary>The most bytes one sample's layer outputs take (float32: 4 bytes a value), what a forward pass keeps alive.</summary>
    public long MaxActivationBytes { get; set; }

    /// <summary>The most bytes the parameters take (float32: 4 bytes each), the size of the weights file.</summary>
    public long MaxParameterBytes { get; set; }
}
