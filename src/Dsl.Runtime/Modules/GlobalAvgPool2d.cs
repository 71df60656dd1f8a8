using static TorchSharp.torch;

namespace Dsl.Modules;

/// <summary>
/// Averages each channel over height and width: (N, C, H, W) → (N, C), as Keras's GlobalAveragePooling2D.
/// TorchSharp's AdaptiveAvgPool2d keeps two trailing 1-sized dimensions, which would make the module's
/// output disagree with the layer's declared shape.
/// </summary>
public sealed class GlobalAvgPool2d : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the module; it has no parameters.</summary>
    public GlobalAvgPool2d() : base(nameof(GlobalAvgPool2d))
    {
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => input.mean(new long[] { 2, 3 });
}
