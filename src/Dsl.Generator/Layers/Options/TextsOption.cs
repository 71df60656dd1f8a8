using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Model;
using Dsl.Generator.Yaml;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Layers.Options;

/// <summary>A list of names: the layers a merge joins. The graph checks them.</summary>
internal sealed class TextsOption : LayerOption
{
    public TextsOption(string name)
        : base(name, System.Array.Empty<string>())
    {
    }

    public override string Expected => "a list of layer names";

    public EquatableArray<string> Get(LayerSpec layer) => layer.ValueOf(this)?.Texts ?? EquatableArray<string>.Empty;

    public override OptionValue? FromAttribute(TypedConstant constant) =>
        OptionValue.Of(AttributeConstants.Items(constant).Select(item => item.Value as string ?? string.Empty).ToEquatableArray());

    public override OptionValue? FromYaml(YamlTreeNode node, YamlOptionReader reader, string key, string subject) => reader.Names(node, key, subject);

    public override bool Check(OptionValue value, string layer, SourceLocation location, ICollection<DiagnosticInfo> diagnostics) => true;
}
