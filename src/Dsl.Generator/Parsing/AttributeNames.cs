using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Layers;

namespace Dsl.Generator.Parsing;

/// <summary>Metadata names of the DSL's attributes (declared in Dsl.Runtime, linked into the generator).</summary>
internal static class AttributeNames
{
    public static readonly string Input = typeof(InputAttribute).FullName!;

    public static readonly string ExpectParameters = typeof(ExpectParametersAttribute).FullName!;

    /// <summary>Every DSL attribute that can appear on a model class: the model-level ones and one per layer kind.</summary>
    public static IEnumerable<string> All => new[] { Input, ExpectParameters }.Concat(LayerRegistry.All.Select(k => k.AttributeName));

    public static bool IsDsl(string? metadataName) =>
        metadataName is not null && (metadataName == Input || metadataName == ExpectParameters || LayerRegistry.FindAttribute(metadataName) is not null);
}
