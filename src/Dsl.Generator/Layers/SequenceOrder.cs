namespace Dsl.Generator.Layers;

/// <summary>
/// The order in which a kind computes on a sequence. Users always see (steps, features), Keras's order; libtorch's
/// convolutions, pools and batch normalisation take (N, C, L). The emitter transposes only where a run of
/// channels-first kinds begins and ends, so a stack of 1-D convolutions pays for no transposes between its layers.
/// </summary>
internal enum SequenceOrder
{
    /// <summary>(N, steps, features), as the user sees it: the default.</summary>
    StepsFirst,

    /// <summary>(N, channels, steps): its <c>Forward</c> and <c>Onnx</c> take and give that order.</summary>
    ChannelsFirst,

    /// <summary>Either order, the output in the input's (element-wise kinds: dropout).</summary>
    Either,
}
