using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>RepeatVector</c>: a flat (F) input becomes the sequence (n, F) of n copies, Keras's (steps, features). Keras
/// takes only 2-D inputs (batch, features); anything else is DSL075. No parameters; values are copied, so integers pass
/// through.
/// </summary>
internal sealed class RepeatVectorLayer : LayerDefinition
{
    public static readonly IntegerOption N = new(nameof(RepeatVectorAttribute.N)) { IsRequired = true };

    public RepeatVectorLayer()
        : base(LayerKind.RepeatVector, typeof(RepeatVectorAttribute), "RepeatVector", "repeat_vector", N)
    {
    }

    public override LayerOption MainOption => N;

    public override bool AcceptsIntegers => true;

    public override DType OutputDType(IReadOnlyList<LayerInput> inputs) => inputs[0].DType;

    public override LayerOutput? Infer(LayerContext context)
    {
        if (context.Input.Count != 1)
            return context.Fail(DiagnosticDescriptors.RepeatVectorInput, context.Name, LayerContext.RankName(context.Input.Count), Invariant.SampleShape(context.Input), context.Producer);
        return new LayerOutput(EquatableArray.Of(N.Get(context.Spec), context.Input[0]));
    }

    /// <summary>Copies, as Keras's <c>ops.repeat</c> does (not a broadcast view, which a later in-place operation could not write).</summary>
    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) =>
        inputs[0] + ".unsqueeze(1L).repeat(1L, " + CSharp.Long(N.Get(layer.Spec)) + ", 1L)";

    /// <summary>Reshape to (N, 1, F), then Expand to (N, n, F).</summary>
    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs)
    {
        long features = layer.InputShape[0];
        string column = onnx.Node("Reshape", new[] { inputs[0], onnx.Longs(new long[] { 0, 1, features }) });
        return onnx.Node("Expand", new[] { column, onnx.Longs(new long[] { 1, N.Get(layer.Spec), features }) });
    }
}
