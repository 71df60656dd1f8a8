using Dsl.Generator.Model;

namespace Dsl.Generator.Shapes;

/// <summary>Keras's names for each layer kind: the class name the summary shows and the prefix of layer names.</summary>
internal static class KerasNames
{
    public static string TypeName(LayerKind kind) => kind switch
    {
        LayerKind.Conv2D => "Conv2D",
        LayerKind.MaxPool2D => "MaxPooling2D",
        LayerKind.AvgPool2D => "AveragePooling2D",
        LayerKind.Dropout => "Dropout",
        LayerKind.Flatten => "Flatten",
        LayerKind.Dense => "Dense",
        LayerKind.BatchNorm => "BatchNormalization",
        LayerKind.GlobalAvgPool2D => "GlobalAveragePooling2D",
        _ => kind.ToString(),
    };

    /// <summary>Snake-case prefix, numbered from 1 per kind as Keras does: <c>conv2d_1</c>, <c>max_pooling2d_1</c>.</summary>
    public static string Prefix(LayerKind kind) => kind switch
    {
        LayerKind.Conv2D => "conv2d",
        LayerKind.MaxPool2D => "max_pooling2d",
        LayerKind.AvgPool2D => "average_pooling2d",
        LayerKind.Dropout => "dropout",
        LayerKind.Flatten => "flatten",
        LayerKind.Dense => "dense",
        LayerKind.BatchNorm => "batch_normalization",
        LayerKind.GlobalAvgPool2D => "global_average_pooling2d",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
