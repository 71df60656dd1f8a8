using System;
using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Geometry;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>Conv2DTranspose</c>: k_h·k_w·c_in·filters weights (+filters bias), Keras kernel shape
/// (k_h, k_w, filters, c_in). Output per axis (Keras's compute_conv_transpose_output_length, k the dilated kernel
/// (k − 1)·d + 1): valid in·s + max(k − s, 0), same in·s.
/// <para>
/// Numbers follow TensorFlow (and Keras's JAX backend): the output is the full transposed convolution F (length
/// (in − 1)·s + k) read from offset a, out[o] = F[o + a], with a = 0 for valid and a = ⌊max(k − s, 0) / 2⌋ for
/// same: the padding a forward "same" convolution of the output would use before, so the odd extra is cut at the
/// bottom/right. TorchSharp's ConvTranspose2d gives F[o + p] for o below (in − 1)·s + k − 2p + output_padding, with
/// output_padding below the stride. When k − s is odd it cannot start at a with the right length, so the input gets
/// one zero row (column) in front, which moves F by s: p = a + s, output_padding = s − 1. (Keras's torch backend
/// starts at ⌈(k − s) / 2⌉ instead, one cell off TensorFlow; it warns about it.)
/// </para>
/// <para>
/// TorchSharp 0.107's ConvTranspose2d.forward(input) applies its first output padding to both axes
/// (ConvolutionTranspose._output_padding). When the two axes need different ones (a non-square kernel or stride),
/// the module gets none; each axis that needs r &gt; 0 gets a zero row (column) after the input instead, which adds s
/// cells, and a forward hook registered with the module cuts the s − r extra, so the module's call still returns
/// Keras's output (and hooks added later see it).
/// </para>
/// Mult-adds count the real multiply-accumulates, k_h·k_w·c_in·filters per input position (+ a bias add per
/// output value), not torchinfo's per output position.
/// </summary>
internal sealed class Conv2DTransposeLayer : LayerDefinition
{
    public Conv2DTransposeLayer()
        : base(LayerKind.Conv2DTranspose, typeof(Conv2DTransposeAttribute), "Conv2DTranspose", "conv2d_transpose",
            Conv2DLayer.Filters, Conv2DLayer.KernelSize, Conv2DLayer.Strides, CommonOptions.Padding, Conv2DLayer.DilationRate,
            CommonOptions.Activation, CommonOptions.UseBias)
    {
    }

    public override IEnumerable<string> Aliases => new[] { Kind, KerasClass, "Convolution2DTranspose" };

    public override LayerOption MainOption => Conv2DLayer.Filters;

    public override bool CheckLayer(LayerSpec layer, string name, ICollection<DiagnosticInfo> diagnostics) =>
        Conv2DLayer.CheckStridesWithDilation(layer, name, diagnostics);

    public override LayerOutput? Infer(LayerContext context)
    {
        if (!context.RequireImage())
            return null;
        var spec = context.Spec;
        var kernel = Conv2DLayer.Kernel(spec);
        if (Conv2DLayer.DilatedKernel(context, kernel, Conv2DLayer.Dilation(spec)) is not { } window)
            return null;
        var stride = Conv2DLayer.Stride(spec);
        var padding = CommonOptions.Padding.Get(spec);
        int height = context.Input[1], width = context.Input[2];
        long outHeight = OutputLength(height, window.Height, stride.Height, padding);
        long outWidth = OutputLength(width, window.Width, stride.Width, padding);
        if (outHeight > int.MaxValue || outWidth > int.MaxValue)
        {
            return context.Fail(DiagnosticDescriptors.InvalidValue, "The output height and width", context.Name, "at most 2,147,483,647 each",
                Invariant.Grouped(outHeight) + "x" + Invariant.Grouped(outWidth));
        }
        int filters = Conv2DLayer.Filters.Get(spec);
        long weights = (long)kernel.Height * kernel.Width * context.Input[0] * filters;
        bool bias = CommonOptions.UseBias.Get(spec);
        return LayerOutput.Trained(EquatableArray.Of(filters, (int)outHeight, (int)outWidth),
            weights + (bias ? filters : 0),
            (weights * height * width) + (bias ? filters * outHeight * outWidth : 0));
    }

