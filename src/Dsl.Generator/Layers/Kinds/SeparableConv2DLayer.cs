using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Geometry;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>SeparableConv2D</c>: a depthwise convolution (kernel (k_h, k_w, C, m), strides and padding, no bias)
/// then a pointwise 1x1 convolution (kernel (1, 1, C·m, filters), with the bias): k_h·k_w·C·m + C·m·filters weights
/// (+filters bias). One field, a TorchSharp Sequential with the children <c>depthwise</c> and <c>pointwise</c>
/// (state-dict keys <c>separable_conv2d_1.depthwise.weight</c>), each with Keras's Glorot fans: the depthwise
/// kernel's as in <see cref="DepthwiseConv2DLayer"/>, the pointwise kernel's equal TorchSharp's xavier on its
/// Conv2d. Asymmetric "same" padding is applied in forward, before the depthwise step.
/// </summary>
internal sealed class SeparableConv2DLayer : LayerDefinition
{
    public SeparableConv2DLayer()
        : base(LayerKind.SeparableConv2D, typeof(SeparableConv2DAttribute), "SeparableConv2D", "separable_conv2d",
            Conv2DLayer.Filters, Conv2DLayer.KernelSize, DepthwiseConv2DLayer.DepthMultiplier, Conv2DLayer.Strides, CommonOptions.Padding,
            CommonOptions.Activation, CommonOptions.UseBias)
    {
    }

    public override IEnumerable<string> Aliases => new[] { Kind, KerasClass, "SeparableConvolution2D" };

    public override LayerOption MainOption => Conv2DLayer.Filters;

    public override LayerOutput? Infer(LayerContext context)
    {
        if (!context.RequireImage())
            return null;
        var spec = context.Spec;
        if (DepthwiseConv2DLayer.DepthwiseChannels(context) is not { } depthwise)
            return null;
        var kernel = Conv2DLayer.Kernel(spec);
        int filters = Conv2DLayer.Filters.Get(spec);
        if (SlidingWindow2D.Output(context, kernel, Conv2DLayer.Stride(spec), CommonOptions.Padding.Get(spec), filters, "kernel") is not { } size)
            return null;
        long depthwiseWeights = (long)kernel.Height * kernel.Width * depthwise;
        long pointwiseWeights = (long)depthwise * filters;
        long positions = (long)size.Height * size.Width;
        long bias = CommonOptions.UseBias.Get(spec) ? filters : 0;
        return LayerOutput.Trained(EquatableArray.Of(filters, size.Height, size.Width),
            depthwiseWeights + pointwiseWeights + bias,
            (depthwiseWeights + pointwiseWeights + bias) * positions);
    }

    public override LayerField Field(LayerPlan layer)
    {
        var spec = layer.Spec;
        long depthwise = (long)layer.InputShape[0] * DepthwiseConv2DLayer.DepthMultiplier.Get(spec);
        return new LayerField(CSharp.Modules + ".Sequential",
            CSharp.Nn + ".Sequential((\"depthwise\", " + DepthwiseConv2DLayer.Depthwise(layer, bias: false) + "), "
            + "(\"pointwise\", " + CSharp.Nn + ".Conv2d(" + CSharp.Long(depthwise) + ", " + CSharp.Long(Conv2DLayer.Filters.Get(spec)) + ", " + CSharp.Pair(1, 1)
            + ", bias: " + CSharp.Bool(CommonOptions.UseBias.Get(spec)) + ")))");
    }

    public override bool OutputIsOverwritable => true;

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) =>
        Conv2DLayer.PaddedCall(layer, DepthwiseConv2DLayer.Pads(layer), inputs[0]);

    /// <summary>Two ONNX Convs, as the Sequential's children: depthwise (group = C, Keras's padding, no bias), then pointwise 1x1 with the bias.</summary>
    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs)
    {
        var one = new Window2D(1, 1);
        string depthwise = DepthwiseConv2DLayer.OnnxDepthwise(layer, onnx, inputs[0], layer.Name + ".depthwise", bias: false);
        return Conv2DLayer.OnnxConv(onnx, depthwise, layer.Name + ".pointwise", CommonOptions.UseBias.Get(layer.Spec), one, one, one, default, 1);
    }

    public override IEnumerable<string> Initialise(LayerPlan layer)
    {
        // The Sequential's children: the depthwise step with Keras's depthwise fans, the 1x1 pointwise step whose
        // (filters, C·m, 1, 1) weight gives Keras's fans, and its bias.
        string child = "((" + CSharp.Modules + ".Conv2d)" + Identifier.Escape(layer.Name);
        yield return DepthwiseConv2DLayer.GlorotDepthwise(layer, child + "[0]).weight!");
        yield return Initialisers.Glorot(child + "[1]).weight!");
        yield return Initialisers.Zeros(child + "[1]).bias");
    }

    public override IEnumerable<string> Describe(LayerPlan layer) => Conv2DLayer.Describe(layer, Conv2DLayer.Filters.Get(layer.Spec));
}
