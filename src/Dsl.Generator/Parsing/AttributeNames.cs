using System.Collections.Generic;
using Dsl.Generator.Model;

namespace Dsl.Generator.Parsing;

/// <summary>Metadata names of the DSL's attributes (declared in Dsl.Runtime).</summary>
internal static class AttributeNames
{
    public const string Input = "Dsl.InputAttribute";
    public const string ExpectParameters = "Dsl.ExpectParametersAttribute";

    public static readonly IReadOnlyDictionary<string, LayerKind> Layers = new Dictionary<string, LayerKind>
    {
        ["Dsl.Conv2DAttribute"] = LayerKind.Conv2D,
        ["Dsl.MaxPool2DAttribute"] = LayerKind.MaxPool2D,
        ["Dsl.AvgPool2DAttribute"] = LayerKind.AvgPool2D,
        ["Dsl.DropoutAttribute"] = LayerKind.Dropout,
        ["Dsl.FlattenAttribute"] = LayerKind.Flatten,
        ["Dsl.DenseAttribute"] = LayerKind.Dense,
        ["Dsl.BatchNormAttribute"] = LayerKind.BatchNorm,
        ["Dsl.GlobalAvgPool2DAttribute"] = LayerKind.GlobalAvgPool2D,
    };

    /// <summary>Every DSL attribute that can appear on a model class.</summary>
    public static IEnumerable<string> All
    {
        get
        {
            yield return Input;
            yield return ExpectParameters;
            foreach (var name in Layers.Keys)
                yield return name;
        }
    }

    public static bool IsDsl(string? metadataName) =>
        metadataName is not null && (metadataName == Input || metadataName == ExpectParameters || Layers.ContainsKey(metadataName));
}
