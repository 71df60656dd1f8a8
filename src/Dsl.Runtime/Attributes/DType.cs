namespace Dsl;

/// <summary>
/// The element type of a model's input (Keras's <c>dtype</c>): float32 by default; integers for token ids or raw
/// pixel values. Layers check the element types they receive at compile time: a convolution needs floating-point
/// values, so integer inputs go through a layer that accepts them first (<c>Rescaling</c> casts, as in Keras).
/// </summary>
public enum DType
{
    /// <summary>32-bit floating point (Keras's <c>float32</c>): what every layer computes in.</summary>
    Float32 = 0,
    /// <summary>64-bit integers (<c>int64</c>), TorchSharp's and PyTorch's default for indices and token ids.</summary>
    Int64,
    /// <summary>32-bit integers (<c>int32</c>), Keras's default for token ids.</summary>
    Int32,
    /// <summary>Unsigned bytes (<c>uint8</c>): raw pixel values, 0 to 255.</summary>
    UInt8,
}
