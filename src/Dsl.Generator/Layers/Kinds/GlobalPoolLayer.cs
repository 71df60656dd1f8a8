using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// What Keras's global poolings share (keras/src/layers/pooling/base_global_pooling.py): one value per channel,
/// reduced over every spatial axis, giving (C), or with Keras's keepdims (C, 1) or (C, 1, 1). No parameters.
/// </summary>
internal abstract class GlobalPoolLayer : LayerDefinition
{
    public static readonly FlagOption Keepdims = CommonOptions.Keepdims;

    private readonly int _spatialAxes;
    private readonly string _reduction;
    private readonly string _onnxOperator;

    /// <param name="spatialAxes">1 for sequences (C, L), 2 for images (C, H, W).</param>
    /// <param name="reduction">The TorchSharp tensor method that reduces (<c>mean</c>, <c>amax</c>).</param>
    /// <param name="onnxOperator">The ONNX operator that does the same (<c>ReduceMean</c>, <c>ReduceMax</c>).</param>
    protected GlobalPoolLayer(LayerKind kind, System.Type attribute, string kerasClass, string kerasName, int spatialAxes, string reduction, string onnxOperator)
        : base(kind, attribute, kerasClass, kerasName, Keepdims)
    {
        _spatialAxes = spatialAxes;
        _reduction = reduction;
        _onnxOperator = onnxOperator;
    }

    /// <summary>The batch axes it reduces: 2, or 2 and 3.</summary>
    private IEnumerable<int> Axes => Enumerable.Range(2, _spatialAxes);

    public override LayerOutput? Infer(LayerContext context)
    {
        if (!(_spatialAxes == 2 ? context.RequireImage() : context.RequireSequence()))
            return null;
        int channels = context.Input[0];
        return new LayerOutput(Keepdims.Get(context.Spec)
            ? new[] { channels }.Concat(Enumerable.Repeat(1, _spatialAxes)).ToEquatableArray()
            : EquatableArray.Of(channels));
    }

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) =>
        inputs[0] + "." + _reduction + "(new long[] { " + string.Join(", ", Axes.Select(a => a + "L")) + " }"
        + (Keepdims.Get(layer.Spec) ? ", keepdim: " + CSharp.Bool(true) : string.Empty) + ")";

    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) =>
        onnx.Node(_onnxOperator, inputs[0], OnnxCode.Ints("axes", Axes.ToArray()), OnnxCode.Int("keepdims", Keepdims.Get(layer.Spec) ? 1 : 0));
}
