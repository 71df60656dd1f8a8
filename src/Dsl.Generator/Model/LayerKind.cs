namespace Dsl.Generator.Model;

/// <summary>Mirrors <c>Dsl.LayerKind</c> in the runtime (same names, same order).</summary>
internal enum LayerKind
{
    Conv2D,
    MaxPool2D,
    AvgPool2D,
    Dropout,
    Flatten,
    Dense,
    BatchNorm,
    GlobalAvgPool2D,
}
