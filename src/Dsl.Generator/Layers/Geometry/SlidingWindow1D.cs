using Dsl.Generator.Diagnostics;

namespace Dsl.Generator.Layers.Geometry;

/// <summary>
/// The shape rule and the padding shared by layers that slide a window along a sequence (1-D convolution and
/// pooling), as keras/src/ops/operation_utils.py computes them: a window of <c>size</c> taps <c>dilation</c> apart
/// spans dilation·(size − 1) + 1 steps; valid gives floor((length − span) / stride) + 1, same and causal give
/// ceil(length / stride). Computed in 64 bits, so that no declared size can overflow the arithmetic.
/// </summary>
internal static class SlidingWindow1D
{
    /// <summary>The steps a window of <paramref name="size"/> taps <paramref name="dilation"/> apart covers.</summary>
    public static long Span(int size, int dilation) => ((long)dilation * (size - 1)) + 1;

    /// <summary>The output length, or null after reporting why there is none (DSL003, DSL002).</summary>
    /// <param name="windowWord">How messages call the window: <c>kernel</c> or <c>pool window</c>.</param>
    public static int? Output(LayerContext context, int size, int dilation, int stride, Padding padding, int outChannels, string windowWord)
    {
        int length = context.Input[0];
        long span = Span(size, dilation);
        long output = padding == Padding.Valid ? FloorDiv(length - span, stride) + 1 : CeilDiv(length, stride);
        if (padding == Padding.Valid && span > length)
        {
            string window = "of " + Steps(span) + (dilation > 1 ? " (" + Invariant.ToText(size) + " taps at dilation rate " + Invariant.ToText(dilation) + ")" : string.Empty);
            context.WindowTooLarge(context.Name, windowWord, window,
                Steps(length), context.Producer, "(" + Invariant.ToText(output) + ", " + Invariant.ToText(outChannels) + ")");
            return null;
        }
        if (output < 1)
        {
            context.Fail(DiagnosticDescriptors.OutputBelowOne, "'" + context.Name + "'",
                "(" + Invariant.ToText(output) + ", " + Invariant.ToText(outChannels) + ")", " from input " + Invariant.SampleShape(context.Input));
            return null;
        }
        return (int)output;
    }

    /// <summary>
    /// The zeros <paramref name="padding"/> adds before and after the sequence: none for valid; for same, what makes
    /// the window cover ceil(length / stride) positions, the smaller half first (as TensorFlow and Keras's torch
    /// backend split it); for causal, span − 1 before and none after, as Keras pads causally.
    /// </summary>
    public static (long Before, long After) Pads(Padding padding, int length, int size, int dilation, int stride)
    {
        long span = Span(size, dilation);
        switch (padding)
        {
            case Padding.Same:
                long output = CeilDiv(length, stride);
                long total = System.Math.Max(((output - 1) * stride) + span - length, 0);
                return (total / 2, total - (total / 2));
            case Padding.Causal:
                return (span - 1, 0);
            default:
                return (0, 0);
        }
    }

    private static string Steps(long steps) => Invariant.ToText(steps) + (steps == 1 ? " step" : " steps");

    private static long CeilDiv(long a, long b) => -FloorDiv(-a, b);

    private static long FloorDiv(long a, long b)
    {
        long quotient = a / b;
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient;
    }
}
