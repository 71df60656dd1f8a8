using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Geometry;

/// <summary>A height-by-width pair: kernel, pool window or stride.</summary>
internal readonly record struct Window2D(int Height, int Width)
{
    /// <summary>One value means a square; two are height and width (options are checked to hold one or two).</summary>
    public static Window2D From(EquatableArray<int> values) =>
        values.Count == 1 ? new Window2D(values[0], values[0]) : new Window2D(values[0], values[1]);

    public override string ToString() => Height + "x" + Width;
}
