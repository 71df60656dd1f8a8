using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Options;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>SpatialDropout2D</c>: in training, each channel of each sample is zeroed with probability rate (noise
/// shape (N, C, 1, 1)) and the others scaled by 1 / (1 - rate); TorchSharp's Dropout2d does exactly that.
/// </summary>
internal sealed class SpatialDropout2DLayer : LayerDefinition
{
    public static readonly NumberOption Rate = CommonOptions.DropoutRate;

    public SpatialDropout2DLayer()
        : base(LayerKind.SpatialDropout2D, typeof(SpatialDropout2DAttribute), "SpatialDropout2D", "spatial_dropout2d", Rate)
    {
    }

    public override LayerOption MainOption => Rate;

    public override LayerOutput? Infer(LayerContext context) => context.RequireImage() ? new LayerOutput(context.Input) : null;

    public override LayerField Field(LayerPlan layer) =>
        new(CSharp.Modules + ".Dropout2d", CSharp.Nn + ".Dropout2d(" + CSharp.Double(Rate.Get(layer.Spec)) + ")");

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) => Identifier.Escape(layer.Name) + ".call(" + inputs[0] + ")";

    /// <summary>The inference graph leaves dropout out: the layer's ONNX value is its input's.</summary>
    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) => inputs[0];

    public override IEnumerable<string> Describe(LayerPlan layer)
    {
        yield return "Rate = " + CSharp.Double(Rate.Get(layer.Spec));
    }
}
