using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Model;

namespace Dsl.Generator.Yaml;

/// <summary>What a YAML option sets. <c>stride</c> and Keras's <c>strides</c> both set <see cref="Stride"/>.</summary>
internal enum YamlOption
{
    Filters,
    KernelSize,
    Stride,
    Padding,
    Activation,
    UseBias,
    PoolSize,
    Rate,
    Units,
    Epsilon,
    Momentum,
    Channels,
    Height,
    Width,
    Features,
    Count,
}

/// <summary>The kind of value a key takes.</summary>
internal enum YamlValueKind
{
    /// <summary>A 32-bit integer.</summary>
    Integer,
    /// <summary>A 64-bit integer.</summary>
    Long,
    /// <summary>An integer (square) or a list [height, width].</summary>
    IntegerOrPair,
    /// <summary>A finite number.</summary>
    Number,
    Boolean,
    Padding,
    Activation,
}

/// <summary>One key of a section: its YAML spelling, what it sets and the value it takes.</summary>
internal sealed record YamlKey(string Name, YamlOption Option, YamlValueKind Kind);

/// <summary>
/// A YAML construct that mirrors one DSL attribute: a layer kind (<c>conv2d</c>), <c>input</c> or
/// <c>expect_parameters</c>. Its keys are the snake_case names of the attribute's constructor parameters and
/// settable properties (a test checks this by reflection); a scalar value sets <see cref="MainKey"/>.
/// </summary>
internal sealed class YamlSection
{
    public YamlSection(string name, string attributeName, LayerKind? layer, string? mainKey, IEnumerable<string> required, params YamlKey[] keys)
    {
        Name = name;
        AttributeName = attributeName;
        Layer = layer;
        MainKey = mainKey;
        Required = required.ToArray();
        Keys = keys;
    }

    /// <summary>The YAML name: Keras's snake_case layer name, or a model-level key.</summary>
    public string Name { get; }

    /// <summary>Metadata name of the attribute this section mirrors.</summary>
    public string AttributeName { get; }

    public LayerKind? Layer { get; }

    /// <summary>The key a bare value sets (<c>dropout: 0.2</c> sets <c>rate</c>), or null when the section takes none.</summary>
    public string? MainKey { get; }

    public IReadOnlyList<string> Required { get; }

    public IReadOnlyList<YamlKey> Keys { get; }

    public YamlKey? Find(string name) => Keys.FirstOrDefault(k => k.Name == name);
}
