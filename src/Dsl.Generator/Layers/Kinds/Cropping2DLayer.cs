using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Geometry;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>Cropping2D</c>: rows cut off the top and bottom, columns off the left and right; at least one row and
/// one column must remain (Keras raises otherwise; here it is DSL002, with the would-be shape). A view of the input.
/// </summary>
internal sealed class Cropping2DLayer : LayerDefinition
{
    public static readonly IntegersOption Cropping = Sides.Option(nameof(Cropping2DAttribute.Cropping), required: true);

    public Cropping2DLayer()
        : base(LayerKind.Cropping2D, typeof(Cropping2DAttribute), "Cropping2D", "cropping2d", Cropping)
    {
    }

    public override LayerOption MainOption => Cropping;

    public override LayerOutput? Infer(LayerContext context)
    {
        if (!context.RequireImage())
            return null;
        var input = context.Input;
        var crops = Sides.Of(Cropping.Get(context.Spec)!.Value);
        long height = (long)input[1] - crops.Top - crops.Bottom;
        long width = (long)input[2] - crops.Left - crops.Right;
        if (height < 1 || width < 1)
        {
            return context.Fail(DiagnosticDescriptors.OutputBelowOne, "'" + context.Name + "'",
                "(" + input[0] + ", " + height + ", " + width + ")",
                " after cropping " + crops.Top + " + " + crops.Bottom + " rows and " + crops.Left + " + " + crops.Right + " columns off its input " + Invariant.SampleShape(input) + " from " + context.Producer);
        }
        return new LayerOutput(EquatableArray.Of(input[0], (int)height, (int)width));
    }

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs)
    {
        var crops = Sides.Of(Cropping.Get(layer.Spec)!.Value);
        return inputs[0] + ".narrow(2L, " + CSharp.Long(crops.Top) + ", " + CSharp.Long(layer.OutputShape[1]) + ")"
            + ".narrow(3L, " + CSharp.Long(crops.Left) + ", " + CSharp.Long(layer.OutputShape[2]) + ")";
    }

    /// <summary>ONNX Slice over height and width.</summary>
    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs)
    {
        var crops = Sides.Of(Cropping.Get(layer.Spec)!.Value);
        return onnx.Node("Slice", new[]
        {
            inputs[0],
            onnx.Longs(new long[] { crops.Top, crops.Left }),
            onnx.Longs(new long[] { (long)crops.Top + layer.OutputShape[1], (long)crops.Left + layer.OutputShape[2] }),
            onnx.Longs(new long[] { 2, 3 }),
        });
    }
}
