using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Geometry;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>Conv2D</c>: k_h·k_w·(c_in/groups)·filters weights (+filters bias). Symmetric "same" padding goes into
/// the module; Keras's asymmetric "same" (the extra row and column at the bottom and right) is padded in forward.
/// With a dilation rate the kernel covers (k − 1)·d + 1 cells, and "same" pads for that dilated size, as
/// TensorFlow does. The 2-D convolutions of this family (transposed, depthwise, separable) share its options and
/// the helpers below.
/// </summary>
internal sealed class Conv2DLayer : LayerDefinition
{
    public static readonly IntegerOption Filters = new(nameof(Conv2DAttribute.Filters)) { IsRequired = true };

    public static readonly IntegersOption KernelSize = new(nameof(Conv2DAttribute.KernelSize)) { IsRequired = true };

    public static readonly IntegersOption Strides = new(nameof(Conv2DAttribute.Strides), nameof(Conv2DAttribute.Stride));

    /// <summary>Keras's <c>dilation_rate</c>: an integer, or height and width (<c>DilationRates</c>).</summary>
    public static readonly IntegersOption DilationRate = new(nameof(Conv2DAttribute.DilationRate), nameof(Conv2DAttribute.DilationRates));

    public static readonly IntegerOption Groups = new(nameof(Conv2DAttribute.Groups)) { Default = 1 };

    public Conv2DLayer()
        : base(LayerKind.Conv2D, typeof(Conv2DAttribute), "Conv2D", "conv2d",
            Filters, KernelSize, Strides, CommonOptions.Padding, DilationRate, Groups, CommonOptions.Activation, CommonOptions.UseBias)
    {
    }

    public override IEnumerable<string> Aliases => new[] { Kind, KerasClass, "Convolution2D" };

    public override LayerOption MainOption => Filters;

