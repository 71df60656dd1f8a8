using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Geometry;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>Dense</c> (keras/src/layers/core/dense.py): applied to the features of any input, as Keras applies it to the
/// last axis: a flat (D) gives (units), a sequence (steps, D) gives (steps, units) with the same weights at every step,
/// and an image (C, H, W), whose features are this DSL's first axis, gives (units, H, W) at every pixel. D·units weights
/// (+units bias) whatever the rest of the shape.
/// </summary>
internal sealed class DenseLayer : LayerDefinition
{
    public static readonly IntegerOption Units = new(nameof(DenseAttribute.Units)) { IsRequired = true };

    public DenseLayer()
        : base(LayerKind.Dense, typeof(DenseAttribute), "Dense", "dense", Units, CommonOptions.Activation, CommonOptions.UseBias)
    {
    }

    public override IEnumerable<string> Aliases => new[] { Kind, KerasClass, "Linear" };

    public override LayerOption MainOption => Units;

    /// <summary>Keras's layer supports masking: a mask on its input passes to its output.</summary>
    public override bool SupportsMasking => true;

    public override LayerOutput? Infer(LayerContext context)
    {
        var input = context.Input;
        int axis = FeatureAxis.Of(input);
        int units = Units.Get(context.Spec);
        long parameters = ((long)input[axis] * units) + (CommonOptions.UseBias.Get(context.Spec) ? units : 0);
        long positions = ModelAnalysis.Elements(input) / input[axis];
        var shape = input.Select((size, i) => i == axis ? units : size).ToEquatableArray();
        return LayerOutput.Trained(shape, parameters, parameters * positions);
    }

    /// <summary>TorchSharp's Linear mixes the last dimension; on an image the runtime's ChannelDense mixes the channels.</summary>
    public override LayerField Field(LayerPlan layer)
    {
        string sizes = CSharp.Long(FeatureAxis.Count(layer.InputShape)) + ", " + CSharp.Long(Units.Get(layer.Spec));
        string bias = CSharp.Bool(CommonOptions.UseBias.Get(layer.Spec));
        return FeatureAxis.IsLast(layer.InputShape)
            ? new LayerField(CSharp.Modules + ".Linear", CSharp.Nn + ".Linear(" + sizes + ", hasBias: " + bias + ")")
            : new LayerField(ChannelDense, "new " + ChannelDense + "(" + sizes + ", hasBias: " + bias + ")");
    }

    public override bool OutputIsOverwritable => true;

    /// <summary>On flat features, where its (units, in) weight reads each feature once.</summary>
    public override bool AcceptsFoldedRescaling(LayerPlan layer, bool offset) => layer.InputShape.Count == 1;

    public override string ForwardWithWeights(LayerPlan layer, IReadOnlyList<string> inputs, string weight, string bias) =>
        CSharp.Functional + ".linear(" + inputs[0] + ", " + weight + ", " + bias + ")";

    public override string OnnxWithWeights(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs, string weight, string bias) =>
        onnx.Node("Gemm", new[] { inputs[0], weight, bias }, OnnxCode.Int("transB", 1));

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) => Identifier.Escape(layer.Name) + ".call(" + inputs[0] + ")";

    /// <summary>Glorot-uniform: the (units, in) weight gives Keras's fans.</summary>
    public override IEnumerable<string> Initialise(LayerPlan layer)
    {
        string field = Identifier.Escape(layer.Name);
        yield return Initialisers.Glorot(field + ".weight!");
        yield return Initialisers.Zeros(field + ".bias");
    }

    /// <summary>
    /// Gemm with the transposed (units, in) weight of TorchSharp's Linear on a flat input: x·Wᵀ + b; on a sequence,
    /// MatMul with Wᵀ (ONNX Runtime folds the constant transpose) and Add; on an image, the same between Transposes
    /// that move the channels last and back.
    /// </summary>
    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs)
    {
        string prefix = layer.Name;
        bool bias = CommonOptions.UseBias.Get(layer.Spec);
        if (layer.InputShape.Count == 1)
        {
            var operands = new List<string> { inputs[0], onnx.Weight(prefix + ".weight") };
            if (bias)
                operands.Add(onnx.Weight(prefix + ".bias"));
            return onnx.Node("Gemm", operands, OnnxCode.Int("transB", 1));
        }
        string Mix(string x)
        {
            string product = onnx.Node("MatMul", new[] { x, onnx.Node("Transpose", onnx.Weight(prefix + ".weight"), OnnxCode.Ints("perm", 1, 0)) });
            return bias ? onnx.Node("Add", new[] { product, onnx.Weight(prefix + ".bias") }) : product;
        }
        if (FeatureAxis.IsLast(layer.InputShape))
            return Mix(inputs[0]);
        return onnx.ChannelsLast(inputs[0], layer.InputShape.Count + 1, Mix);
    }

    public override IEnumerable<string> Describe(LayerPlan layer)
    {
        yield return "Size = " + CSharp.Int(Units.Get(layer.Spec));
        yield return "UseBias = " + CSharp.Bool(CommonOptions.UseBias.Get(layer.Spec));
    }

    private const string ChannelDense = "global::Dsl.Modules.ChannelDense";
}
