namespace Dsl;

/// <summary>Keras's padding modes for convolution and pooling (causal: 1-D convolution only).</summary>
public enum Padding
{
    /// <summary>No padding: output = floor((input - kernel) / stride) + 1.</summary>
    Valid = 0,
    /// <summary>Zero padding (extra row/column at the bottom/right when odd) so that output = ceil(input / stride).</summary>
    Same,
    /// <summary>Keras's causal padding for 1-D convolutions: zeros on the left only, so an output never sees a later step.</summary>
    Causal,
}
