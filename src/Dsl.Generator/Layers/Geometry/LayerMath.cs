namespace Dsl.Generator.Layers.Geometry;

/// <summary>
/// Keras's shape arithmetic for one spatial dimension (keras/src/ops/operation_utils.py), written as plain
/// integer math so that the generator can run it.
/// </summary>
internal static class LayerMath
{
    /// <summary>valid: floor((in - window) / stride) + 1; same: ceil(in / stride). May be below 1.</summary>
    public static int OutputLength(int input, int window, int stride, Padding padding) =>
        padding == Padding.Same
            ? CeilDiv(input, stride)
            : FloorDiv(input - window, stride) + 1;

    /// <summary>
    /// Total zero padding "same" adds so that the window covers ceil(in / stride) positions; the smaller half
    /// goes first (top/left), as in TensorFlow.
    /// </summary>
    public static (int Before, int After) SamePadding(int input, int window, int stride)
    {
        int output = CeilDiv(input, stride);
        int total = System.Math.Max((output - 1) * stride + window - input, 0);
        return (total / 2, total - (total / 2));
    }

    public static int CeilDiv(int a, int b) => -FloorDiv(-a, b);

    public static int FloorDiv(int a, int b)
    {
        int quotient = a / b;
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient;
    }
}
