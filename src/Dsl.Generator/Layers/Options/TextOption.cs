using System.Collections.Generic;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Model;
using Dsl.Generator.Yaml;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Layers.Options;

/// <summary>A name: a layer's own (<c>Name</c>) or the layer it takes its input from (<c>From</c>). The graph checks them.</summary>
internal sealed class TextOption : LayerOption
{
    public TextOption(string name)
        : base(name, System.Array.Empty<string>())
    {
    }

    public override string Expected => "a name";

    public string? Get(LayerSpec layer) => layer.ValueOf(this) is { Texts.Count: > 0 } value ? value.Texts[0] : null;

    public override OptionValue? FromAttribute(TypedConstant constant) => constant.Value is string text ? OptionValue.Of(text) : null;

    public override OptionValue? FromYaml(YamlTreeNode node, YamlOptionReader reader, string key, string subject) =>
        YamlValues.ReadName(node, out string name) is { } error ? WrongYaml(reader, node, key, subject, error) : OptionValue.Of(name);

    public override bool Check(OptionValue value, string layer, SourceLocation location, ICollection<DiagnosticInfo> diagnostics) => true;
}
