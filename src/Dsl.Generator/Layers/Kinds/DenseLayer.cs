using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>Dense</c> on a flat input: in·units weights (+units bias). Keras would apply it to the last axis of an
/// image (per pixel); this DSL asks for Flatten or global pooling first.
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

    public override LayerOutput? Infer(LayerContext context)
    {
        if (context.Input.Count != 1)
            return context.Fail(DiagnosticDescriptors.DenseOnSpatialInput, context.Name, LayerContext.RankName(context.Input.Count), Invariant.SampleShape(context.Input), context.Producer);
        int units = Units.Get(context.Spec);
        long parameters = ((long)context.Input[0] * units) + (CommonOptions.UseBias.Get(context.Spec) ? units : 0);
        return LayerOutput.Trained(EquatableArray.Of(units), parameters, parameters);
    }

    public override LayerField Field(LayerPlan layer) => new(
        CSharp.Modules + ".Linear",
        CSharp.Nn + ".Linear(" + CSharp.Long(layer.InputShape[0]) + ", " + CSharp.Long(Units.Get(layer.Spec)) + ", hasBias: " + CSharp.Bool(CommonOptions.UseBias.Get(layer.Spec)) + ")");

    public override bool OutputIsOverwritable => true;

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) => Identifier.Escape(layer.Name) + ".call(" + inputs[0] + ")";

    /// <summary>Glorot-uniform: the (units, in) weight gives Keras's fans.</summary>
    public override IEnumerable<string> Initialise(LayerPlan layer)
    {
        string field = Identifier.Escape(layer.Name);
        yield return Initialisers.Glorot(field + ".weight!");
        yield return Initialisers.Zeros(field + ".bias");
    }

    /// <summary>Gemm with the transposed (units, in) weight of TorchSharp's Linear: x·Wᵀ + b.</summary>
    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs)
    {
        var operands = new List<string> { inputs[0], onnx.Weight(layer.Name + ".weight") };
        if (CommonOptions.UseBias.Get(layer.Spec))
            operands.Add(onnx.Weight(layer.Name + ".bias"));
        return onnx.Node("Gemm", operands, OnnxCode.Int("transB", 1));
    }

    public override IEnumerable<string> Describe(LayerPlan layer)
    {
        yield return "Size = " + CSharp.Int(Units.Get(layer.Spec));
        yield return "UseBias = " + CSharp.Bool(CommonOptions.UseBias.Get(layer.Spec));
    }
}