    public override bool CheckLayer(LayerSpec layer, string name, ICollection<DiagnosticInfo> diagnostics)
    {
        if (!CheckStridesWithDilation(layer, name, diagnostics))
            return false;
        int groups = Groups.Get(layer), filters = Filters.Get(layer);
        if (filters % groups == 0)
            return true;
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GroupsDoNotDivide, layer.Location, name, Invariant.ToText(groups), Invariant.ToText(filters) + " filters"));
        return false;
    }

    public override LayerOutput? Infer(LayerContext context)
    {
        if (!context.RequireImage())
            return null;
        var spec = context.Spec;
        var kernel = Kernel(spec);
        if (DilatedKernel(context, kernel, Dilation(spec)) is not { } window)
            return null;
        int filters = Filters.Get(spec), groups = Groups.Get(spec), channels = context.Input[0];
        if (channels % groups != 0)
            return context.Fail(DiagnosticDescriptors.GroupsDoNotDivide, context.Name, Invariant.ToText(groups), Invariant.ToText(channels) + " input channels (from " + context.Producer + ")");
        if (SlidingWindow2D.Output(context, window, Stride(spec), CommonOptions.Padding.Get(spec), filters, window == kernel ? "kernel" : "dilated kernel") is not { } size)
            return null;
        var (height, width) = size;
        long weights = (long)kernel.Height * kernel.Width * (channels / groups) * filters;
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
        var dilation = Dilation(spec);
        int groups = Groups.Get(spec);
        // Only what differs from TorchSharp's defaults, so a plain convolution reads as it always did.
        var extra = (dilation == new Window2D(1, 1) ? string.Empty : ", dilation: " + CSharp.Pair(dilation))
            + (groups == 1 ? string.Empty : ", groups: " + CSharp.Long(groups));
        return new LayerField(CSharp.Modules + ".Conv2d",
            CSharp.Nn + ".Conv2d(" + CSharp.Long(layer.InputShape[0]) + ", " + CSharp.Long(Filters.Get(spec)) + ", " + CSharp.Pair(Kernel(spec))
            + ", stride: " + CSharp.Pair(Stride(spec)) + ", padding: " + padding + extra + ", bias: " + CSharp.Bool(CommonOptions.UseBias.Get(spec)) + ")");
    }

    public override bool OutputIsOverwritable => true;

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) => PaddedCall(layer, Pads(layer), inputs[0]);

    /// <summary>Glorot-uniform: the (filters, c_in / groups, k_h, k_w) weight gives Keras's fans.</summary>
    public override IEnumerable<string> Initialise(LayerPlan layer)
    {
        string field = Identifier.Escape(layer.Name);
        yield return Initialisers.Glorot(field + ".weight!");
        yield return Initialisers.Zeros(field + ".bias");
    }

    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs)
    {
        var spec = layer.Spec;
        return OnnxConv(onnx, inputs[0], layer.Name, CommonOptions.UseBias.Get(spec), Kernel(spec), Stride(spec), Dilation(spec), Pads(layer), Groups.Get(spec));
    }

    public override bool AcceptsFoldedBatchNorm => true;

    /// <summary>Without groups (each weight reads every input channel), and an offset only where nothing is padded.</summary>
    public override bool AcceptsFoldedRescaling(LayerPlan layer, bool offset) => Groups.Get(layer.Spec) == 1 && (!offset || Pads(layer).IsZero);

    public override string ForwardWithWeights(LayerPlan layer, IReadOnlyList<string> inputs, string weight, string bias) =>
        FunctionalConv(inputs[0], weight, bias, Pads(layer), Stride(layer.Spec), Dilation(layer.Spec), Groups.Get(layer.Spec));

    public override string OnnxWithWeights(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs, string weight, string bias)
    {
        var spec = layer.Spec;
        return OnnxConv(onnx, inputs[0], new[] { weight, bias }, Kernel(spec), Stride(spec), Dilation(spec), Pads(layer), Groups.Get(spec));
    }

    public override IEnumerable<string> Describe(LayerPlan layer) => Describe(layer, Filters.Get(layer.Spec));

    /// <summary>The kernel as given (one value means square).</summary>
    internal static Window2D Kernel(LayerSpec spec) => Window2D.From(KernelSize.Get(spec)!.Value);

    internal static Window2D Stride(LayerSpec spec) => Strides.Get(spec) is { } given ? Window2D.From(given) : new Window2D(1, 1);

    internal static Window2D Dilation(LayerSpec spec) => DilationRate.Get(spec) is { } given ? Window2D.From(given) : new Window2D(1, 1);

    /// <summary>
    /// Keras's rule (keras/src/layers/convolutional/base_conv.py, base_conv_transpose.py): a stride above 1 and a
    /// dilation rate above 1 cannot be combined. Reports DSL030 at the layer.
    /// </summary>
    internal static bool CheckStridesWithDilation(LayerSpec layer, string name, ICollection<DiagnosticInfo> diagnostics)
    {
        var stride = Stride(layer);
        var dilation = Dilation(layer);
        if (System.Math.Max(stride.Height, stride.Width) <= 1 || System.Math.Max(dilation.Height, dilation.Width) <= 1)
            return true;
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StridesWithDilation, layer.Location, name,
            Invariant.SampleShape(new[] { stride.Height, stride.Width }), Invariant.SampleShape(new[] { dilation.Height, dilation.Width })));
        return false;
    }

    /// <summary>The cells a dilated kernel spans, (k − 1)·d + 1 per axis (Keras's dilated kernel size), or null after reporting that it is too large.</summary>
    internal static Window2D? DilatedKernel(LayerContext context, Window2D kernel, Window2D dilation)
    {
        long height = ((long)(kernel.Height - 1) * dilation.Height) + 1;
        long width = ((long)(kernel.Width - 1) * dilation.Width) + 1;
        if (height <= int.MaxValue && width <= int.MaxValue)
            return new Window2D((int)height, (int)width);
        context.Fail(DiagnosticDescriptors.InvalidValue, "The dilated kernel", context.Name, "at most 2,147,483,647 in each direction",
            Invariant.Grouped(height) + "x" + Invariant.Grouped(width));
        return null;
    }

    /// <summary>The module's call, with Keras's asymmetric "same" padding applied first when the module cannot express it.</summary>
    internal static string PaddedCall(LayerPlan layer, Pads pads, string input)
    {
        string field = Identifier.Escape(layer.Name);
        return pads.IsSymmetric
            ? field + ".call(" + input + ")"
            : field + ".call(" + CSharp.Support + ".KerasPadding.Zeros(" + input + ", " + CSharp.Sides(pads) + "))";
    }

    /// <summary>
    /// TorchSharp's functional conv2d with the given weight and bias, padded as <see cref="PaddedCall"/> pads: what the
    /// module computes, with other weights.
    /// </summary>
    internal static string FunctionalConv(string input, string weight, string bias, Pads pads, Window2D stride, Window2D dilation, int groups)
    {
        string padded = pads.IsSymmetric ? input : CSharp.Support + ".KerasPadding.Zeros(" + input + ", " + CSharp.Sides(pads) + ")";
        var modulePads = pads.IsSymmetric ? new long[] { pads.Top, pads.Left } : new long[] { 0, 0 };
        return CSharp.Functional + ".conv2d(" + padded + ", " + weight + ", " + bias
            + ", " + CSharp.Longs(stride.Height, stride.Width) + ", " + CSharp.Longs(modulePads) + ", " + CSharp.Longs(dilation.Height, dilation.Width) + ", " + CSharp.Long(groups) + ")";
    }

    /// <summary>
    /// ONNX Conv reading the weight (and bias) of the TorchSharp Conv2d whose state-dict prefix is <paramref name="module"/>
    /// (same (out, in/groups, k_h, k_w) layout). Keras's padding goes into its explicit pads, asymmetric "same" included,
    /// so the zeros padded in forward and the module's own padding are one and the same here.
    /// </summary>
    internal static string OnnxConv(OnnxCode onnx, string input, string module, bool bias, Window2D kernel, Window2D stride, Window2D dilation, Pads pads, int groups)
    {
        var weights = new List<string> { onnx.Weight(module + ".weight") };
        if (bias)
            weights.Add(onnx.Weight(module + ".bias"));
        return OnnxConv(onnx, input, weights, kernel, stride, dilation, pads, groups);
    }

    /// <summary>ONNX Conv with the given weight (and bias) values.</summary>
    internal static string OnnxConv(OnnxCode onnx, string input, IEnumerable<string> weights, Window2D kernel, Window2D stride, Window2D dilation, Pads pads, int groups)
    {
        var operands = new List<string> { input };
        operands.AddRange(weights);
        return onnx.Node("Conv", operands,
            OnnxCode.Ints("kernel_shape", kernel.Height, kernel.Width),
            OnnxCode.Ints("strides", stride.Height, stride.Width),
            OnnxCode.Ints("dilations", dilation.Height, dilation.Width),
            OnnxCode.Ints("pads", pads.Top, pads.Left, pads.Bottom, pads.Right),
            OnnxCode.Int("group", groups));
    }

    /// <summary>The <c>LayerInfo</c> members of a convolution with <paramref name="size"/> output channels.</summary>
    internal static IEnumerable<string> Describe(LayerPlan layer, int size)
    {
        var spec = layer.Spec;
        var window = Kernel(spec);
        var stride = Stride(spec);
        yield return "Size = " + CSharp.Int(size);
        yield return "UseBias = " + CSharp.Bool(CommonOptions.UseBias.Get(spec));
        yield return "Window = " + CSharp.Shape(new[] { window.Height, window.Width });
        yield return "Stride = " + CSharp.Shape(new[] { stride.Height, stride.Width });
        yield return "Padding = global::Dsl.Padding." + CommonOptions.Padding.Get(spec);
    }

    /// <summary>Keras's "same" padding for the dilated kernel (zero for valid).</summary>
    private static Pads Pads(LayerPlan layer)
    {
        var spec = layer.Spec;
        var kernel = Kernel(spec);
        var dilation = Dilation(spec);
        var window = new Window2D(((kernel.Height - 1) * dilation.Height) + 1, ((kernel.Width - 1) * dilation.Width) + 1);
        return Geometry.Pads.For(CommonOptions.Padding.Get(spec), layer.InputShape[1], layer.InputShape[2], window, Stride(spec));
    }
}
