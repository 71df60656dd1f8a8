namespace Dsl.Generator.Layers.Geometry;

/// <summary>Zero padding on each side, as Keras's "same" computes it (the extra row or column goes bottom/right).</summary>
internal readonly record struct Pads(int Top, int Bottom, int Left, int Right)
{
    public bool IsZero => Top == 0 && Bottom == 0 && Left == 0 && Right == 0;

    /// <summary>True when the module's own symmetric padding argument can express it.</summary>
    public bool IsSymmetric => Top == Bottom && Left == Right;

    /// <summary>What <paramref name="padding"/> adds around a <paramref name="height"/> x <paramref name="width"/> input.</summary>
    public static Pads For(Padding padding, int height, int width, Window2D window, Window2D stride)
    {
        if (padding != Padding.Same)
            return default;
        var (top, bottom) = LayerMath.SamePadding(height, window.Height, stride.Height);
        var (left, right) = LayerMath.SamePadding(width, window.Width, stride.Width);
        return new Pads(top, bottom, left, right);
    }
}
