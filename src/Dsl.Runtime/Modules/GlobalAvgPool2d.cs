using static TorchSharp.torch;

namespace Dsl.Modules;

/// <summary>
/// Averages each channel over height and width: (N, C, H, W) → (N, C), as Keras's GlobalAveragePooling2D, or
/// (N, C, 1, 1) with Keras's <c>keepdims</c>. TorchSharp's AdaptiveAvgPool2d always keeps the two trailing 1-sized
/// dimensions, which would make the module's output disagree with the layer's declared shape.
/// </summary>
public sealed class GlobalAvgPool2d : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the module, which gives (N, C); it has no parameters.</summary>
    public GlobalAvgPool2d() : this(keepdims: false)
    {
    }

    /// <summary>Creates the module; it has no parameters.</summary>
    /// <param name="keepdims">Whether height and width are kept with size 1 (Keras <c>keepdims</c>).</param>
    public GlobalAvgPool2d(bool keepdims) : base(nameof(GlobalAvgPool2d)) => Keepdims = keepdims;

    /// <summary>Whether height and width are kept with size 1.</summary>
    public bool Keepdims { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => input.mean(new long[] { 2, 3 }, keepdim: Keepdims);
}
