using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Layers;
using Dsl.Generator.Model;

namespace Dsl.Generator.Analysis;

internal sealed partial class GraphRun
{
    /// <summary>
    /// Another call of an earlier layer or block use, with its weights: a layer's kind works out this call's output for the
    /// new inputs, which must fit the weights it already has; a block's module is built for its first use's input types,
    /// which every call must share.
    /// </summary>
    private void ProcessReuse(Entry entry, ReuseSpec reuse, List<ValueRef> inputs)
    {
        if (!_visible.TryGetValue(reuse.Target, out var found) || found.Producer is not { } owner)
        {
            bool later = _entries.Skip(entry.Position).Any(e => e.Names.Contains(reuse.Target));
            string? suggestion = found is null && !later ? NearestName.Find(reuse.Target, _entries.Take(entry.Position).SelectMany(e => e.Names)) : null;
            string problem = found is { Producer: null } ? "'" + reuse.Target + "' is an input, not a layer"
                : later ? "it is declared after it; only a layer above can be applied again"
                : "it names no layer above" + DidYouMean(suggestion);
            _diagnostics.Add(WithSuggestion(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidReuse, reuse.Location, entry.Name, reuse.Target, problem), reuse.Target, suggestion));
            entry.Failed = true;
            return;
        }
        while (owner.Spec is ReuseSpec && owner.Target is { } again && _entries.FirstOrDefault(e => e.Name == again) is { } first)
            owner = first;
        entry.Target = owner.Name;
        entry.OutputCount = owner.OutputCount;
        entry.OutputNames = owner.OutputNames;
        if (!KnowsShapes)
            return;
        if (owner.Failed || owner.Plan is null || inputs.Any(i => i.Type is null))
        {
            entry.Failed = true;
            return;
        }
        var types = inputs.Select(i => i.Type!).ToEquatableArray();
        int call = 2 + _entries.Take(entry.Position).Count(e => e.Target == owner.Name);
        switch (owner.Plan)
        {
            case LayerPlan layer:
                ReuseLayer(entry, reuse, layer, inputs, types, call);
                break;
            case BlockUsePlan block:
                if (!types.Equals(block.InputTypes))
                {
                    Report(DiagnosticDescriptors.InvalidReuse, reuse.Location, entry.Name, owner.Name,
                        "a block use's module is built for the input types of its first call, " + string.Join(", ", block.InputTypes) + ", but this call gives " + string.Join(", ", types));
                    entry.Failed = true;
                    return;
                }
                entry.Plan = new ReusePlan
                {
                    Name = entry.Name,
                    TypeName = block.TypeName,
                    Inputs = inputs.Select(i => i.Name).ToEquatableArray(),
                    InputTypes = types,
                    Outputs = block.Outputs,
                    OutputNames = block.OutputNames,
                    MultAdds = block.MultAdds,
                    ActivationValues = block.ActivationValues,
                    Target = owner.Name,
                    Call = call,
                };
                break;
        }
    }

    private void ReuseLayer(Entry entry, ReuseSpec reuse, LayerPlan owner, List<ValueRef> inputs, EquatableArray<TensorType> types, int call)
    {
        var kind = LayerRegistry.Get(owner.Spec.Kind);
        var layerInputs = inputs.Select(i => new LayerInput(i.Name, i.Type!.Shape, i.Type.DType, i.Type.Masked)).ToList();
        if (!CheckElementTypes(entry.Name, kind, layerInputs, reuse.Location))
        {
            entry.Failed = true;
            return;
        }
        // The owner's own name: the call goes through its module, and its kind's messages name it.
        var output = kind.Infer(new LayerContext(kind, owner.Spec with { Location = reuse.Location }, owner.Name, layerInputs, _diagnostics));
        if (output is null)
        {
            entry.Failed = true;
            return;
        }
        var type = new TensorType(output.Shape, kind.OutputDType(layerInputs)) { Masked = MaskOf(entry.Name, kind, owner.Spec, layerInputs, reuse.Location) };
        var layer = owner with
        {
            Inputs = inputs.Select(i => i.Name).ToEquatableArray(),
            InputTypes = types,
            Outputs = new[] { type }.Concat(output.MoreShapes.Select(TensorType.Float)).ToEquatableArray(),
            MultAdds = output.MultAdds,
            ActivationValues = type.Elements,
        };
        if (kind.Field(owner)?.Construction != kind.Field(layer)?.Construction || output.Parameters != owner.Parameters)
        {
            Report(DiagnosticDescriptors.InvalidReuse, reuse.Location, entry.Name, owner.Name,
                "its weights were made for " + string.Join(", ", owner.InputTypes) + ", and " + string.Join(", ", types) + " would need others");
            entry.Failed = true;
            return;
        }
        entry.Plan = new ReusePlan
        {
            Name = entry.Name,
            TypeName = owner.TypeName,
            Inputs = layer.Inputs,
            InputTypes = types,
            Outputs = layer.Outputs,
            OutputNames = owner.OutputNames,
            MultAdds = output.MultAdds,
            ActivationValues = type.Elements,
            Target = owner.Name,
            Layer = layer,
            Call = call,
        };
    }
}
