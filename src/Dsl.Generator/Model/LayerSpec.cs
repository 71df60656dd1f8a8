namespace Dsl.Generator.Model;

/// <summary>
/// One declared layer, as written (attribute or YAML), before any checking. Options a kind does not use
/// keep their defaults. Window and stride hold one value (square) or two (height, width); an empty stride
/// means the kind's default.
/// </summary>
internal sealed record LayerSpec(LayerKind Kind, SourceLocation Location)
{
    /// <summary>Filters (Conv2D) or units (Dense).</summary>
    public int Size { get; init; }

    /// <summary>Kernel (Conv2D) or pool size (pooling).</summary>
    public EquatableArray<int> Window { get; init; } = EquatableArray<int>.Empty;

    public EquatableArray<int> Stride { get; init; } = EquatableArray<int>.Empty;

    /// <summary>Raw enum value as declared, checked by the analyzer (a cast can smuggle in anything).</summary>
    public int Padding { get; init; }

    /// <summary>Raw enum value as declared, checked by the analyzer.</summary>
    public int Activation { get; init; }

    public bool UseBias { get; init; } = true;

    public double Rate { get; init; }

    public double Epsilon { get; init; } = 0.001;

    public double Momentum { get; init; } = 0.99;
}
