using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Data;

internal static class TensorAssert
{
    /// <summary>Same dtype, same shape, same values (Tensor.equal compares element-wise, so it is not enough alone).</summary>
    public static void Identical(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.dtype, actual.dtype);
        Assert.Equal(expected.shape, actual.shape);
        using Tensor same = expected.eq(actual).all();
        Assert.True(same.item<bool>());
    }
}
