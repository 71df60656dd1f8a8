using System.ComponentModel;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Support;

/// <summary>
/// Keras's "same" padding where it is asymmetric (the odd extra row/column goes bottom/right), which the
/// padding arguments of TorchSharp's modules cannot express. Symmetric cases use the modules' own padding.
/// On a sequence (N, C, L), top and bottom are 0 and left and right pad the start and end of the length.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KerasPadding
{
    /// <summary>Zero padding before a convolution.</summary>
    public static Tensor Zeros(Tensor x, long top, long bottom, long left, long right) =>
        nn.functional.pad(x, (left, right, top, bottom));

    /// <summary>Max pooling over a window that may hang over the edge: padded cells never win.</summary>
    public static Tensor MaxPool(Tensor x, nn.Module<Tensor, Tensor> pool, long top, long bottom, long left, long right)
    {
        using var padded = nn.functional.pad(x, (left, right, top, bottom), value: double.NegativeInfinity);
        return pool.call(padded);
    }

    /// <summary>Average pooling that, like Keras, averages only the real cells under each window.</summary>
    public static Tensor AvgPool(Tensor x, nn.Module<Tensor, Tensor> pool, long top, long bottom, long left, long right)
    {
        using var padded = nn.functional.pad(x, (left, right, top, bottom));
        using var sums = pool.call(padded);
        // One sample of one channel, whatever the rank: (1, 1, H, W) for images, (1, 1, L) for sequences.
        var shape = (long[])x.shape.Clone();
        shape[0] = 1;
        shape[1] = 1;
        using var ones = torch.ones(shape, dtype: x.dtype, device: x.device);
        using var paddedOnes = nn.functional.pad(ones, (left, right, top, bottom));
        using var coverage = pool.call(paddedOnes);
        return sums.div(coverage);
    }
}
