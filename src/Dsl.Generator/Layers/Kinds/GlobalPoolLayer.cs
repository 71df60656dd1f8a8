using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Geometry;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// What Keras's global poolings share (keras/src/layers/pooling/base_global_pooling.py): one value per channel,
/// reduced over every spatial axis (the steps of a (steps, C) sequence, the height and width of a (C, H, W) image),
/// giving (C), or with Keras's keepdims (1, C) or (C, 1, 1). No parameters.
/// </summary>
internal abstract class GlobalPoolLayer : LayerDefinition
{
    public static readonly FlagOption Keepdims = CommonOptions.Keepdims;

    private readonly int _spatialAxes;
    private readonly string _reduction;
    private readonly string _onnxOperator;

    /// <param name="spatialAxes">1 for sequences (steps, C), 2 for images (C, H, W).</param>
    /// <param name="reduction">The TorchSharp tensor method that reduces (<c>mean</c>, <c>amax</c>).</param>
    /// <param name="onnxOperator">The ONNX operator that does the same (<c>ReduceMean</c>, <c>ReduceMax</c>).</param>
    protected GlobalPoolLayer(LayerKind kind, System.Type attribute, string kerasClass, string kerasName, int spatialAxes, string reduction, string onnxOperator)
        : base(kind, attribute, kerasClass, kerasName, Keepdims)
    {
        _spatialAxes = spatialAxes;
        _reduction = reduction;
        _onnxOperator = onnxOperator;
    }

    /// <summary>The batch axes it reduces: the steps (1), or the height and width (2 and 3).</summary>
    private IEnumerable<int> Axes => _spatialAxes == 1 ? new[] { 1 } : new[] { 2, 3 };

    public override LayerOutput? Infer(LayerContext context)
    {
        if (!(_spatialAxes == 2 ? context.RequireImage() : context.RequireSequence()))
            return null;
        int channels = FeatureAxis.Count(context.Input);
        if (!Keepdims.Get(context.Spec))
            return new LayerOutput(EquatableArray.Of(channels));
        return new LayerOutput(_spatialAxes == 1 ? EquatableArray.Of(1, channels) : EquatableArray.Of(channels, 1, 1));
    }

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) =>
        inputs[0] + "." + _reduction + "(new long[] { " + string.Join(", ", Axes.Select(a => a + "L")) + " }"
        + (Keepdims.Get(layer.Spec) ? ", keepdim: " + CSharp.Bool(true) : string.Empty) + ")";

    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) =>
        onnx.Node(_onnxOperator, inputs[0], OnnxCode.Ints("axes", Axes.ToArray()), OnnxCode.Int("keepdims", Keepdims.Get(layer.Spec) ? 1 : 0));
}
