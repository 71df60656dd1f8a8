using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Geometry;
using Dsl.Generator.Layers.Options;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>BatchNormalization</c> over the features (FeatureAxis: an image's channels, a sequence's or a flat value's last axis): gamma (with <c>scale</c>) and beta
/// (with <c>center</c>) are trained, the moving mean and variance are not (buffers), so (center + scale)·C trainable and
/// 2C non-trainable values. With both, TorchSharp's BatchNorm1d or BatchNorm2d; without either, the runtime's
/// <c>BatchNormalization</c>, which computes the same with a missing gamma as 1 and a missing beta as 0 and keeps only
/// the trained ones as parameters. The state-dict keys are TorchSharp's: weight (gamma), bias (beta), running_mean,
/// running_var.
/// </summary>
internal sealed class BatchNormLayer : LayerDefinition
{
    public static readonly NumberOption Epsilon = new(nameof(BatchNormAttribute.Epsilon))
    {
        Default = 0.001,
        IsValid = epsilon => epsilon > 0 && epsilon < double.PositiveInfinity,
        Constraint = "a finite number greater than 0",
    };

    public static readonly NumberOption Momentum = new(nameof(BatchNormAttribute.Momentum))
    {
        Default = 0.99,
        IsValid = momentum => momentum >= 0 && momentum <= 1,
        Constraint = "between 0 and 1",
    };

    /// <summary>Keras's <c>center</c>: whether beta is learned.</summary>
    public static readonly FlagOption Center = new(nameof(BatchNormAttribute.Center)) { Default = true };

    /// <summary>Keras's <c>scale</c>: whether gamma is learned.</summary>
    public static readonly FlagOption Scale = new(nameof(BatchNormAttribute.Scale)) { Default = true };

    public BatchNormLayer()
        : base(LayerKind.BatchNorm, typeof(BatchNormAttribute), "BatchNormalization", "batch_normalization", Epsilon, Momentum, Center, Scale)
    {
    }

    /// <summary>Keras's layer supports masking: a mask on its input passes to its output.</summary>
    public override bool SupportsMasking => true;

    public override LayerOutput Infer(LayerContext context)
    {
        long channels = FeatureAxis.Count(context.Input);
        long trainable = (Center.Get(context.Spec) ? channels : 0) + (Scale.Get(context.Spec) ? channels : 0);
        return new LayerOutput(context.Input, trainable + (2 * channels), trainable, ModelAnalysis.Elements(context.Input));
    }

    public override LayerField Field(LayerPlan layer)
    {
        var spec = layer.Spec;
        // Keras's momentum keeps that share of the old statistic; TorchSharp's momentum is the share of the new one.
        double momentum = (double)(1m - (decimal)Momentum.Get(spec));
        bool center = Center.Get(spec), scale = Scale.Get(spec);
        if (!center || !scale)
        {
            return new LayerField("global::Dsl.Modules.BatchNormalization",
                "new global::Dsl.Modules.BatchNormalization(" + CSharp.Long(FeatureAxis.Count(layer.InputShape)) + ", center: " + CSharp.Bool(center) + ", scale: " + CSharp.Bool(scale)
                + ", eps: " + CSharp.Double(Epsilon.Get(spec)) + ", momentum: " + CSharp.Double(momentum) + ")");
        }
        string module = layer.InputShape.Count == 3 ? "BatchNorm2d" : "BatchNorm1d";
        return new LayerField(CSharp.Modules + "." + module,
            CSharp.Nn + "." + module + "(" + CSharp.Long(FeatureAxis.Count(layer.InputShape)) + ", eps: " + CSharp.Double(Epsilon.Get(spec)) + ", momentum: " + CSharp.Double(momentum) + ")");
    }

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) => Identifier.Escape(layer.Name) + ".call(" + inputs[0] + ")";

    /// <summary>TorchSharp's BatchNorm1d normalises dimension 1 of (N, C, L): a sequence's channels go first around it.</summary>
    public override SequenceOrder OrderOnSequences(LayerPlan layer) => SequenceOrder.ChannelsFirst;

    /// <summary>
    /// The inference form: ONNX BatchNormalization with the moving mean and variance; a gamma left out is a constant 1,
    /// a beta left out a constant 0.
    /// </summary>
    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs)
    {
        long channels = FeatureAxis.Count(layer.InputShape);
        string scale = Scale.Get(layer.Spec) ? onnx.Weight(layer.Name + ".weight") : Filled(onnx, channels, 1);
        string bias = Center.Get(layer.Spec) ? onnx.Weight(layer.Name + ".bias") : Filled(onnx, channels, 0);
        return onnx.Node("BatchNormalization",
            new[] { inputs[0], scale, bias, onnx.Weight(layer.Name + ".running_mean"), onnx.Weight(layer.Name + ".running_var") },
            OnnxCode.FloatAttribute("epsilon", Epsilon.Get(layer.Spec)));
    }

    /// <summary>A float32 constant of <paramref name="length"/> equal values (the builder's <c>Filled</c>).</summary>
    private static string Filled(OnnxCode onnx, long length, double value) =>
        onnx.Builder + ".Filled(" + CSharp.Long(length) + ", " + CSharp.Double(value) + ")";
}
