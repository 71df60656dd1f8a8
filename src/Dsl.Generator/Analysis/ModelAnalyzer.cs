using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Layers;
using Dsl.Generator.Model;

namespace Dsl.Generator.Analysis;

/// <summary>
/// Checks a declared model and infers every layer's shape, parameter count and mult-adds with Keras's semantics,
/// asking each layer's kind. Pure: no Roslyn symbols, no TorchSharp. Every layer's options and references are
/// checked; a layer whose inputs are unknown (after an error upstream) is skipped silently, so one mistake yields
/// one error, while an error in one branch does not hide an error in another.
/// </summary>
internal static class ModelAnalyzer
{
    public static ModelAnalysis Analyze(ModelSpec spec)
    {
        var diagnostics = new List<DiagnosticInfo>();
        if (spec.InputShape.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingInput, spec.Location, spec.ClassName));
            return Result(spec, new List<LayerPlan>(), diagnostics);
        }
        if (!CheckInput(spec, diagnostics))
            return Result(spec, new List<LayerPlan>(), diagnostics);
        if (spec.Layers.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoLayers, spec.Location, spec.ClassName));
            return Result(spec, new List<LayerPlan>(), diagnostics);
        }

        var kinds = spec.Layers.Select(l => LayerRegistry.Get(l.Kind)).ToList();
        var (names, validNames) = LayerNames.Assign(spec, kinds, diagnostics);
        var optionsValid = spec.Layers.Select((layer, i) => CheckOptions(layer, kinds[i], names[i], diagnostics)).ToList();
        var producers = LayerGraph.Resolve(spec, kinds, names, validNames, diagnostics);

        var plans = new LayerPlan?[spec.Layers.Count];
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            if (!optionsValid[i] || producers[i] is not { } inputs || inputs.Any(p => p != LayerGraph.Input && plans[p] is null))
                continue;
            var layerInputs = inputs
                .Select(p => p == LayerGraph.Input ? new LayerInput(LayerNames.ModelInput, spec.InputShape) : new LayerInput(plans[p]!.Name, plans[p]!.OutputShape))
                .ToList();
            var output = kinds[i].Infer(new LayerContext(kinds[i], spec.Layers[i], names[i], layerInputs, diagnostics));
            if (output is null)
                continue;
            plans[i] = new LayerPlan
            {
                Spec = spec.Layers[i],
                Name = names[i],
                TypeName = kinds[i].KerasClass,
                Inputs = layerInputs.Select(l => l.Producer).ToEquatableArray(),
                InputShapes = layerInputs.Select(l => l.Shape).ToEquatableArray(),
                OutputShape = output.Shape,
                Parameters = output.Parameters,
                TrainableParameters = output.TrainableParameters,
                MultAdds = output.MultAdds,
                Activation = kinds[i].ActivationOf(spec.Layers[i]),
            };
        }

        int last = spec.Layers.Count - 1;
        // Dead branches only once the graph is sound: after an error, a layer may merely look unused.
        var reached = diagnostics.Any(d => d.IsError) ? null : LayerGraph.ReachOutput(producers);
        for (int i = 0; i < last; i++)
        {
            if (reached is not null && !reached[i])
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DeadBranch, spec.Layers[i].Location, names[i], names[last]));
            var activation = kinds[i].ActivationOf(spec.Layers[i]);
            if (Activations.IsSoftmax(activation))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxNotLast, spec.Layers[i].Location, names[i], activation.ToString()));
        }

        var planned = plans.Where(p => p is not null).Select(p => p!).ToList();
        if (!diagnostics.Any(d => d.IsError) && spec.ExpectedParameters is long expected)
        {
            long actual = planned.Sum(p => p.Parameters);
            if (actual != expected)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.ParameterCountMismatch, spec.ExpectedParametersLocation, spec.ClassName,
                    Invariant.Grouped(actual), Invariant.Grouped(expected), (actual - expected).ToString("+#,0;-#,0", System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
        return Result(spec, planned, diagnostics);
    }

    private static ModelAnalysis Result(ModelSpec spec, List<LayerPlan> plans, List<DiagnosticInfo> diagnostics) =>
        new(spec, plans.ToEquatableArray(), diagnostics.ToEquatableArray());

    private static bool CheckInput(ModelSpec spec, List<DiagnosticInfo> diagnostics)
    {
        if (spec.InputShape.Count is not (1 or 2 or 3))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WrongValueCount, spec.InputLocation,
                "The input shape", spec.ClassName, "3 values (channels, height, width), 2 (channels, length) or 1 (features)", Invariant.ValueCount(spec.InputShape.Count)));
            return false;
        }
        if (spec.InputShape.Any(d => d < 1))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OutputBelowOne, spec.InputLocation,
                "The input of '" + spec.ClassName + "'", Invariant.SampleShape(spec.InputShape), string.Empty));
            return false;
        }
        return true;
    }

    /// <summary>Each given option on its own, then the layer as a whole; false when anything was reported.</summary>
    private static bool CheckOptions(LayerSpec layer, LayerDefinition kind, string name, List<DiagnosticInfo> diagnostics)
    {
        bool valid = true;
        foreach (var option in kind.Options)
        {
            if (layer.Find(option.Name) is { } value)
                valid &= option.Check(value, name, layer.Location, diagnostics);
        }
        return valid && kind.CheckLayer(layer, name, diagnostics);
    }
}
