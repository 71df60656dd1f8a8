using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Geometry;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>Concatenate</c> with its default axis, the last: the features (FeatureAxis), which are an image's channels
/// (dimension 1 of our (N, C, H, W) tensors) and the last axis of sequences and flat values. The inputs must agree elsewhere.
/// </summary>
internal sealed class ConcatenateLayer : MergeLayer
{
    public ConcatenateLayer()
        : base(LayerKind.Concatenate, typeof(ConcatenateAttribute), "Concatenate", "concatenate")
    {
    }

    public override LayerOutput? Infer(LayerContext context)
    {
        var first = context.Input;
        int axis = FeatureAxis.Of(first);
        bool fits = context.Inputs.All(i => i.Shape.Count == first.Count && i.Shape.Where((_, d) => d != axis).SequenceEqual(first.Where((_, d) => d != axis)));
        if (!fits)
        {
            return context.Fail(DiagnosticDescriptors.MergeShapesDiffer, context.Name, KerasClass,
                "inputs that agree in every dimension but the features (an image's channels, the last axis otherwise)", Describe(context.Inputs));
        }
        long channels = context.Inputs.Sum(i => (long)i.Shape[axis]);
        if (channels > int.MaxValue)
            return context.Fail(DiagnosticDescriptors.InvalidValue, "The joined size", context.Name, "at most 2,147,483,647", Invariant.Grouped(channels));
        return new LayerOutput(first.Select((size, d) => d == axis ? (int)channels : size).ToEquatableArray());
    }

    protected override string Combine(LayerPlan layer, IReadOnlyList<string> inputs) =>
        CSharp.Torch + ".cat(new[] { " + string.Join(", ", inputs) + " }, " + CSharp.Long(FeatureAxis.InBatch(layer.InputShape)) + ")";

    protected override string CombineOnnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) =>
        onnx.Node("Concat", inputs, OnnxCode.Int("axis", FeatureAxis.InBatch(layer.InputShape)));
}
