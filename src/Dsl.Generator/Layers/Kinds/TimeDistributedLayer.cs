using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Geometry;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>TimeDistributed</c>: any one-input layer applied to every step of an input (steps, …), its shape rule run on
/// one step's shape; the output is (steps, the layer's output), the parameters the layer's (shared by the steps), the
/// mult-adds the layer's at every step. The layer's module is the wrapper's child under the layer's name
/// (<c>time_distributed_1.dense.weight</c>); its kind's own forward code runs on the steps folded into the batch, and its
/// ONNX form likewise between two Reshapes.
/// </summary>
internal sealed class TimeDistributedLayer : LayerDefinition
{
    public static readonly WrappedLayerOption Layer = new("Layer") { IsRequired = true, FromNextAttribute = true };

    public TimeDistributedLayer()
        : base(LayerKind.TimeDistributed, typeof(TimeDistributedAttribute), "TimeDistributed", "time_distributed", Layer)
    {
    }

    public override bool CheckLayer(LayerSpec layer, string name, ICollection<DiagnosticInfo> diagnostics)
    {
        var inner = Layer.Get(layer)!;
        if (inner.Definition.IsMerge)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CannotWrap, inner.Location, name, KerasClass,
                "a layer of one input", "the merge " + inner.Definition.KerasClass + ", which joins several"));
            return false;
        }
        return Wrapped.Check(inner, name, KerasClass, diagnostics);
    }

    public override LayerOutput? Infer(LayerContext context)
    {
        if (context.Input.Count < 2)
            return context.WrongRank("an input with a step axis: (steps, features) or (steps, …)");
        var inner = Layer.Get(context.Spec)!;
        var step = new[] { new LayerInput(context.Inputs[0].Producer, context.Input.Skip(1).ToEquatableArray(), context.Inputs[0].DType) };
        if (inner.Definition.Infer(context.Nested(inner.Definition, inner, Wrapped.NameOf(inner), step)) is not { } output)
            return null;
        long steps = context.Input[0];
        return new LayerOutput(new[] { context.Input[0] }.Concat(output.Shape).ToEquatableArray(), output.Parameters, output.TrainableParameters, checked(output.MultAdds * steps));
    }

    /// <summary>
    /// The wrapper's module, given the layer's module and what the layer computes on the steps folded into the batch: its
    /// kind's own forward code and activation, its module bound to a local of the name that code uses.
    /// </summary>
    public override LayerField Field(LayerPlan layer)
    {
        var inner = Inner(layer, Local(layer));
        string module = Identifier.Escape(layer.Name) + "__module", steps = Identifier.Escape(layer.Name) + "__steps";
        // A channels-first layer (Conv1D on each step's sequence) takes its input transposed, as in a graph's run.
        bool channelsFirst = SequenceRuns.OrderOf(inner) == SequenceOrder.ChannelsFirst;
        string computed = Of(inner).Forward(inner, new[] { channelsFirst ? steps + ".transpose(1L, 2L)" : steps });
        if (channelsFirst && inner.OutputShape.Count == 2)
            computed += ".transpose(1L, 2L)";
        string body = Activations.Apply(inner.Activation, computed, FeatureAxis.InBatch(inner.OutputShape));
        var field = Of(inner).Field(inner);
        string lambda = "(global::TorchSharp.torch.nn.Module? " + module + ", " + GraphCode.Tensor + " " + steps + ") => "
            + (field is null ? body : "{ var " + Identifier.Escape(inner.Name) + " = (" + field.Type + ")" + module + "!; return " + body + "; }");
        return new LayerField(Module, "new " + Module + "(" + CSharp.Literal(Wrapped.NameOf(inner.Spec)) + ", " + (field?.Construction ?? "null") + ", " + lambda + ")");
    }

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) => Identifier.Escape(layer.Name) + ".call(" + inputs[0] + ")";

    /// <summary>Keras's TimeDistributed passes its input's mask on: the layer runs on each step, the steps stay.</summary>
    public override bool SupportsMasking => true;

    public override IEnumerable<string> Initialise(LayerPlan layer)
    {
        var inner = Inner(layer, Local(layer));
        var statements = Of(inner).Initialise(inner).ToList();
        if (statements.Count == 0 || Of(inner).Field(inner) is not { } field)
            return statements;
        return new[] { "{ var " + Identifier.Escape(inner.Name) + " = " + Identifier.Escape(layer.Name) + ".InnerAs<" + field.Type + ">(); " + string.Join(" ", statements) + " }" };
    }

    /// <summary>(N, steps, …) reshaped to (N·steps, …), the layer's ONNX form with its weights under this layer's, its activation, and back.</summary>
    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs)
    {
        var inner = Inner(layer, layer.Name + "." + Wrapped.NameOf(Layer.Get(layer.Spec)!));
        string folded = onnx.Node("Reshape", new[] { inputs[0], onnx.Longs(new[] { -1L }.Concat(layer.InputShape.Skip(1).Select(d => (long)d))) });
        bool channelsFirst = SequenceRuns.OrderOf(inner) == SequenceOrder.ChannelsFirst;
        string Transposed(string x) => onnx.Node("Transpose", x, OnnxCode.Ints("perm", 0, 2, 1));
        string value = Of(inner).Onnx(inner, onnx, new[] { channelsFirst ? Transposed(folded) : folded });
        if (channelsFirst && inner.OutputShape.Count == 2)
            value = Transposed(value);
        if (inner.Activation != Activation.None)
            value = Activations.Onnx(inner.Activation, onnx, value, FeatureAxis.InBatch(inner.OutputShape));
        return onnx.Node("Reshape", new[] { value, onnx.Longs(new[] { -1L }.Concat(layer.OutputShape.Select(d => (long)d))) });
    }

    /// <summary>The local (in forward and the constructor) that holds the wrapped module: unique to this layer.</summary>
    private static string Local(LayerPlan layer) => layer.Name + "__" + Wrapped.NameOf(Layer.Get(layer.Spec)!);

    private static LayerPlan Inner(LayerPlan layer, string name) =>
        Wrapped.Plan(layer, Layer.Get(layer.Spec)!, name, layer.InputShape.Skip(1).ToEquatableArray(), layer.OutputShape.Skip(1).ToEquatableArray());

    private static LayerDefinition Of(LayerPlan inner) => inner.Spec.Definition;

    private const string Module = "global::Dsl.Modules.TimeDistributed";
}
