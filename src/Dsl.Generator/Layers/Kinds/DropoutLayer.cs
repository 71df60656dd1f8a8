using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Options;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>Keras <c>Dropout</c>: zeroes a fraction of the values in training only; any input shape.</summary>
internal sealed class DropoutLayer : LayerDefinition
{
    public static readonly NumberOption Rate = CommonOptions.DropoutRate;

    public DropoutLayer()
        : base(LayerKind.Dropout, typeof(DropoutAttribute), "Dropout", "dropout", Rate)
    {
    }

    public override LayerOption MainOption => Rate;

    public override LayerOutput Infer(LayerContext context) => new(context.Input);

    public override LayerField Field(LayerPlan layer) =>
        new(CSharp.Modules + ".Dropout", CSharp.Nn + ".Dropout(" + CSharp.Double(Rate.Get(layer.Spec)) + ")");

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) => Identifier.Escape(layer.Name) + ".call(" + inputs[0] + ")";

    /// <summary>The inference graph leaves dropout out: the layer's ONNX value is its input's.</summary>
    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) => inputs[0];

    public override IEnumerable<string> Describe(LayerPlan layer)
    {
        yield return "Rate = " + CSharp.Double(Rate.Get(layer.Spec));
    }
}
