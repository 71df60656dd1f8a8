using System.ComponentModel;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Support;

/// <summary>
/// Keras's "same" padding where it is asymmetric (the odd extra row/column goes bottom/right), which the
/// padding arguments of TorchSharp's modules cannot express. Symmetric cases use the modules' own padding.
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
        using var ones = torch.ones(1, 1, x.shape[2], x.shape[3], dtype: x.dtype, device: x.device);
        using var paddedOnes = nn.functional.pad(ones, (left, right, top, bottom));
        using var coverage = pool.call(paddedOnes);
        return sums.div(coverage);
    }
}
