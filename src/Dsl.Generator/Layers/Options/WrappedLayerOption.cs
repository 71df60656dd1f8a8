using System.Collections.Generic;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Model;
using Dsl.Generator.Yaml;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Layers.Options;

/// <summary>
/// A layer that a wrapper applies (Keras's <c>Bidirectional(layer)</c>, <c>TimeDistributed(layer)</c>): in YAML a
/// layer entry as the list of layers writes one (<c>layer: { lstm: { units: 64 } }</c>), in attributes the layer attribute
/// on the next line (<see cref="FromNextAttribute"/>) or the same entry in the options text. The value holds the inner
/// layer's spec, whose options the analysis binds and checks as any layer's; the inner layer's own problems are reported
/// where it is written.
/// </summary>
internal sealed class WrappedLayerOption : LayerOption
{
    public WrappedLayerOption(string name, params string[] otherSpellings)
        : base(name, otherSpellings)
    {
    }

    /// <summary>Whether an attribute takes this layer from the layer attribute that follows it (Bidirectional's <c>layer</c>, not its <c>backward_layer</c>).</summary>
    public bool FromNextAttribute { get; init; }

    public override string Expected => "a layer: its kind and options, such as { lstm: { units: 64 } }";

    /// <summary>The wrapped layer, or null when none was given.</summary>
    public LayerSpec? Get(LayerSpec layer) => layer.ValueOf(this)?.Layer;

    /// <summary>Never a constant: the attribute form is the next attribute, or the options text.</summary>
    public override OptionValue? FromAttribute(TypedConstant constant) => null;

    public override OptionValue? FromYaml(YamlTreeNode node, YamlOptionReader reader, string key, string subject) =>
        reader.WrappedLayer(node, key, subject) is { } layer ? OptionValue.Of(layer) : null;

    /// <summary>The wrapped layer's own options are checked by the analysis, with the layer's location.</summary>
    public override bool Check(OptionValue value, string layer, SourceLocation location, ICollection<DiagnosticInfo> diagnostics) => value.Layer is not null;
}
