using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Geometry;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>ZeroPadding2D</c>: rows of zeros above and below, columns left and right; 1 on every side by default.
/// TorchSharp's ZeroPad2d takes the sides as (left, right, top, bottom).
/// </summary>
internal sealed class ZeroPadding2DLayer : LayerDefinition
{
    public static readonly IntegersOption Padding = Sides.Option(nameof(ZeroPadding2DAttribute.Padding), required: false);

    public ZeroPadding2DLayer()
        : base(LayerKind.ZeroPadding2D, typeof(ZeroPadding2DAttribute), "ZeroPadding2D", "zero_padding2d", Padding)
    {
    }

    public override LayerOption MainOption => Padding;

    public override LayerOutput? Infer(LayerContext context)
    {
        if (!context.RequireImage())
            return null;
        var pads = Pads(context.Spec);
        long height = (long)context.Input[1] + pads.Top + pads.Bottom;
        long width = (long)context.Input[2] + pads.Left + pads.Right;
        if (height > int.MaxValue || width > int.MaxValue)
            return context.Fail(DiagnosticDescriptors.InvalidValue, "The padded height and width", context.Name, "at most 2,147,483,647", Invariant.Grouped(height) + "x" + Invariant.Grouped(width));
        return new LayerOutput(EquatableArray.Of(context.Input[0], (int)height, (int)width));
    }

    public override LayerField Field(LayerPlan layer)
    {
        var pads = Pads(layer.Spec);
        return new LayerField(CSharp.Modules + ".ZeroPad2d",
            CSharp.Nn + ".ZeroPad2d((" + CSharp.Long(pads.Left) + ", " + CSharp.Long(pads.Right) + ", " + CSharp.Long(pads.Top) + ", " + CSharp.Long(pads.Bottom) + "))");
    }

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) => Identifier.Escape(layer.Name) + ".call(" + inputs[0] + ")";

    /// <summary>ONNX Pad (constant zeros) with the pads as (begin of every axis, end of every axis).</summary>
    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs)
    {
        var pads = Pads(layer.Spec);
        return onnx.Node("Pad", new[] { inputs[0], onnx.Longs(new long[] { 0, 0, pads.Top, pads.Left, 0, 0, pads.Bottom, pads.Right }) });
    }

    private static Pads Pads(LayerSpec spec) => Padding.Get(spec) is { } given ? Sides.Of(given) : new Pads(1, 1, 1, 1);
}
