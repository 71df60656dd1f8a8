using System.Collections.Generic;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Options;

/// <summary>A name: a layer's own (<c>Name</c>) or the layer it takes its input from (<c>From</c>). The graph checks them.</summary>
internal sealed class TextOption : LayerOption
{
    public TextOption(string name)
        : base(OptionType.Text, name, System.Array.Empty<string>())
    {
    }

    public override string Expected => "a name";

    public string? Get(LayerSpec layer) => layer.ValueOf(this) is { Texts.Count: > 0 } value ? value.Texts[0] : null;

    public override bool Check(OptionValue value, string layer, SourceLocation location, ICollection<DiagnosticInfo> diagnostics) => true;
}
