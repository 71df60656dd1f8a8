using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Geometry;
using Dsl.Generator.Layers.Options;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>LayerNormalization</c> with its default axis -1, the features (FeatureAxis): each sample is normalised over
/// its C channels at every pixel (images), over its features at every step (sequences) or over its features (flat),
/// then scaled by gamma (ones) and shifted by beta (zeros): 2·C trainable values. TorchSharp's LayerNorm normalises the
/// trailing dimension, which is a sequence's and a flat value's features; on images it runs inside a ChannelsLast
/// module that moves the channels last and back.
/// </summary>
internal sealed class LayerNormLayer : LayerDefinition
{
    public static readonly NumberOption Epsilon = new(nameof(LayerNormAttribute.Epsilon))
    {
        Default = 0.001,
        IsValid = epsilon => epsilon > 0 && epsilon < double.PositiveInfinity,
        Constraint = "a finite number greater than 0",
    };

    public LayerNormLayer()
        : base(LayerKind.LayerNorm, typeof(LayerNormAttribute), "LayerNormalization", "layer_normalization", Epsilon)
    {
    }

    public override IEnumerable<string> Aliases => new[] { Kind, KerasClass, "LayerNormalisation" };

    /// <summary>Keras's layer supports masking: a mask on its input passes to its output.</summary>
    public override bool SupportsMasking => true;

    public override LayerOutput Infer(LayerContext context)
    {
        long channels = FeatureAxis.Count(context.Input);
        return LayerOutput.Trained(context.Input, 2 * channels, ModelAnalysis.Elements(context.Input));
    }

    public override LayerField Field(LayerPlan layer)
    {
        string norm = CSharp.Nn + ".LayerNorm(new long[] { " + CSharp.Long(FeatureAxis.Count(layer.InputShape)) + " }, eps: " + CSharp.Double(Epsilon.Get(layer.Spec)) + ")";
        return FeatureAxis.IsLast(layer.InputShape)
            ? new LayerField(CSharp.Modules + ".LayerNorm", norm)
            : new LayerField(ChannelsLast, "new " + ChannelsLast + "(" + norm + ")");
    }

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) => Identifier.Escape(layer.Name) + ".call(" + inputs[0] + ")";

    /// <summary>
    /// ONNX LayerNormalization over the last axis; on images between two Transposes that move the channels last and
    /// back, as the ChannelsLast module does (its LayerNorm is its child <c>inner</c>).
    /// </summary>
    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs)
    {
        int rank = layer.InputShape.Count + 1;
        string module = FeatureAxis.IsLast(layer.InputShape) ? layer.Name : layer.Name + ".inner";
        string Normalise(string x) => onnx.Node("LayerNormalization", new[] { x, onnx.Weight(module + ".weight"), onnx.Weight(module + ".bias") },
            OnnxCode.Int("axis", -1), OnnxCode.FloatAttribute("epsilon", Epsilon.Get(layer.Spec)));
        if (FeatureAxis.IsLast(layer.InputShape))
            return Normalise(inputs[0]);
        return onnx.ChannelsLast(inputs[0], rank, Normalise);
    }

    private const string ChannelsLast = "global::Dsl.Modules.ChannelsLast";
}
