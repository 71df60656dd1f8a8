using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Options;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>BatchNormalization</c> over channels (images) or features: gamma and beta are trained, the moving
/// mean and variance are not (TorchSharp buffers), so 2C trainable and 2C non-trainable values.
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

    public BatchNormLayer()
        : base(LayerKind.BatchNorm, typeof(BatchNormAttribute), "BatchNormalization", "batch_normalization", Epsilon, Momentum)
    {
    }

    public override LayerOutput Infer(LayerContext context)
    {
        long channels = context.Input[0];
        return new LayerOutput(context.Input, 4 * channels, 2 * channels, ModelAnalysis.Elements(context.Input));
    }

    public override LayerField Field(LayerPlan layer)
    {
        string module = layer.InputShape.Count == 3 ? "BatchNorm2d" : "BatchNorm1d";
        // Keras's momentum keeps that share of the old statistic; TorchSharp's momentum is the share of the new one.
        double momentum = (double)(1m - (decimal)Momentum.Get(layer.Spec));
        return new LayerField(CSharp.Modules + "." + module,
            CSharp.Nn + "." + module + "(" + CSharp.Long(layer.InputShape[0]) + ", eps: " + CSharp.Double(Epsilon.Get(layer.Spec)) + ", momentum: " + CSharp.Double(momentum) + ")");
    }

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) => Identifier.Escape(layer.Name) + ".call(" + inputs[0] + ")";

    /// <summary>The inference form: ONNX BatchNormalization with the moving mean and variance.</summary>
    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) =>
        onnx.Node("BatchNormalization",
            new[] { inputs[0], onnx.Weight(layer.Name + ".weight"), onnx.Weight(layer.Name + ".bias"), onnx.Weight(layer.Name + ".running_mean"), onnx.Weight(layer.Name + ".running_var") },
            OnnxCode.FloatAttribute("epsilon", Epsilon.Get(layer.Spec)));
}
