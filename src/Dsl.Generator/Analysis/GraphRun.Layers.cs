using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Expressions;
using Dsl.Generator.Layers;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Analysis;

internal sealed partial class GraphRun
{
    /// <summary>A layer of a built-in kind: its options bound and checked, then its kind's shape rule.</summary>
    private void ProcessLayer(Entry entry, LayerSpec layer, List<ValueRef> inputs)
    {
        var kind = LayerRegistry.Get(layer.Kind);
        var bound = BindOptions(entry, layer, kind, out bool known);
        if (bound is null)
        {
            entry.Failed = true;
            return;
        }
        if (!known || !KnowsShapes)
            return;
        if (inputs.Any(i => i.Type is null))
        {
            entry.Failed = true;
            return;
        }
        var layerInputs = inputs.Select(i => new LayerInput(i.Name, i.Type!.Shape, i.Type.DType, i.Type.Masked)).ToList();
        if (!CheckElementTypes(entry.Name, kind, layerInputs, layer.Location))
        {
            entry.Failed = true;
            return;
        }
        LayerOutput? output;
        try
        {
            output = kind.Infer(new LayerContext(kind, bound, entry.Name, layerInputs, _diagnostics));
        }
        catch (System.OverflowException)
        {
            // Checked arithmetic in the shape rule: a size, count or mult-add past 64 bits (or an int dimension past 32).
            Report(DiagnosticDescriptors.TooLarge, layer.Location, "Layer '" + entry.Name + "' (" + kind.KerasClass + ") has",
                "a shape, parameter count or mult-adds past what 64-bit integers hold", Invariant.Grouped(Limits.MaxCount));
            entry.Failed = true;
            return;
        }
        if (output is null)
        {
            entry.Failed = true;
            return;
        }
        if (Limits.FirstTooLarge(new[] { ("parameters", output.Parameters), ("mult-adds per sample", output.MultAdds), ("output values per sample", Limits.Elements(output.Shape) ?? -1) }) is { } tooLarge)
        {
            string amount = tooLarge.Value < 0 ? "more " + tooLarge.Figure + " than 64-bit integers hold" : Invariant.Grouped(tooLarge.Value) + " " + tooLarge.Figure;
            Report(DiagnosticDescriptors.TooLarge, layer.Location, "Layer '" + entry.Name + "' (" + kind.KerasClass + ") has", amount, Invariant.Grouped(Limits.MaxCount));
            entry.Failed = true;
            return;
        }
        var type = new TensorType(output.Shape, kind.OutputDType(layerInputs)) { Masked = MaskOf(entry.Name, kind, bound, layerInputs, layer.Location) };
        var types = new[] { type }
            .Concat(output.MoreShapes.Select((shape, i) => TensorType.Float(shape) with { Masked = type.Masked && kind.MasksOutput(bound, i + 1) }))
            .ToEquatableArray();
        entry.Plan = new LayerPlan
        {
            Spec = bound,
            Name = entry.Name,
            TypeName = kind.KerasClass,
            Inputs = inputs.Select(i => i.Name).ToEquatableArray(),
            InputTypes = inputs.Select(i => i.Type!).ToEquatableArray(),
            Outputs = types,
            OutputNames = types.Count > 1 ? kind.OutputNames(bound) : EquatableArray<string>.Empty,
            Parameters = output.Parameters,
            TrainableParameters = output.TrainableParameters,
            MultAdds = output.MultAdds,
            ActivationValues = types.Sum(t => t.Elements),
            Activation = kind.ActivationOf(bound),
        };
    }

