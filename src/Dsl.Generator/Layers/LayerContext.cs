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

    /// <summary>Reports a problem at the layer; returns null so a rule can <c>return context.Fail(...)</c>.</summary>
    public LayerOutput? Fail(DiagnosticDescriptor descriptor, params object?[] arguments)
    {
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, Spec.Location, arguments));
        return null;
    }

    /// <summary>True for an image input (channels, height, width); otherwise reports that the kind needs one.</summary>
    public bool RequireImage()
    {
        if (Input.Count == 3)
            return true;
        Fail(DiagnosticDescriptors.SpatialLayerOnFlatInput, Name, Definition.KerasClass, Invariant.SampleShape(Input), Producer);
        return false;
    }

    /// <summary>True for a flat input (features); otherwise reports that the kind needs one.</summary>
    public bool RequireFlat()
    {
        if (Input.Count == 1)
            return true;
        Fail(DiagnosticDescriptors.DenseOnSpatialInput, Name, Invariant.SampleShape(Input), Producer);
        return false;
    }
}
