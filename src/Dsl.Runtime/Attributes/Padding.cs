namespace Dsl;

/// <summary>Keras's padding modes for convolution and pooling.</summary>
public enum Padding
{
    /// <summary>No padding: output = floor((input - kernel) / stride) + 1.</summary>
    Valid = 0,
    /// <summary>Zero padding (extra row/column at the bottom/right when odd) so that output = ceil(input / stride).</summary>
    Same,
}
