using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Geometry;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// What Keras's 2-D max and average pooling share (keras/src/layers/pooling/base_pooling.py): a window, a stride
/// that defaults to the window, valid or same padding, channels kept. No parameters.
/// </summary>
internal abstract class Pool2DLayer : LayerDefinition
{
    public static readonly IntegersOption PoolSize = new(nameof(MaxPool2DAttribute.PoolSize)) { IsRequired = true };

    public static readonly IntegersOption Strides = new(nameof(MaxPool2DAttribute.Strides), nameof(MaxPool2DAttribute.Stride)) { ZeroMeansDefault = true };

    protected Pool2DLayer(LayerKind kind, Type attribute, string kerasClass, string kerasName)
        : base(kind, attribute, kerasClass, kerasName, PoolSize, Strides, CommonOptions.Padding)
    {
    }

    public override LayerOption MainOption => PoolSize;

    public override LayerOutput? Infer(LayerContext context)
    {
        if (!context.RequireImage())
            return null;
        var spec = context.Spec;
        int channels = context.Input[0];
        if (SlidingWindow2D.Output(context, Window(spec), Stride(spec), CommonOptions.Padding.Get(spec), channels, "pool window") is not { } size)
            return null;
        return new LayerOutput(EquatableArray.Of(channels, size.Height, size.Width));
    }

    public override IEnumerable<string> Describe(LayerPlan layer)
    {
        var window = Window(layer.Spec);
        var stride = Stride(layer.Spec);
        yield return "Window = " + CSharp.Shape(new[] { window.Height, window.Width });
        yield return "Stride = " + CSharp.Shape(new[] { stride.Height, stride.Width });
        yield return "Padding = global::Dsl.Padding." + CommonOptions.Padding.Get(layer.Spec);
    }

    protected static Window2D Window(LayerSpec spec) => Window2D.From(PoolSize.Get(spec)!.Value);

    protected static Window2D Stride(LayerSpec spec) => Strides.Get(spec) is { } given ? Window2D.From(given) : Window(spec);

    /// <summary>Keras's "same" padding; symmetric padding goes into the module, the rest is applied in forward.</summary>
    protected static Pads Pads(LayerPlan layer) =>
        Geometry.Pads.For(CommonOptions.Padding.Get(layer.Spec), layer.InputShape[1], layer.InputShape[2], Window(layer.Spec), Stride(layer.Spec));

    /// <summary>
    /// ONNX's pooling operator <paramref name="op"/> (MaxPool, AveragePool) with Keras's padding as explicit pads,
    /// asymmetric "same" included: padded cells never win a maximum and, with count_include_pad 0, are left out of
    /// an average, which is what the -∞ and coverage padding of <c>KerasPadding</c> compute in forward.
    /// </summary>
    protected static string OnnxPool(LayerPlan layer, OnnxCode onnx, string input, string op, params string[] attributes)
    {
        var window = Window(layer.Spec);
        var stride = Stride(layer.Spec);
        var pads = Pads(layer);
        return onnx.Node(op, input, new[]
        {
            OnnxCode.Ints("kernel_shape", window.Height, window.Width),
            OnnxCode.Ints("strides", stride.Height, stride.Width),
            OnnxCode.Ints("pads", pads.Top, pads.Left, pads.Bottom, pads.Right),
        }.Concat(attributes).ToArray());
    }

    protected static string ModulePadding(LayerPlan layer)
    {
        var pads = Pads(layer);
        return pads.IsSymmetric ? CSharp.Pair(pads.Top, pads.Left) : CSharp.Pair(0, 0);
    }
}
