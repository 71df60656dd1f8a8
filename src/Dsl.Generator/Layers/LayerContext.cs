using System.Collections.Generic;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Layers;

/// <summary>
/// What a kind's shape rule sees of one layer: its declaration, its resolved name, its inputs with their shapes,
/// and a place to report problems (located at the layer).
/// </summary>
internal sealed class LayerContext
{
    private readonly ICollection<DiagnosticInfo> _diagnostics;

    public LayerContext(LayerDefinition definition, LayerSpec spec, string name, IReadOnlyList<LayerInput> inputs, ICollection<DiagnosticInfo> diagnostics)
    {
        Definition = definition;
        Spec = spec;
        Name = name;
        Inputs = inputs;
        _diagnostics = diagnostics;
    }

    public LayerDefinition Definition { get; }

    public LayerSpec Spec { get; }

    /// <summary>The layer's name, given or automatic (<c>conv2d_1</c>).</summary>
    public string Name { get; }

    public IReadOnlyList<LayerInput> Inputs { get; }

    /// <summary>The (first) input's shape.</summary>
    public EquatableArray<int> Input => Inputs[0].Shape;

    /// <summary>How messages name where the (first) input comes from: <c>the input</c>, <c>'conv2d_1'</c>.</summary>
    public string Producer => Inputs[0].Description;

    /// <summary>
    /// The context of a layer that a wrapper applies (<paramref name="spec"/>, named <paramref name="name"/>) to
    /// <paramref name="inputs"/>: its problems are reported where it is written.
    /// </summary>
    public LayerContext Nested(LayerDefinition definition, LayerSpec spec, string name, IReadOnlyList<LayerInput> inputs) =>
        new(definition, spec, name, inputs, _diagnostics);

    /// <summary>Reports a problem at <paramref name="location"/> (a wrapped layer's); returns null.</summary>
    public LayerOutput? FailAt(SourceLocation location, DiagnosticDescriptor descriptor, params object?[] arguments)
    {
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
        return null;
    }

    /// <summary>Reports a problem at the layer; returns null so a rule can <c>return context.Fail(...)</c>.</summary>
    public LayerOutput? Fail(DiagnosticDescriptor descriptor, params object?[] arguments)
    {
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, Spec.Location, arguments));
        return null;
    }

    /// <summary>DSL003 at the layer, telling its code fix that 'same' padding makes the layer fit (when the kind has the option).</summary>
    public void WindowTooLarge(params object?[] arguments)
    {
        var diagnostic = DiagnosticInfo.Create(DiagnosticDescriptors.WindowLargerThanInput, Spec.Location, arguments);
        _diagnostics.Add(Spec.Definition.SlotOf(CommonOptions.Padding) >= 0 ? diagnostic.WithFix(FixProperties.SamePadding, "same") : diagnostic);
    }

    /// <summary>True for an image input (channels, height, width); otherwise reports that the kind needs one.</summary>
    public bool RequireImage()
    {
        if (Input.Count == 3)
            return true;
        if (Input.Count == 1)
            Fail(DiagnosticDescriptors.SpatialLayerOnFlatInput, Name, Definition.KerasClass, Invariant.SampleShape(Input), Producer);
        else
            WrongRank("an image input (channels, height, width)");
        return false;
    }

    /// <summary>True for a sequence input (steps, features); otherwise reports that the kind needs one.</summary>
    public bool RequireSequence()
    {
        if (Input.Count == 2)
            return true;
        WrongRank("a sequence input (steps, features)");
        return false;
    }

    /// <summary>Reports that the kind needs another rank of input: <paramref name="needs"/> reads <c>a sequence input (steps, features)</c>.</summary>
    public LayerOutput? WrongRank(string needs) =>
        Fail(DiagnosticDescriptors.WrongInputRank, Name, Definition.KerasClass, needs, RankName(Input.Count), Invariant.SampleShape(Input), Producer);

    /// <summary>How messages call a shape of this rank: <c>image</c>, <c>sequence</c>, <c>flat</c>.</summary>
    public static string RankName(int rank) => rank switch
    {
        1 => "flat",
        2 => "sequence",
        3 => "image",
        _ => Invariant.ToText(rank) + "-dimensional",
    };
}
