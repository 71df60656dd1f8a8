using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Geometry;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>DepthwiseConv2D</c>: each of the C input channels convolved with its own m kernels (m the depth
/// multiplier), C·m output channels, output channel c·m + j from channel c and kernel j, as in TensorFlow.
/// k_h·k_w·C·m weights (+C·m bias). A TorchSharp Conv2d with groups = C has the same outputs; its weight
/// (C·m, 1, k_h, k_w) holds Keras's kernel (k_h, k_w, C, m), whose Glorot fans Keras counts as C·k_h·k_w in and
/// m·k_h·k_w out (TorchSharp's xavier would take 1·k_h·k_w and C·m·k_h·k_w), so the kernel is initialised again.
/// Padding as in <see cref="Conv2DLayer"/>.
/// </summary>
internal sealed class DepthwiseConv2DLayer : LayerDefinition
{
    public static readonly IntegerOption DepthMultiplier = new(nameof(DepthwiseConv2DAttribute.DepthMultiplier)) { Default = 1 };

    public DepthwiseConv2DLayer()
        : base(LayerKind.DepthwiseConv2D, typeof(DepthwiseConv2DAttribute), "DepthwiseConv2D", "depthwise_conv2d",
            Conv2DLayer.KernelSize, DepthMultiplier, Conv2DLayer.Strides, CommonOptions.Padding, CommonOptions.Activation, CommonOptions.UseBias)
    {
    }

    public override LayerOption MainOption => Conv2DLayer.KernelSize;

    public override LayerOutput? Infer(LayerContext context)
    {
        if (!context.RequireImage())
            return null;
        var spec = context.Spec;
        if (DepthwiseChannels(context) is not { } outChannels)
            return null;
        var kernel = Conv2DLayer.Kernel(spec);
        if (SlidingWindow2D.Output(context, kernel, Conv2DLayer.Stride(spec), CommonOptions.Padding.Get(spec), outChannels, "kernel") is not { } size)
            return null;
        long weights = (long)kernel.Height * kernel.Width * outChannels;
        long positions = (long)size.Height * size.Width;
        bool bias = CommonOptions.UseBias.Get(spec);
        return LayerOutput.Trained(EquatableArray.Of(outChannels, size.Height, size.Width),
            weights + (bias ? outChannels : 0),
            (weights * positions) + (bias ? outChannels * positions : 0));
    }

    public override LayerField Field(LayerPlan layer) =>
        new(CSharp.Modules + ".Conv2d", Depthwise(layer, CommonOptions.UseBias.Get(layer.Spec)));

    public override bool OutputIsOverwritable => true;

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) => Conv2DLayer.PaddedCall(layer, Pads(layer), inputs[0]);

    /// <summary>ONNX Conv with group = C, as the module.</summary>
    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) =>
        OnnxDepthwise(layer, onnx, inputs[0], layer.Name, CommonOptions.UseBias.Get(layer.Spec));

    public override bool AcceptsFoldedBatchNorm => true;

    public override string ForwardWithWeights(LayerPlan layer, IReadOnlyList<string> inputs, string weight, string bias) =>
        Conv2DLayer.FunctionalConv(inputs[0], weight, bias, Pads(layer), Conv2DLayer.Stride(layer.Spec), new Window2D(1, 1), layer.InputShape[0]);

    public override string OnnxWithWeights(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs, string weight, string bias) =>
        Conv2DLayer.OnnxConv(onnx, inputs[0], new[] { weight, bias }, Conv2DLayer.Kernel(layer.Spec), Conv2DLayer.Stride(layer.Spec), new Window2D(1, 1), Pads(layer), layer.InputShape[0]);

    public override IEnumerable<string> Initialise(LayerPlan layer)
    {
        string field = Identifier.Escape(layer.Name);
        yield return GlorotDepthwise(layer, field + ".weight!");
        yield return Initialisers.Zeros(field + ".bias");
    }

    public override IEnumerable<string> Describe(LayerPlan layer) => Conv2DLayer.Describe(layer, layer.OutputShape[0]);

    /// <summary>C·m, or null after reporting that it is too large.</summary>
    internal static int? DepthwiseChannels(LayerContext context)
    {
        long channels = (long)context.Input[0] * DepthMultiplier.Get(context.Spec);
        if (channels <= int.MaxValue)
            return (int)channels;
        context.Fail(DiagnosticDescriptors.InvalidValue, "The depthwise output channels (channels × DepthMultiplier)", context.Name, "at most 2,147,483,647", Invariant.Grouped(channels));
        return null;
    }

    /// <summary>The depthwise convolution as a TorchSharp Conv2d with groups = C; symmetric "same" padding inside.</summary>
    internal static string Depthwise(LayerPlan layer, bool bias)
    {
        var spec = layer.Spec;
        int channels = layer.InputShape[0];
        var pads = Pads(layer);
        var padding = pads.IsSymmetric ? CSharp.Pair(pads.Top, pads.Left) : CSharp.Pair(0, 0);
        return CSharp.Nn + ".Conv2d(" + CSharp.Long(channels) + ", " + CSharp.Long((long)channels * DepthMultiplier.Get(spec)) + ", " + CSharp.Pair(Conv2DLayer.Kernel(spec))
            + ", stride: " + CSharp.Pair(Conv2DLayer.Stride(spec)) + ", padding: " + padding + ", groups: " + CSharp.Long(channels) + ", bias: " + CSharp.Bool(bias) + ")";
    }

    /// <summary>The depthwise convolution as ONNX Conv with group = C, reading the module with state-dict prefix <paramref name="module"/>.</summary>
    internal static string OnnxDepthwise(LayerPlan layer, OnnxCode onnx, string input, string module, bool bias) =>
        Conv2DLayer.OnnxConv(onnx, input, module, bias, Conv2DLayer.Kernel(layer.Spec), Conv2DLayer.Stride(layer.Spec), new Window2D(1, 1), Pads(layer), layer.InputShape[0]);

    /// <summary>Keras's Glorot-uniform for a depthwise kernel (k_h, k_w, C, m): fan_in = C·k_h·k_w, fan_out = m·k_h·k_w.</summary>
    internal static string GlorotDepthwise(LayerPlan layer, string weight)
    {
        var kernel = Conv2DLayer.Kernel(layer.Spec);
        long area = (long)kernel.Height * kernel.Width;
        return Initialisers.Glorot(weight, layer.InputShape[0] * area, DepthMultiplier.Get(layer.Spec) * area);
    }

    /// <summary>Keras's "same" padding of the depthwise kernel (zero for valid).</summary>
    internal static Pads Pads(LayerPlan layer) =>
        Geometry.Pads.For(CommonOptions.Padding.Get(layer.Spec), layer.InputShape[1], layer.InputShape[2], Conv2DLayer.Kernel(layer.Spec), Conv2DLayer.Stride(layer.Spec));
}