    /// <summary>
    /// The layer with every option a checked constant: expressions computed in this graph's scope (a block's parameters,
    /// its values' channels). Null after reporting a problem. <paramref name="known"/> is false while some expression's
    /// value is not known yet (a block checked on its own), which leaves the cross-option checks to each use.
    /// </summary>
    private LayerSpec? BindOptions(Entry entry, LayerSpec layer, LayerDefinition kind, out bool known)
    {
        known = true;
        bool valid = true;
        var options = new List<(LayerOption, OptionValue)>();
        foreach (var (option, given) in layer.Given)
        {
            var value = given;
            if (given.Layer is { } wrapped)
            {
                // A wrapper's layer: its options bound and checked as any layer's (block expressions included).
                var inner = BindOptions(entry, wrapped, LayerRegistry.Get(wrapped.Kind), out bool innerKnown);
                if (inner is null)
                {
                    valid = false;
                    continue;
                }
                known &= innerKnown;
                options.Add((option, OptionValue.Of(inner)));
                continue;
            }
            if (given.Expression is { } expression)
            {
                var computed = Compute(entry, layer, option, expression);
                if (computed.Failed)
                {
                    valid = false;
                    continue;
                }
                if (computed.Value is not { } constant)
                {
                    known = false;
                    continue;
                }
                if (option.Normalize(constant) is not { } normalized)
                    continue;
                value = normalized;
            }
            valid &= option.Check(value, entry.Name, layer.Location, _diagnostics);
            options.Add((option, value));
        }
        if (!valid)
            return null;
        var bound = layer.WithOptions(options);
        if (known && !kind.CheckLayer(bound, entry.Name, _diagnostics))
            return null;
        return bound;
    }

    /// <summary>What an option's expression gives here: a constant, "not known yet" (no value, no error), or an error (reported).</summary>
    private (bool Failed, OptionValue? Value) Compute(Entry entry, LayerSpec layer, LayerOption option, ExpressionValue expression)
    {
        var type = option.ExpressionType;
        if (type is null)
        {
            Report(DiagnosticDescriptors.InvalidExpression, layer.Location, option.Name, entry.Name, expression.ToString(),
                "a name option cannot read parameters: names are fixed where the block is declared");
            return (true, null);
        }
        if (expression.IsList && !option.TakesList)
        {
            Report(DiagnosticDescriptors.InvalidExpression, layer.Location, option.Name, entry.Name, expression.ToString(), "is a list, but the option takes " + option.Expected);
            return (true, null);
        }
        var values = new List<Value>();
        foreach (var item in expression.Items)
        {
            var evaluated = Expect(ExpressionEvaluator.Evaluate(item, type, this), type);
            if (evaluated.Error is { } error)
            {
                var diagnostic = DiagnosticInfo.Create(DiagnosticDescriptors.InvalidExpression, layer.Location, option.Name, entry.Name, item, error);
                _diagnostics.Add(evaluated.Suggestion is { } fix ? WithSuggestion(diagnostic, fix.Wrong, fix.Right) : diagnostic);
                return (true, null);
            }
            if (evaluated.Value is not { } value)
                return (false, null);
            values.Add(value);
        }
        return (false, option.FromValues(values));
    }

    /// <summary>
    /// Whether the layer's output carries a Keras mask (its kind's <see cref="LayerDefinition.OutputMasked"/>); a mask
    /// that reaches a kind without masking support ends there, with Keras 3's warning as DSL076.
    /// </summary>
    private bool MaskOf(string name, LayerDefinition kind, LayerSpec layer, IReadOnlyList<LayerInput> inputs, SourceLocation location)
    {
        if (!kind.SupportsMasking && inputs.FirstOrDefault(i => i.Masked) is { } masked)
            Report(DiagnosticDescriptors.MaskDropped, location, name, kind.KerasClass, masked.Description, MaskAdvice);
        return kind.OutputMasked(layer, inputs);
    }

    /// <summary>What DSL076 suggests.</summary>
    private const string MaskAdvice = "the layers that use it (recurrent layers, attention, GlobalAveragePooling1D) should come before it";

    /// <summary>Kinds that compute in float32 refuse integer values (token ids, raw pixels), at compile time rather than in libtorch.</summary>
    private bool CheckElementTypes(string name, LayerDefinition kind, IReadOnlyList<LayerInput> inputs, SourceLocation location)
    {
        if (kind.AcceptsIntegers)
            return true;
        foreach (var input in inputs)
        {
            if (input.DType == DType.Float32)
                continue;
            Report(DiagnosticDescriptors.IntegerInputNotAccepted, location, name, kind.KerasClass, input.Description, DTypes.Name(input.DType) + " values",
                "a Rescaling layer casts them to float32 first, as Keras's does (Rescaling(1.0 / 255) for raw pixels)");
            return false;
        }
        return true;
    }
}
