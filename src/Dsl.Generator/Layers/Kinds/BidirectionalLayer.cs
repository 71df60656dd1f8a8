using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>Bidirectional</c>: a recurrent layer run forwards and a copy of it run backwards (or Keras's
/// <c>backward_layer</c>), named <c>forward_lstm</c> and <c>backward_lstm</c> as Keras names them, their outputs joined by
/// <c>merge_mode</c> (concat on the last axis, sum, mul, ave); with return_sequences the backward outputs are flipped back
/// into the input's order. Twice the wrapped layer's parameters (the two layers' when a backward layer is given).
/// </summary>
internal sealed class BidirectionalLayer : LayerDefinition
{
    public static readonly WrappedLayerOption Layer = new("Layer") { IsRequired = true, FromNextAttribute = true };

    public static readonly WrappedLayerOption BackwardLayer = new("BackwardLayer");

    /// <summary>Keras's spellings; Keras's None (two outputs) is YAML's null, or <c>none</c>.</summary>
    private static readonly Choices Modes = Choices.Of(
        new[]
        {
            (MergeMode.Concat, "concat", Array.Empty<string>()),
            (MergeMode.Sum, "sum", Array.Empty<string>()),
            (MergeMode.Mul, "mul", Array.Empty<string>()),
            (MergeMode.Ave, "ave", Array.Empty<string>()),
            (MergeMode.None, "none", Array.Empty<string>()),
        },
        (MergeMode?)MergeMode.None, "null");

    public static readonly ChoiceOption<MergeMode> Merge = new(nameof(BidirectionalAttribute.MergeMode), Modes) { Default = MergeMode.Concat };

    public BidirectionalLayer()
        : base(LayerKind.Bidirectional, typeof(BidirectionalAttribute), "Bidirectional", "bidirectional", Layer, Merge, BackwardLayer)
    {
    }

    /// <summary>Keras's merge_mode=None: the two outputs, <c>forward</c> and <c>backward</c>.</summary>
    public override EquatableArray<string> OutputNames(LayerSpec layer) =>
        Merge.Get(layer) == MergeMode.None ? EquatableArray.Of("forward", "backward") : EquatableArray<string>.Empty;

    public override bool CheckLayer(LayerSpec layer, string name, ICollection<DiagnosticInfo> diagnostics)
    {
        var forward = Layer.Get(layer)!;
        bool valid = Recurrent(forward, name, diagnostics) & Wrapped.Check(forward, name, KerasClass, diagnostics);
        if (BackwardLayer.Get(layer) is { } backward)
            valid &= Recurrent(backward, name, diagnostics) & Wrapped.Check(backward, name, KerasClass, diagnostics);
        if (!valid)
            return false;
        var back = Backward(layer);
        string? problem = null;
        if (RecurrentLayer.GoBackwards.Get(forward) == RecurrentLayer.GoBackwards.Get(back))
        {
            problem = BackwardLayer.Get(layer) is null
                ? "goes backwards like the forward one, which has GoBackwards (go_backwards) set: a copy that goes backwards needs a forward layer that does not"
                : "goes " + (RecurrentLayer.GoBackwards.Get(back) ? "backwards" : "forwards") + " like the forward one; Keras needs go_backwards to differ";
        }
        else if (RecurrentLayer.ReturnSequences.Get(forward) != RecurrentLayer.ReturnSequences.Get(back))
        {
            problem = "has return_sequences " + CSharp.Bool(RecurrentLayer.ReturnSequences.Get(back)) + " but the forward one " + CSharp.Bool(RecurrentLayer.ReturnSequences.Get(forward)) + "; Keras needs them equal";
        }
        else if (Merge.Get(layer) is not (MergeMode.Concat or MergeMode.None) && RecurrentLayer.Units.Get(forward) != RecurrentLayer.Units.Get(back))
        {
            problem = "has " + Invariant.ToText(RecurrentLayer.Units.Get(back)) + " units and the forward one " + Invariant.ToText(RecurrentLayer.Units.Get(forward))
                + "; merge mode " + Merge.Get(layer).ToString().ToLowerInvariant() + " joins outputs of one shape (concat joins any)";
        }
        if (problem is null)
            return true;
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BackwardLayerMismatch, (BackwardLayer.Get(layer) ?? layer).Location, name, problem));
        return false;
    }

    public override LayerOutput? Infer(LayerContext context)
    {
        var forward = Layer.Get(context.Spec)!;
        var backward = Backward(context.Spec);
        var inputs = new[] { new LayerInput(context.Inputs[0].Producer, context.Input, context.Inputs[0].DType) };
        if (forward.Definition.Infer(context.Nested(forward.Definition, forward, ForwardName(context.Spec), inputs)) is not { } f
            || backward.Definition.Infer(context.Nested(backward.Definition, backward, BackwardName(context.Spec), inputs)) is not { } b)
            return null;
        var shape = Merge.Get(context.Spec) == MergeMode.Concat
            ? f.Shape.Take(f.Shape.Count - 1).Concat(new[] { checked(f.Shape[f.Shape.Count - 1] + b.Shape[b.Shape.Count - 1]) }).ToEquatableArray()
            : f.Shape;
        return new LayerOutput(shape, checked(f.Parameters + b.Parameters), checked(f.TrainableParameters + b.TrainableParameters), checked(f.MultAdds + b.MultAdds))
        {
            MoreShapes = Merge.Get(context.Spec) == MergeMode.None ? EquatableArray.Of(b.Shape) : EquatableArray<EquatableArray<int>>.Empty,
        };
    }

    public override LayerField Field(LayerPlan layer)
    {
        var (forward, backward) = (Layer.Get(layer.Spec)!, Backward(layer.Spec));
        long features = layer.InputShape[1];
        string construction = "new " + Module + "("
            + CSharp.Literal(ForwardName(layer.Spec)) + ", " + Cell(forward).Construction(forward, features, RecurrentLayer.GoBackwards.Get(forward)) + ", "
            + CSharp.Literal(BackwardName(layer.Spec)) + ", " + Cell(backward).Construction(backward, features, RecurrentLayer.GoBackwards.Get(backward)) + ", "
            + "global::Dsl.MergeMode." + Merge.Get(layer.Spec) + ")";
        return new LayerField(Module, construction);
    }

    /// <summary><c>bidirectional_1.call(x)</c>; without a merge <c>CallWithOutputs(x)</c>, both outputs as an array.</summary>
    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) =>
        Identifier.Escape(layer.Name) + (Merge.Get(layer.Spec) == MergeMode.None ? ".CallWithOutputs(" : ".call(") + inputs[0] + ")";

    /// <summary>Keras's Bidirectional passes the mask to both layers; the mask goes on with merged sequences.</summary>
    public override bool SupportsMasking => true;

    public override bool OutputMasked(LayerSpec layer, IReadOnlyList<LayerInput> inputs) =>
        RecurrentLayer.ReturnSequences.Get(Layer.Get(layer)!) && inputs.Any(i => i.Masked);

    /// <summary>Unmerged (merge_mode None), both sequences keep the mask, as Keras's <c>compute_mask</c> returns it twice.</summary>
    public override bool MasksOutput(LayerSpec layer, int index) => true;

    public override string ForwardMasked(LayerPlan layer, IReadOnlyList<string> inputs, IReadOnlyList<string?> masks) =>
        Identifier.Escape(layer.Name) + (Merge.Get(layer.Spec) == MergeMode.None ? ".CallWithOutputs(" : ".CallMasked(") + inputs[0] + ", " + masks[0] + ")";

    /// <summary>With a mask both layers run step by step (Keras's zero outputs at masked steps of returned sequences).</summary>
    public override string OnnxMasked(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs, IReadOnlyList<string?> masks)
    {
        if (masks[0] is not { } mask)
            return Onnx(layer, onnx, inputs);
        var (forward, backward) = (Layer.Get(layer.Spec)!, Backward(layer.Spec));
        string Direction(LayerSpec spec, string name) => new UnrolledRecurrence(Cell(spec), onnx, layer.Name + "." + name, spec)
            .Run(inputs[0], layer.InputShape[0], RecurrentLayer.GoBackwards.Get(spec), mask: mask, zeroOutput: RecurrentLayer.ReturnSequences.Get(spec));
        return Merged(layer, onnx, Direction(forward, ForwardName(layer.Spec)), Direction(backward, BackwardName(layer.Spec)));
    }

    public override IEnumerable<string> Initialise(LayerPlan layer)
    {
        string field = Identifier.Escape(layer.Name);
        var (forward, backward) = (Layer.Get(layer.Spec)!, Backward(layer.Spec));
        return Cell(forward).InitialiseModule(field + ".Forward", forward).Concat(Cell(backward).InitialiseModule(field + ".Backward", backward));
    }

    /// <summary>Both layers as ONNX's recurrent operators, the backward outputs flipped back when they are sequences, then the merge.</summary>
    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs)
    {
        var (forward, backward) = (Layer.Get(layer.Spec)!, Backward(layer.Spec));
        string y = Cell(forward).OnnxSequence(onnx, inputs[0], layer.Name + "." + ForwardName(layer.Spec), forward, layer.InputShape, RecurrentLayer.GoBackwards.Get(forward));
        string reversed = Cell(backward).OnnxSequence(onnx, inputs[0], layer.Name + "." + BackwardName(layer.Spec), backward, layer.InputShape, RecurrentLayer.GoBackwards.Get(backward));
        return Merged(layer, onnx, y, reversed);
    }

    /// <summary>The backward outputs flipped back when they are sequences, then the merge.</summary>
    private static string Merged(LayerPlan layer, OnnxCode onnx, string y, string reversed)
    {
        if (RecurrentLayer.ReturnSequences.Get(Backward(layer.Spec)))
        {
            int steps = layer.InputShape[0];
            reversed = onnx.Node("Gather", new[] { reversed, onnx.Longs(Enumerable.Range(0, steps).Select(t => (long)(steps - 1 - t))) }, OnnxCode.Int("axis", 1));
        }
        return Merge.Get(layer.Spec) switch
        {
            MergeMode.Sum => onnx.Node("Add", new[] { y, reversed }),
            MergeMode.Mul => onnx.Node("Mul", new[] { y, reversed }),
            MergeMode.Ave => onnx.Node("Mul", new[] { onnx.Node("Add", new[] { y, reversed }), onnx.Scalar(0.5) }),
            MergeMode.None => "new string[] { " + y + ", " + reversed + " }",
            _ => onnx.Node("Concat", new[] { y, reversed }, OnnxCode.Int("axis", -1)),
        };
    }

    public override IEnumerable<string> Describe(LayerPlan layer)
    {
        yield return "Size = " + CSharp.Int(layer.OutputShape[layer.OutputShape.Count - 1]);
    }

    /// <summary>Keras's <c>forward_</c> + the wrapped layer's name.</summary>
    public static string ForwardName(LayerSpec layer) => "forward_" + Wrapped.NameOf(Layer.Get(layer)!);

    /// <summary>A given backward layer's own name, else Keras's <c>backward_</c> + the wrapped layer's name.</summary>
    public static string BackwardName(LayerSpec layer) => BackwardLayer.Get(layer) is { } given
        ? CommonOptions.Name.Get(given) ?? "backward_" + given.Definition.KerasName
        : "backward_" + Wrapped.NameOf(Layer.Get(layer)!);

    /// <summary>The backward layer: the one given, or the wrapped layer with go_backwards on (Keras's copy).</summary>
    private static LayerSpec Backward(LayerSpec layer)
    {
        if (BackwardLayer.Get(layer) is { } given)
            return given;
        var forward = Layer.Get(layer)!;
        return forward.WithOptions(forward.Given.Where(g => g.Option != RecurrentLayer.GoBackwards).Append((RecurrentLayer.GoBackwards, OptionValue.Of(true))));
    }

    private static bool Recurrent(LayerSpec inner, string name, ICollection<DiagnosticInfo> diagnostics)
    {
        if (inner.Definition is RecurrentLayer)
            return true;
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CannotWrap, inner.Location, name, "Bidirectional",
            "a recurrent layer (SimpleRNN, LSTM or GRU)", "a " + inner.Definition.KerasClass + " layer"));
        return false;
    }

    private static RecurrentLayer Cell(LayerSpec inner) => (RecurrentLayer)inner.Definition;

    private const string Module = "global::Dsl.Modules.Bidirectional";
}
