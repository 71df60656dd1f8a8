using Dsl.Generator.Diagnostics;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Geometry;

/// <summary>
/// The shape rule shared by layers that slide a window over an image (convolution, pooling): Keras's output size
/// for valid and same padding, and the errors for a window larger than a valid-padded input or an output that
/// shrinks below 1x1.
/// </summary>
internal static class SlidingWindow2D
{
    /// <summary>The output height and width, or null after reporting why there are none.</summary>
    /// <param name="windowWord">How messages call the window: <c>kernel</c> or <c>pool window</c>.</param>
    public static (int Height, int Width)? Output(LayerContext context, Window2D window, Window2D stride, Padding padding, int outChannels, string windowWord)
    {
        var input = context.Input;
        int height = input[1], width = input[2];
        int outHeight = LayerMath.OutputLength(height, window.Height, stride.Height, padding);
        int outWidth = LayerMath.OutputLength(width, window.Width, stride.Width, padding);
        if (padding == Padding.Valid && (window.Height > height || window.Width > width))
        {
            context.WindowTooLarge(context.Name, window.ToString(), windowWord,
                height + "x" + width, context.Producer, Invariant.SampleShape(new[] { outChannels, outHeight, outWidth }));
            return null;
        }
        if (outHeight < 1 || outWidth < 1)
        {
            context.Fail(DiagnosticDescriptors.OutputBelowOne, "'" + context.Name + "'",
                Invariant.SampleShape(new[] { outChannels, outHeight, outWidth }), " from input " + Invariant.SampleShape(input));
            return null;
        }
        return (outHeight, outWidth);
    }
}
