using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>
/// Channels-last (NHWC) strides for image batches. TorchSharp 0.107 has a <c>memory_format</c> enum but no method that
/// takes one (no <c>to(memory_format)</c>, no <c>contiguous(memory_format)</c>), so the layout is made from permutes:
/// the shape stays (N, C, H, W) and only the strides change, which libtorch reads as channels-last.
/// </summary>
internal static class MemoryLayout
{
    /// <summary>
    /// <paramref name="batch"/> with channels-last strides, or itself when it is not 4-D. A one-channel batch becomes a view
    /// (its memory order is already NHWC); others are copied.
    /// </summary>
    public static Tensor ChannelsLast(Tensor batch)
    {
        if (batch.Dimensions != 4 || IsChannelsLast(batch))
            return batch;
        long n = batch.shape[0], c = batch.shape[1], h = batch.shape[2], w = batch.shape[3];
        // With one channel, permute + contiguous would be a no-op that keeps NCHW strides, so build the strides
        // (H·W, 1, W, 1) as a view of the (N, H, W, 1) reading instead.
        return c == 1
            ? batch.reshape(n, h, w, 1).permute(0, 3, 1, 2)
            : batch.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
    }

    /// <summary>Whether a 4-D tensor's strides are exactly NHWC's, as <c>ChannelsLast</c> makes them.</summary>
    public static bool IsChannelsLast(Tensor batch)
    {
        if (batch.Dimensions != 4)
            return false;
        var stride = batch.stride();
        long c = batch.shape[1], w = batch.shape[3];
        return stride[1] == 1 && stride[3] == c && stride[2] == w * c && stride[0] == batch.shape[2] * w * c;
    }
}
