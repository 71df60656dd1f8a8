namespace Dsl;

/// <summary>How Keras's <c>Bidirectional</c> joins the forward and the backward layer's outputs (its <c>merge_mode</c>).</summary>
public enum MergeMode
{
    /// <summary>Side by side on the last axis: twice the wrapped layer's units (Keras's default).</summary>
    Concat = 0,
    /// <summary>Element-wise sum.</summary>
    Sum,
    /// <summary>Element-wise product.</summary>
    Mul,
    /// <summary>Element-wise mean.</summary>
    Ave,
    /// <summary>No merge (Keras's <c>merge_mode=None</c>): the layer has two outputs, <c>forward</c> and <c>backward</c>.</summary>
    None,
}
