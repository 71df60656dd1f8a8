namespace Dsl;

/// <summary>The kinds of layer the DSL knows, one per layer attribute.</summary>
public enum LayerKind
{
    /// <summary><see cref="Conv2DAttribute"/>.</summary>
    Conv2D,
    /// <summary><see cref="MaxPool2DAttribute"/>.</summary>
    MaxPool2D,
    /// <summary><see cref="AvgPool2DAttribute"/>.</summary>
    AvgPool2D,
    /// <summary><see cref="DropoutAttribute"/>.</summary>
    Dropout,
    /// <summary><see cref="FlattenAttribute"/>.</summary>
    Flatten,
    /// <summary><see cref="DenseAttribute"/>.</summary>
    Dense,
    /// <summary><see cref="BatchNormAttribute"/>.</summary>
    BatchNorm,
    /// <summary><see cref="GlobalAvgPool2DAttribute"/>.</summary>
    GlobalAvgPool2D,
}
