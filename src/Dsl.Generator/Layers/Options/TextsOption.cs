using System.Collections.Generic;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Options;

/// <summary>A list of names: the layers a merge joins. The graph checks them.</summary>
internal sealed class TextsOption : LayerOption
{
    public TextsOption(string name)
        : base(OptionType.Texts, name, System.Array.Empty<string>())
    {
    }

    public override string Expected => "a list of layer names";

    public EquatableArray<string> Get(LayerSpec layer) => layer.ValueOf(this)?.Texts ?? EquatableArray<string>.Empty;

    public override bool Check(OptionValue value, string layer, SourceLocation location, ICollection<DiagnosticInfo> diagnostics) => true;
}
