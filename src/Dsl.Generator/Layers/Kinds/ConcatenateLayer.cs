using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Emit;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>Concatenate</c> with its default axis, the last: channels in Keras's channels-last layout, which is
/// dimension 1 of our (N, C, ...) tensors; for flat inputs, the features. The inputs must agree elsewhere.
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
        bool fits = context.Inputs.All(i => i.Shape.Count == first.Count && i.Shape.Skip(1).SequenceEqual(first.Skip(1)));
        if (!fits)
        {
            return context.Fail(DiagnosticDescriptors.MergeShapesDiffer, context.Name, KerasClass,
                "inputs that agree in every dimension but the first (channels or features)", Describe(context.Inputs));
        }
        long channels = context.Inputs.Sum(i => (long)i.Shape[0]);
        if (channels > int.MaxValue)
            return context.Fail(DiagnosticDescriptors.InvalidValue, "The joined size", context.Name, "at most 2,147,483,647", Invariant.Grouped(channels));
        return new LayerOutput(new[] { (int)channels }.Concat(first.Skip(1)).ToEquatableArray());
    }

    protected override string Combine(IReadOnlyList<string> inputs) =>
        CSharp.Torch + ".cat(new[] { " + string.Join(", ", inputs) + " }, 1L)";

    protected override string CombineOnnx(OnnxCode onnx, IReadOnlyList<string> inputs) => onnx.Node("Concat", inputs, OnnxCode.Int("axis", 1));
}
