using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Layers;
using Dsl.Generator.Layers.Options;

namespace Dsl.Generator.Yaml;

/// <summary>The YAML format's vocabulary: model-level keys and sections, and a section per layer kind.</summary>
internal static class YamlKeys
{
    public const string Model = "model";
    public const string Namespace = "namespace";
    public const string Input = "input";
    public const string Layers = "layers";
    public const string ExpectParameters = "expect_parameters";

    /// <summary>Keys of the document's root mapping, in the order the docs present them.</summary>
    public static readonly IReadOnlyList<string> ModelKeys = new[] { Model, Namespace, Input, Layers, ExpectParameters };

    public static readonly IntegerOption Channels = new("channels") { Minimum = int.MinValue };
    public static readonly IntegerOption Height = new("height") { Minimum = int.MinValue };
    public static readonly IntegerOption Width = new("width") { Minimum = int.MinValue };
    public static readonly IntegerOption Length = new("length") { Minimum = int.MinValue };
    public static readonly IntegerOption Features = new("features") { Minimum = int.MinValue };
    public static readonly IntegerOption Count = new("count") { Minimum = int.MinValue, IsWide = true };

    /// <summary><c>input: { channels, height, width }</c>, <c>{ channels, length }</c> or <c>{ features }</c>: <c>InputAttribute</c>'s parameters.</summary>
    public static readonly YamlSection InputSection = new(
        Input, typeof(InputAttribute).FullName!, new LayerOption[] { Channels, Height, Width, Length, Features }, null);

    /// <summary><c>expect_parameters: 43362</c> or <c>{ count: 43362 }</c>.</summary>
    public static readonly YamlSection ExpectParametersSection = new(
        ExpectParameters, typeof(ExpectParametersAttribute).FullName!, new LayerOption[] { Count }, Count);

    /// <summary>A section per layer kind, named as Keras names its layers.</summary>
    public static IReadOnlyList<YamlSection> LayerSections { get; } = LayerRegistry.All.Select(YamlSection.For).ToList();

    /// <summary>Every section, one per DSL attribute.</summary>
    public static IEnumerable<YamlSection> AllSections => LayerSections.Concat(new[] { InputSection, ExpectParametersSection });

    /// <summary>
    /// Other spellings people reach for (Keras class names, this DSL's attribute names), used only to suggest
    /// the right name: <c>MaxPool2D</c> → <c>max_pooling2d</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> LayerAliases { get; } = LayerRegistry.All
        .SelectMany(kind => kind.Aliases.Select(alias => (alias, kind.KerasName)))
        .GroupBy(pair => pair.alias, System.StringComparer.OrdinalIgnoreCase)
        .ToDictionary(group => group.Key, group => group.First().KerasName, System.StringComparer.OrdinalIgnoreCase);
}
