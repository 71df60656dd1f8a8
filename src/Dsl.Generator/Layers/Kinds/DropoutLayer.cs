using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>Dropout</c>: zeroes a fraction of the values in training only; any input shape. With Keras's
/// <c>noise_shape</c> (per sample here, channels first, each entry the input's size or 1) one mask of that shape per
/// sample is drawn and broadcast over the input (the runtime's <c>NoiseShapeDropout</c>); without it, the runtime's <c>Dropout</c>, whose masks come from a counter-based generator (<c>CounterDropoutMask</c>).
/// </summary>
internal sealed class DropoutLayer : LayerDefinition
{
    public static readonly NumberOption Rate = CommonOptions.DropoutRate;

    /// <summary>The mask's shape per sample; its agreement with the input's shape is checked by the shape rule.</summary>
    public static readonly IntegersOption NoiseShape = new(nameof(DropoutAttribute.NoiseShape))
    {
        Counts = new[] { 1, 2, 3 },
        CountText = "1 to 3 values (one per dimension of the input, channels first, without the batch)",
        Description = "a list of 1 to 3 integers",
    };

    public DropoutLayer()
        : base(LayerKind.Dropout, typeof(DropoutAttribute), "Dropout", "dropout", Rate, NoiseShape)
    {
    }

    public override LayerOption MainOption => Rate;

    /// <summary>The input's shape, after checking that a noise shape has one entry per dimension, each that dimension's size or 1 (DSL007).</summary>
    /// <summary>Keras's layer supports masking: a mask on its input passes to its output.</summary>
    public override bool SupportsMasking => true;

    public override LayerOutput? Infer(LayerContext context)
    {
        if (NoiseShape.Get(context.Spec) is { } noise
            && (noise.Count != context.Input.Count || noise.Where((size, i) => size != 1 && size != context.Input[i]).Any()))
        {
            return context.Fail(DiagnosticDescriptors.InvalidValue, NoiseShape.Name, context.Name,
                "one value per dimension of its input, each that dimension's size or 1 (the input is " + Invariant.SampleShape(context.Input) + ", from " + context.Producer + ")",
                Invariant.SampleShape(noise.ToArray()));
        }
        return new LayerOutput(context.Input);
    }

    public override LayerField Field(LayerPlan layer)
    {
        double rate = Rate.Get(layer.Spec);
        if (NoiseShape.Get(layer.Spec) is { } noise)
        {
            return new LayerField("global::Dsl.Modules.NoiseShapeDropout",
                "new global::Dsl.Modules.NoiseShapeDropout(" + CSharp.Double(rate) + ", new long[] { " + string.Join(", ", noise.Select(size => CSharp.Long(size))) + " })");
        }
        return new LayerField("global::Dsl.Modules.Dropout", "new global::Dsl.Modules.Dropout(" + CSharp.Double(rate) + ")");
    }

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) => Identifier.Escape(layer.Name) + ".call(" + inputs[0] + ")";

    /// <summary>Element-wise, so inside a run of 1-D convolutions it leaves their order alone; a noise shape is in the user's order.</summary>
    public override SequenceOrder OrderOnSequences(LayerPlan layer) => NoiseShape.Get(layer.Spec) is null ? SequenceOrder.Either : SequenceOrder.StepsFirst;

    /// <summary>The inference graph leaves dropout out: the layer's ONNX value is its input's.</summary>
    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) => inputs[0];

    public override IEnumerable<string> Describe(LayerPlan layer)
    {
        yield return "Rate = " + CSharp.Double(Rate.Get(layer.Spec));
    }
}
