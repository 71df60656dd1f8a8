using Dsl.Generator.Model;

namespace Dsl.Generator.Shapes;

/// <summary>
/// A checked layer with everything resolved: its Keras name, per-sample input and output shapes, parameter
/// and mult-add counts, and the explicit window, stride and zero padding the emitter needs.
/// </summary>
internal sealed record LayerPlan
{
    public required LayerKind Kind { get; init; }

    /// <summary>Keras-style unique name (<c>conv2d_1</c>), used as field name and state-dict key.</summary>
    public required string Name { get; init; }

    /// <summary>Keras's class name (<c>Conv2D</c>, <c>MaxPooling2D</c>).</summary>
    public required string TypeName { get; init; }

    public required EquatableArray<int> InputShape { get; init; }

    public required EquatableArray<int> OutputShape { get; init; }

    public long Parameters { get; init; }

    public long TrainableParameters { get; init; }

    public long MultAdds { get; init; }

    public int Size { get; init; }

    public Window2D Window { get; init; }

    public Window2D Stride { get; init; }

    public Pads Pads { get; init; }

    public Padding Padding { get; init; }

    public Activation Activation { get; init; }

    public bool UseBias { get; init; }

    public double Rate { get; init; }

    public double Epsilon { get; init; }

    public double Momentum { get; init; }

    public bool HasWindow => Kind is LayerKind.Conv2D or LayerKind.MaxPool2D or LayerKind.AvgPool2D;
}

/// <summary>A height-by-width pair: kernel, pool window or stride.</summary>
internal readonly record struct Window2D(int Height, int Width)
{
    public override string ToString() => Height + "x" + Width;
}

/// <summary>Zero padding on each side, as Keras's "same" computes it (the extra row or column goes bottom/right).</summary>
internal readonly record struct Pads(int Top, int Bottom, int Left, int Right)
{
    public bool IsZero => Top == 0 && Bottom == 0 && Left == 0 && Right == 0;

    /// <summary>True when the module's own symmetric padding argument can express it.</summary>
    public bool IsSymmetric => Top == Bottom && Left == Right;
}
