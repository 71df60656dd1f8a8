using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Model;

namespace Dsl.Generator.Yaml;

/// <summary>The YAML format's vocabulary: model-level keys, layer kinds and every section's keys.</summary>
internal static class YamlKeys
{
    public const string Model = "model";
    public const string Namespace = "namespace";
    public const string Input = "input";
    public const string Layers = "layers";
    public const string ExpectParameters = "expect_parameters";

    /// <summary>Keys of the document's root mapping, in the order the docs present them.</summary>
    public static readonly IReadOnlyList<string> ModelKeys = new[] { Model, Namespace, Input, Layers, ExpectParameters };

    private static readonly YamlKey Stride = new("stride", YamlOption.Stride, YamlValueKind.IntegerOrPair);
    private static readonly YamlKey Strides = new("strides", YamlOption.Stride, YamlValueKind.IntegerOrPair);
    private static readonly YamlKey Padding = new("padding", YamlOption.Padding, YamlValueKind.Padding);
    private static readonly YamlKey Activation = new("activation", YamlOption.Activation, YamlValueKind.Activation);
    private static readonly YamlKey UseBias = new("use_bias", YamlOption.UseBias, YamlValueKind.Boolean);
    private static readonly YamlKey PoolSize = new("pool_size", YamlOption.PoolSize, YamlValueKind.IntegerOrPair);

    public static readonly YamlSection InputSection = new(
        Input, "Dsl.InputAttribute", null, null, new string[0],
        new YamlKey("channels", YamlOption.Channels, YamlValueKind.Integer),
        new YamlKey("height", YamlOption.Height, YamlValueKind.Integer),
        new YamlKey("width", YamlOption.Width, YamlValueKind.Integer),
        new YamlKey("features", YamlOption.Features, YamlValueKind.Integer));

    public static readonly YamlSection ExpectParametersSection = new(
        ExpectParameters, "Dsl.ExpectParametersAttribute", null, "count", new[] { "count" },
        new YamlKey("count", YamlOption.Count, YamlValueKind.Long));

    /// <summary>Layer kinds, named as Keras names its layers (<see cref="Shapes.KerasNames.Prefix"/>).</summary>
    public static readonly IReadOnlyList<YamlSection> LayerSections = new[]
    {
        new YamlSection("conv2d", "Dsl.Conv2DAttribute", LayerKind.Conv2D, "filters", new[] { "filters", "kernel_size" },
            new YamlKey("filters", YamlOption.Filters, YamlValueKind.Integer),
            new YamlKey("kernel_size", YamlOption.KernelSize, YamlValueKind.IntegerOrPair),
            Stride, Strides, Padding, Activation, UseBias),
        new YamlSection("max_pooling2d", "Dsl.MaxPool2DAttribute", LayerKind.MaxPool2D, "pool_size", new[] { "pool_size" },
            PoolSize, Stride, Strides, Padding),
        new YamlSection("average_pooling2d", "Dsl.AvgPool2DAttribute", LayerKind.AvgPool2D, "pool_size", new[] { "pool_size" },
            PoolSize, Stride, Strides, Padding),
        new YamlSection("dropout", "Dsl.DropoutAttribute", LayerKind.Dropout, "rate", new[] { "rate" },
            new YamlKey("rate", YamlOption.Rate, YamlValueKind.Number)),
        new YamlSection("flatten", "Dsl.FlattenAttribute", LayerKind.Flatten, null, new string[0]),
        new YamlSection("dense", "Dsl.DenseAttribute", LayerKind.Dense, "units", new[] { "units" },
            new YamlKey("units", YamlOption.Units, YamlValueKind.Integer),
            Activation, UseBias),
        new YamlSection("batch_normalization", "Dsl.BatchNormAttribute", LayerKind.BatchNorm, null, new string[0],
            new YamlKey("epsilon", YamlOption.Epsilon, YamlValueKind.Number),
            new YamlKey("momentum", YamlOption.Momentum, YamlValueKind.Number)),
        new YamlSection("global_average_pooling2d", "Dsl.GlobalAvgPool2DAttribute", LayerKind.GlobalAvgPool2D, null, new string[0]),
    };

    /// <summary>Every section, one per DSL attribute.</summary>
    public static IEnumerable<YamlSection> AllSections => LayerSections.Concat(new[] { InputSection, ExpectParametersSection });

    /// <summary>
    /// Other spellings people reach for (Keras class names, this DSL's attribute names), used only to suggest
    /// the right name: <c>MaxPool2D</c> → <c>max_pooling2d</c>.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> LayerAliases = new Dictionary<string, string>(System.StringComparer.OrdinalIgnoreCase)
    {
        ["Conv2D"] = "conv2d",
        ["Convolution2D"] = "conv2d",
        ["MaxPool2D"] = "max_pooling2d",
        ["MaxPooling2D"] = "max_pooling2d",
        ["AvgPool2D"] = "average_pooling2d",
        ["AveragePooling2D"] = "average_pooling2d",
        ["BatchNorm"] = "batch_normalization",
        ["BatchNormalization"] = "batch_normalization",
        ["GlobalAvgPool2D"] = "global_average_pooling2d",
        ["GlobalAveragePooling2D"] = "global_average_pooling2d",
        ["Linear"] = "dense",
    };

    public static YamlSection? FindLayer(string name) => LayerSections.FirstOrDefault(s => s.Name == name);
}
