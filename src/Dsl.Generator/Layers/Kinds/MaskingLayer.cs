using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>Masking</c> (keras/src/layers/core/masking.py) on a (steps, features) sequence: a step is kept when any of
/// its features differs from mask_value; the output is the input times that mask (masked steps become 0) and carries it
/// as the value's mask. No parameters.
/// </summary>
internal sealed class MaskingLayer : LayerDefinition
{
    public static readonly NumberOption MaskValue = new(nameof(MaskingAttribute.MaskValue));

    public MaskingLayer()
        : base(LayerKind.Masking, typeof(MaskingAttribute), "Masking", "masking", MaskValue)
    {
    }

    public override LayerOption MainOption => MaskValue;

    public override bool SupportsMasking => true;

    public override LayerOutput? Infer(LayerContext context) => context.RequireSequence() ? new LayerOutput(context.Input) : null;

    public override bool OutputMasked(LayerSpec layer, IReadOnlyList<LayerInput> inputs) => true;

    public override string OutputMask(LayerPlan layer, IReadOnlyList<string> inputs, IReadOnlyList<string?> masks) =>
        inputs[0] + ".ne(" + CSharp.Double(MaskValue.Get(layer.Spec)) + ").any(-1L)";

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) =>
        inputs[0] + ".mul(" + inputs[0] + ".ne(" + CSharp.Double(MaskValue.Get(layer.Spec)) + ").any(-1L, keepdim: true).to_type(" + inputs[0] + ".dtype))";

    /// <summary>ONNX has no Any: the steps' Not(Equal) cast to float, their maximum over the features, cast back to bool.</summary>
    public override string OnnxMask(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs, IReadOnlyList<string?> masks) =>
        onnx.Node("Cast", Kept(layer, onnx, inputs[0], keepdims: false), OnnxCode.Int("to", 9));

    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) =>
        onnx.Node("Mul", new[] { inputs[0], Kept(layer, onnx, inputs[0], keepdims: true) });

    /// <summary>1 where a step has a feature other than mask_value, else 0, as float.</summary>
    private static string Kept(LayerPlan layer, OnnxCode onnx, string input, bool keepdims)
    {
        string differs = onnx.Node("Not", onnx.Node("Equal", new[] { input, onnx.Scalar(MaskValue.Get(layer.Spec)) }));
        return onnx.Node("ReduceMax", onnx.Node("Cast", differs, OnnxCode.Int("to", 1)), OnnxCode.Ints("axes", -1), OnnxCode.Int("keepdims", keepdims ? 1 : 0));
    }
}
