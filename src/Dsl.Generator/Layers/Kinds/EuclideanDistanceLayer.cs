using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Emit;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// The Euclidean distance of Keras's siamese example (keras-io examples/vision/siamese_contrastive.py, its
/// <c>euclidean_distance</c> Lambda): <c>sqrt(max(Σ(a − b)², epsilon))</c> per sample, the sum over every axis but the
/// batch's, output (1). Keras's epsilon (1e-7) under the square root keeps the gradient finite where a = b: there the
/// clamp passes no gradient, where a bare square root's would be infinite. Exactly two inputs of one shape, no
/// broadcasting (a distance between vectors of different sizes means nothing). The output is one value per sample,
/// so a sequence's mask ends here (DSL076), as it ends at any layer that reduces the steps.
/// </summary>
internal sealed class EuclideanDistanceLayer : MergeLayer
{
    /// <summary>Keras's <c>backend.epsilon()</c>, the example's floor for the squared distance.</summary>
    private const double Epsilon = 1e-7;

    public EuclideanDistanceLayer()
        : base(LayerKind.EuclideanDistance, typeof(EuclideanDistanceAttribute), "EuclideanDistance", "euclidean_distance")
    {
    }

    protected override int? ExactInputCount => 2;

    public override bool SupportsMasking => false;

    public override LayerOutput? Infer(LayerContext context)
    {
        if (context.Inputs[0].Shape.SequenceEqual(context.Inputs[1].Shape))
            return new LayerOutput(new[] { 1 }.ToEquatableArray());
        return context.Fail(DiagnosticDescriptors.MergeShapesDiffer, context.Name, KerasClass, "two inputs of one shape", Describe(context.Inputs));
    }

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) => Combine(layer, inputs);

    protected override string Combine(LayerPlan layer, IReadOnlyList<string> inputs) =>
        inputs[0] + ".sub(" + inputs[1] + ").square().flatten(1).sum(1, keepdim: true).clamp_min(" + CSharp.Double(Epsilon) + ").sqrt()";

    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) => CombineOnnx(layer, onnx, inputs);

    protected override string CombineOnnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs)
    {
        string difference = onnx.Node("Sub", new[] { inputs[0], inputs[1] });
        string flat = onnx.Node("Flatten", onnx.Node("Mul", new[] { difference, difference }), OnnxCode.Int("axis", 1));
        string sum = onnx.Node("ReduceSum", new[] { flat, onnx.Longs(new[] { 1L }) }, OnnxCode.Int("keepdims", 1));
        return onnx.Node("Sqrt", onnx.Node("Max", new[] { sum, onnx.Scalar(Epsilon) }));
    }
}
