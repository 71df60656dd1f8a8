using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Geometry;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>Conv2D</c>: k_h·k_w·c_in·filters weights (+filters bias). Symmetric "same" padding goes into the
/// module; Keras's asymmetric "same" (the extra row and column at the bottom and right) is padded in forward.
/// </summary>
internal sealed class Conv2DLayer : LayerDefinition
{
    public static readonly IntegerOption Filters = new(nameof(Conv2DAttribute.Filters)) { IsRequired = true };

    public static readonly IntegersOption KernelSize = new(nameof(Conv2DAttribute.KernelSize)) { IsRequired = true };

    public static readonly IntegersOption Strides = new(nameof(Conv2DAttribute.Strides), nameof(Conv2DAttribute.Stride));

    public Conv2DLayer()
        : base(LayerKind.Conv2D, typeof(Conv2DAttribute), "Conv2D", "conv2d",
            Filters, KernelSize, Strides, CommonOptions.Padding, CommonOptions.Activation, CommonOptions.UseBias)
    {
    }

    public override IEnumerable<string> Aliases => new[] { Kind, KerasClass, "Convolution2D" };

    public override LayerOption MainOption => Filters;

    public override LayerOutput? Infer(LayerContext context)
    {
        if (!context.RequireImage())
            return null;
        var spec = context.Spec;
        var window = Window2D.From(KernelSize.Get(spec)!.Value);
        int filters = Filters.Get(spec);
        if (SlidingWindow2D.Output(context, window, Stride(spec), CommonOptions.Padding.Get(spec), filters, "kernel") is not { } size)
            return null;
        var (height, width) = size;
        long weights = (long)window.Height * window.Width * context.Input[0] * filters;
        long positions = (long)height * width;
        bool bias = CommonOptions.UseBias.Get(spec);
        return LayerOutput.Trained(EquatableArray.Of(filters, height, width),
            weights + (bias ? filters : 0),
            (weights * positions) + (bias ? filters * positions : 0));
    }

    public override LayerField Field(LayerPlan layer)
    {
        var spec = layer.Spec;
        var pads = Pads(layer);
        var padding = pads.IsSymmetric ? CSharp.Pair(pads.Top, pads.Left) : CSharp.Pair(0, 0);
        return new LayerField(CSharp.Modules + ".Conv2d",
            CSharp.Nn + ".Conv2d(" + CSharp.Long(layer.InputShape[0]) + ", " + CSharp.Long(Filters.Get(spec)) + ", " + CSharp.Pair(Window2D.From(KernelSize.Get(spec)!.Value))
            + ", stride: " + CSharp.Pair(Stride(spec)) + ", padding: " + padding + ", bias: " + CSharp.Bool(CommonOptions.UseBias.Get(spec)) + ")");
    }

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs)
    {
        var pads = Pads(layer);
        string field = Identifier.Escape(layer.Name);
        return pads.IsSymmetric
            ? field + ".call(" + inputs[0] + ")"
            : field + ".call(" + CSharp.Support + ".KerasPadding.Zeros(" + inputs[0] + ", " + CSharp.Sides(pads) + "))";
    }

    public override IEnumerable<string> Describe(LayerPlan layer)
    {
        var spec = layer.Spec;
        var window = Window2D.From(KernelSize.Get(spec)!.Value);
        var stride = Stride(spec);
        yield return "Size = " + CSharp.Int(Filters.Get(spec));
        yield return "UseBias = " + CSharp.Bool(CommonOptions.UseBias.Get(spec));
        yield return "Window = " + CSharp.Shape(new[] { window.Height, window.Width });
        yield return "Stride = " + CSharp.Shape(new[] { stride.Height, stride.Width });
        yield return "Padding = global::Dsl.Padding." + CommonOptions.Padding.Get(spec);
    }

    private static Window2D Stride(LayerSpec spec) => Strides.Get(spec) is { } given ? Window2D.From(given) : new Window2D(1, 1);

    private static Pads Pads(LayerPlan layer) =>
        Geometry.Pads.For(CommonOptions.Padding.Get(layer.Spec), layer.InputShape[1], layer.InputShape[2], Window2D.From(KernelSize.Get(layer.Spec)!.Value), Stride(layer.Spec));
}
