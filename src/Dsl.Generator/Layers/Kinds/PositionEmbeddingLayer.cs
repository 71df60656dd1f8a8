using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Emit;
using Dsl.Generator.Model;
using Dsl.Generator.Layers.Options;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// keras_hub <c>PositionEmbedding</c> (keras_hub/src/layers/modeling/position_embedding.py) on a sequence (steps,
/// features): a learned (sequence_length, features) table named <c>embeddings</c>, Glorot-uniform at first (keras_hub's
/// default), whose first <c>steps</c> rows broadcast over the batch are the output, of the input's shape. As in
/// keras_hub the output is the position embedding alone: a model adds it to its input with <c>Add</c>. An input longer
/// than sequence_length is DSL070 (older keras_hub fails at run time; newer versions extend the table hierarchically).
/// </summary>
internal sealed class PositionEmbeddingLayer : LayerDefinition
{
    public static readonly IntegerOption SequenceLength = new(nameof(PositionEmbeddingAttribute.SequenceLength)) { IsRequired = true };

    public PositionEmbeddingLayer()
        : base(LayerKind.PositionEmbedding, typeof(PositionEmbeddingAttribute), "PositionEmbedding", "position_embedding", SequenceLength)
    {
    }

    public override LayerOption MainOption => SequenceLength;

    /// <summary>
    /// keras_hub's layer does not support masking, but its output reads only the input's shape, so a mask has nothing to
    /// change there: it is not warned about (DSL076), and the embedding's mask goes on through the <c>Add</c> beside it.
    /// </summary>
    public override bool SupportsMasking => true;

    public override bool OutputMasked(LayerSpec layer, IReadOnlyList<LayerInput> inputs) => false;

    public override LayerOutput? Infer(LayerContext context)
    {
        if (context.Input.Count != 2)
            return context.WrongRank("a sequence input (steps, features)");
        int positions = SequenceLength.Get(context.Spec), steps = context.Input[0];
        if (steps > positions)
            return context.Fail(DiagnosticDescriptors.SequenceLongerThanPositions, context.Name, Invariant.ToText(positions), context.Producer, Invariant.ToText(steps));
        return LayerOutput.Trained(context.Input, (long)positions * context.Input[1], 0);
    }

    public override LayerField Field(LayerPlan layer) => new(Module,
        "new " + Module + "(" + CSharp.Long(SequenceLength.Get(layer.Spec)) + ", " + CSharp.Long(layer.InputShape[1]) + ")");

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) => Identifier.Escape(layer.Name) + ".call(" + inputs[0] + ")";

    /// <summary>Glorot-uniform over the (sequence_length, features) table: Keras's fans are its two dimensions.</summary>
    public override IEnumerable<string> Initialise(LayerPlan layer)
    {
        yield return Initialisers.Glorot(Identifier.Escape(layer.Name) + ".embeddings");
    }

    /// <summary>The table's first rows (Slice) expanded to the input's shape (Expand of Shape).</summary>
    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs)
    {
        int steps = layer.InputShape[0];
        string table = onnx.Weight(layer.Name + ".embeddings");
        string rows = onnx.Node("Slice", new[] { table, onnx.Longs(new[] { 0L }), onnx.Longs(new[] { (long)steps }), onnx.Longs(new[] { 0L }) });
        return onnx.Node("Expand", new[] { rows, onnx.Node("Shape", inputs[0]) });
    }

    public override IEnumerable<string> Describe(LayerPlan layer)
    {
        yield return "Size = " + CSharp.Int(SequenceLength.Get(layer.Spec));
    }

    private const string Module = "global::Dsl.Modules.PositionEmbedding";
}
