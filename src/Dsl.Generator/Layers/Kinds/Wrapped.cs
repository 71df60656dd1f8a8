using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// What the wrappers (<c>Bidirectional</c>, <c>TimeDistributed</c>) share about the layer they hold: its name (given, or
/// Keras's unnumbered name of its kind, as Keras names a wrapped layer: <c>lstm</c>, <c>dense</c>), the checks every wrapped
/// layer passes (it takes its wrapper's input, so no From; its name is a state-dict key), and the plan of the layer as its
/// kind emits it.
/// </summary>
internal static class Wrapped
{
    /// <summary>The wrapped layer's own name: given, or its kind's Keras name.</summary>
    public static string NameOf(LayerSpec inner) => CommonOptions.Name.Get(inner) ?? inner.Definition.KerasName;

    /// <summary>Reports what a wrapped layer cannot have (at the layer); false when it reported.</summary>
    public static bool Check(LayerSpec inner, string wrapper, string wrapperClass, ICollection<DiagnosticInfo> diagnostics)
    {
        bool valid = true;
        if (CommonOptions.From.Get(inner) is { } from)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WrappedLayerOption, inner.Location, wrapper, wrapperClass,
                "take From ('" + from + "'): it takes its wrapper's input; put From on the wrapper"));
            valid = false;
        }
        if (inner.Definition.OutputNames(inner).Count > 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WrappedLayerOption, inner.Location, wrapper, wrapperClass,
                "have several outputs (" + string.Join(", ", inner.Definition.OutputNames(inner)) + "): its wrapper gives one; leave out ReturnState (return_state)"));
            valid = false;
        }
        if (inner.Definition.ExtraInputs(inner) is { Count: > 0 } extras)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WrappedLayerOption, inner.Location, wrapper, wrapperClass,
                "take " + string.Join(", ", extras.Select(e => "'" + e + "'")) + " besides its wrapper's input (InitialState, initial_state): leave it out, or use the layer unwrapped"));
            valid = false;
        }
        if (CommonOptions.Name.Get(inner) is { } name && (!SyntaxFacts.IsValidIdentifier(name) || name.StartsWith("@", System.StringComparison.Ordinal)))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WrappedLayerOption, inner.Location, wrapper, wrapperClass,
                "be named '" + name + "': its name is a state-dict key and a C# identifier, so it starts with a letter or '_' and holds only letters, digits and '_'"));
            valid = false;
        }
        return valid;
    }

    /// <summary>The plan of a wrapped layer, as its kind's code generation reads it: named <paramref name="name"/>, on one input.</summary>
    public static LayerPlan Plan(LayerPlan wrapper, LayerSpec inner, string name, EquatableArray<int> input, EquatableArray<int> output) => new()
    {
        Spec = inner,
        Name = name,
        TypeName = inner.Definition.KerasClass,
        Inputs = wrapper.Inputs,
        InputTypes = EquatableArray.Of(new TensorType(input, wrapper.InputTypes[0].DType)),
        Outputs = EquatableArray.Of(TensorType.Float(output)),
        Activation = inner.Definition.ActivationOf(inner),
    };
}