    public override LayerField Field(LayerPlan layer)
    {
        var spec = layer.Spec;
        var plan = Plan(layer);
        var dilation = Conv2DLayer.Dilation(spec);
        return new LayerField(CSharp.Modules + ".ConvTranspose2d",
            CSharp.Nn + ".ConvTranspose2d(" + CSharp.Long(layer.InputShape[0]) + ", " + CSharp.Long(Conv2DLayer.Filters.Get(spec)) + ", " + CSharp.Pair(Conv2DLayer.Kernel(spec))
            + ", stride: " + CSharp.Pair(Conv2DLayer.Stride(spec))
            + ", padding: " + CSharp.Pair(plan.Rows.Padding, plan.Columns.Padding)
            + ", output_padding: " + CSharp.Pair(plan.Rows.OutputPadding, plan.Columns.OutputPadding)
            + (dilation == new Window2D(1, 1) ? string.Empty : ", dilation: " + CSharp.Pair(dilation))
            + ", bias: " + CSharp.Bool(CommonOptions.UseBias.Get(spec)) + ")");
    }

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs)
    {
        var plan = Plan(layer);
        var pads = new Pads(plan.Rows.Before, plan.Rows.After, plan.Columns.Before, plan.Columns.After);
        string field = Identifier.Escape(layer.Name);
        return pads.IsZero
            ? field + ".call(" + inputs[0] + ")"
            : field + ".call(" + CSharp.Support + ".KerasPadding.Zeros(" + inputs[0] + ", " + CSharp.Sides(pads) + "))";
    }

    /// <summary>
    /// ONNX ConvTranspose computes Keras's numbers directly, with neither the zero cell in front nor the crop hook of
    /// the module: on each axis the full transposed convolution F (length (in − 1)·s + window, the module's weight
    /// layout (c_in, filters, k_h, k_w) is ONNX's) loses <c>a</c> cells at the start and what is beyond Keras's length
    /// at the end; when F is shorter than that (a window below the stride), output_padding adds the missing cells,
    /// which hold the bias only, as in Keras.
    /// </summary>
    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs)
    {
        var spec = layer.Spec;
        var kernel = Conv2DLayer.Kernel(spec);
        var dilation = Conv2DLayer.Dilation(spec);
        var stride = Conv2DLayer.Stride(spec);
        var padding = CommonOptions.Padding.Get(spec);
        var rows = OnnxAxis(layer.InputShape[1], ((kernel.Height - 1) * dilation.Height) + 1, stride.Height, padding);
        var columns = OnnxAxis(layer.InputShape[2], ((kernel.Width - 1) * dilation.Width) + 1, stride.Width, padding);
        var operands = new List<string> { inputs[0], onnx.Weight(layer.Name + ".weight") };
        if (CommonOptions.UseBias.Get(spec))
            operands.Add(onnx.Weight(layer.Name + ".bias"));
        return onnx.Node("ConvTranspose", operands,
            OnnxCode.Ints("kernel_shape", kernel.Height, kernel.Width),
            OnnxCode.Ints("strides", stride.Height, stride.Width),
            OnnxCode.Ints("dilations", dilation.Height, dilation.Width),
            OnnxCode.Ints("pads", new[] { rows.Begin, columns.Begin, rows.End, columns.End }),
            OnnxCode.Ints("output_padding", new[] { rows.OutputPadding, columns.OutputPadding }));
    }

    public override IEnumerable<string> Initialise(LayerPlan layer)
    {
        // Keras's Glorot-uniform on its kernel (k_h, k_w, filters, c_in): fan_in = filters·k_h·k_w, fan_out = c_in·k_h·k_w.
        var spec = layer.Spec;
        var kernel = Conv2DLayer.Kernel(spec);
        long area = (long)kernel.Height * kernel.Width;
        string field = Identifier.Escape(layer.Name);
        yield return Initialisers.Glorot(field + ".weight", Conv2DLayer.Filters.Get(spec) * area, layer.InputShape[0] * area);
        if (CommonOptions.UseBias.Get(spec))
            yield return Initialisers.Zeros(field + ".bias");
        if (Plan(layer).Crops)
        {
            yield return field + ".register_forward_hook((_, _, output) => output.narrow(2L, 0L, " + CSharp.Long(layer.OutputShape[1])
                + ").narrow(3L, 0L, " + CSharp.Long(layer.OutputShape[2]) + "));";
        }
    }

    public override IEnumerable<string> Describe(LayerPlan layer) => Conv2DLayer.Describe(layer, Conv2DLayer.Filters.Get(layer.Spec));

    /// <summary>Keras's output length on one axis; <paramref name="window"/> is the dilated kernel.</summary>
    internal static long OutputLength(int input, int window, int stride, Padding padding) =>
        padding == Padding.Same
            ? (long)input * stride
            : ((long)input * stride) + Math.Max(window - stride, 0);

    /// <summary>
    /// Keras's output on one axis from the full transposed convolution F of length (in − 1)·s + window: F[o + a] for
    /// o below Keras's length, with a = ⌊max(window − s, 0) / 2⌋ for same and 0 for valid. As ONNX ConvTranspose
    /// attributes: a cells cut at the start, the surplus cut at the end, or the shortfall added as output padding.
    /// </summary>
    private static (long Begin, long End, long OutputPadding) OnnxAxis(int input, int window, int stride, Padding padding)
    {
        long output = OutputLength(input, window, stride, padding);
        long begin = padding == Padding.Same ? Math.Max(window - stride, 0) / 2 : 0;
        long surplus = ((long)(input - 1) * stride) + window - begin - output;
        return surplus >= 0 ? (begin, surplus, 0) : (begin, 0, -surplus);
    }

    /// <summary>
    /// How TorchSharp's module reproduces Keras on one axis (<paramref name="window"/> the dilated kernel): zero
    /// cells before the input, the module's padding (cut from both ends of the full output) and output padding
    /// (added at the end, below the stride).
    /// </summary>
    internal static TransposedAxis Axis(int window, int stride, Padding padding)
    {
        int total = Math.Max(window - stride, 0);
        if (padding != Padding.Same)
            return new TransposedAxis(0, 0, 0, Math.Max(stride - window, 0));
        return total % 2 == 0
            ? new TransposedAxis(0, 0, total / 2, Math.Max(stride - window, 0))
            : new TransposedAxis(1, 0, (total / 2) + stride, stride - 1);
    }

    /// <summary>
    /// Both axes. TorchSharp applies the first output padding to both (see the class notes): when they differ, each
    /// axis with one gets a zero cell after the input instead, and the module's output is cut to Keras's.
    /// </summary>
    private static TransposedPlan Plan(LayerPlan layer)
    {
        var spec = layer.Spec;
        var kernel = Conv2DLayer.Kernel(spec);
        var dilation = Conv2DLayer.Dilation(spec);
        var stride = Conv2DLayer.Stride(spec);
        var padding = CommonOptions.Padding.Get(spec);
        var rows = Axis(((kernel.Height - 1) * dilation.Height) + 1, stride.Height, padding);
        var columns = Axis(((kernel.Width - 1) * dilation.Width) + 1, stride.Width, padding);
        if (rows.OutputPadding == columns.OutputPadding)
            return new TransposedPlan(rows, columns, false);
        return new TransposedPlan(Extended(rows), Extended(columns), true);
    }

    private static TransposedAxis Extended(TransposedAxis axis) =>
        axis.OutputPadding == 0 ? axis : axis with { After = 1, OutputPadding = 0 };
}

/// <summary>One axis of a transposed convolution as TorchSharp's module runs it.</summary>
/// <param name="Before">Zero cells put before the input: 0 or 1.</param>
/// <param name="After">Zero cells put after the input: 0 or 1 (then the output is cut back).</param>
/// <param name="Padding">The module's padding.</param>
/// <param name="OutputPadding">The module's output padding, below the stride.</param>
internal readonly record struct TransposedAxis(int Before, int After, int Padding, int OutputPadding);

/// <summary>Both axes, and whether the module's output is cut to Keras's size.</summary>
internal readonly record struct TransposedPlan(TransposedAxis Rows, TransposedAxis Columns, bool Crops);
