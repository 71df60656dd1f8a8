using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Options;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>LayerNormalization</c> with its default axis -1, the channels in Keras's channels-last layout: each
/// sample is normalised over its C channels at every position (images), every step (sequences) or over its
/// features (flat), then scaled by gamma (ones) and shifted by beta (zeros): 2·C trainable values. TorchSharp's
/// LayerNorm normalises the trailing dimension, so on images and sequences it runs inside a ChannelsLast module
/// that moves the channels last and back.
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

    public override LayerOutput Infer(LayerContext context)
    {
        long channels = context.Input[0];
        return LayerOutput.Trained(context.Input, 2 * channels, ModelAnalysis.Elements(context.Input));
    }

    public override LayerField Field(LayerPlan layer)
    {
        string norm = CSharp.Nn + ".LayerNorm(new long[] { " + CSharp.Long(layer.InputShape[0]) + " }, eps: " + CSharp.Double(Epsilon.Get(layer.Spec)) + ")";
        return layer.InputShape.Count == 1
            ? new LayerField(CSharp.Modules + ".LayerNorm", norm)
            : new LayerField(ChannelsLast, "new " + ChannelsLast + "(" + norm + ")");
    }

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) => Identifier.Escape(layer.Name) + ".call(" + inputs[0] + ")";

    private const string ChannelsLast = "global::Dsl.Modules.ChannelsLast";
}
