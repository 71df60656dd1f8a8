using System.Collections.Generic;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Options;

/// <summary>A yes/no option such as <c>UseBias</c>.</summary>
internal sealed class FlagOption : LayerOption
{
    public FlagOption(string name, params string[] otherSpellings)
        : base(OptionType.Flag, name, otherSpellings)
    {
    }

    public bool Default { get; init; }

    public override string Expected => "true or false";

    public bool Get(LayerSpec layer) => layer.ValueOf(this) is { Integers.Count: > 0 } value ? value.Integers[0] != 0 : Default;

    public override bool Check(OptionValue value, string layer, SourceLocation location, ICollection<DiagnosticInfo> diagnostics) => true;
}
