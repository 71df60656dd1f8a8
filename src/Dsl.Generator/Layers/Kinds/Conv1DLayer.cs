using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Geometry;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>Conv1D</c> (keras/src/layers/convolutional/conv1d.py) on a (steps, channels) sequence: k·c_in·filters
/// weights (+filters bias), valid, same or causal padding, a dilation rate. Symmetric padding goes into TorchSharp's
/// Conv1d; Keras's asymmetric "same" (the extra zero at the end) and causal padding (dilation·(k − 1) zeros at the
/// start only) are padded in forward. Keras's Glorot-uniform kernel (fans k·c_in and k·filters) and zero bias.
/// </summary>
internal sealed class Conv1DLayer : LayerDefinition
{
    private static readonly int[] One = { 1 };

    public static readonly IntegerOption Filters = new(nameof(Conv1DAttribute.Filters)) { IsRequired = true };

    public static readonly IntegersOption KernelSize = new(nameof(Conv1DAttribute.KernelSize)) { IsRequired = true, Counts = One, CountText = "1 value (the length)" };

    /// <summary>The step along the sequence; Keras's <c>strides</c> (a list of one value) is the same option.</summary>
    public static readonly IntegersOption Stride = new(nameof(Conv1DAttribute.Stride), nameof(Conv1DAttribute.Strides)) { Counts = One, CountText = "1 value" };

    public static readonly IntegersOption DilationRate = new(nameof(Conv1DAttribute.DilationRate)) { Counts = One, CountText = "1 value" };

    /// <summary>Valid, same or causal: the one kind that takes Keras's causal padding.</summary>
    public static readonly ChoiceOption<Padding> Padding = new(nameof(Conv1DAttribute.Padding), Choices.Of<Padding>());

    public Conv1DLayer()
        : base(LayerKind.Conv1D, typeof(Conv1DAttribute), "Conv1D", "conv1d",
            Filters, KernelSize, Stride, Padding, DilationRate, CommonOptions.Activation, CommonOptions.UseBias)
    {
    }

    public override IEnumerable<string> Aliases => new[] { Kind, KerasClass, "Convolution1D" };

    public override LayerOption MainOption => Filters;

    /// <summary>Keras refuses a stride above 1 together with a dilation rate above 1 (base_conv.py).</summary>
    public override bool CheckLayer(LayerSpec layer, string name, ICollection<DiagnosticInfo> diagnostics)
    {
        int stride = StrideOf(layer), dilation = DilationOf(layer);
        if (stride > 1 && dilation > 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidValue, layer.Location, DilationRate.Name, name,
                "1 when Stride is above 1 (Keras does not support strides > 1 with dilation_rate > 1; Stride is " + Invariant.ToText(stride) + ")",
                Invariant.ToText(dilation)));
            return false;
        }
        return true;
    }

    public override LayerOutput? Infer(LayerContext context)
    {
        if (!context.RequireSequence())
            return null;
        var spec = context.Spec;
        int filters = Filters.Get(spec);
        if (SlidingWindow1D.Output(context, KernelOf(spec), DilationOf(spec), StrideOf(spec), Padding.Get(spec), filters, "kernel") is not { } length)
            return null;
        long weights = (long)KernelOf(spec) * context.Input[1] * filters;
        bool bias = CommonOptions.UseBias.Get(spec);
        return LayerOutput.Trained(EquatableArray.Of(length, filters),
            weights + (bias ? filters : 0),
            (weights * length) + (bias ? (long)filters * length : 0));
    }

    public override LayerField Field(LayerPlan layer)
    {
        var spec = layer.Spec;
        var (before, after) = Pads(layer);
        return new LayerField(CSharp.Modules + ".Conv1d",
            CSharp.Nn + ".Conv1d(" + CSharp.Long(layer.InputShape[1]) + ", " + CSharp.Long(Filters.Get(spec)) + ", " + CSharp.Long(KernelOf(spec))
            + ", stride: " + CSharp.Long(StrideOf(spec)) + ", padding: " + CSharp.Long(before == after ? before : 0)
            + ", dilation: " + CSharp.Long(DilationOf(spec)) + ", bias: " + CSharp.Bool(CommonOptions.UseBias.Get(spec)) + ")");
    }

    public override bool OutputIsOverwritable => true;

    /// <summary>TorchSharp's Conv1d takes (N, C, L): the emitter transposes where a run of such layers begins and ends.</summary>
    public override SequenceOrder OrderOnSequences(LayerPlan layer) => SequenceOrder.ChannelsFirst;

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) => Identifier.Escape(layer.Name) + ".call(" + Padded(layer, inputs[0]) + ")";

    public override bool AcceptsFoldedBatchNorm => true;

    /// <summary>TorchSharp's functional conv1d, padded as <see cref="Forward"/> pads.</summary>
    public override string ForwardWithWeights(LayerPlan layer, IReadOnlyList<string> inputs, string weight, string bias)
    {
        var spec = layer.Spec;
        var (before, after) = Pads(layer);
        return CSharp.Functional + ".conv1d(" + Padded(layer, inputs[0]) + ", " + weight + ", " + bias + ", " + CSharp.Long(StrideOf(spec))
            + ", " + CSharp.Long(before == after ? before : 0) + ", " + CSharp.Long(DilationOf(spec)) + ")";
    }

    public override string OnnxWithWeights(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs, string weight, string bias) =>
        OnnxConv(layer, onnx, new[] { inputs[0], weight, bias });

    /// <summary>The (N, C, L) input, with Keras's asymmetric "same" or causal zeros added where the module cannot add them.</summary>
    private static string Padded(LayerPlan layer, string input)
    {
        var (before, after) = Pads(layer);
        return before == after ? input : CSharp.Support + ".KerasPadding.Zeros(" + input + ", 0L, 0L, " + CSharp.Long(before) + ", " + CSharp.Long(after) + ")";
    }

    /// <summary>ONNX Conv over the length of (N, C, L) (the emitter adds the transposes): valid, same (the odd extra zero at the end) and causal (all zeros in front) are its explicit pads.</summary>
    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs)
    {
        var operands = new List<string> { inputs[0], onnx.Weight(layer.Name + ".weight") };
        if (CommonOptions.UseBias.Get(layer.Spec))
            operands.Add(onnx.Weight(layer.Name + ".bias"));
        return OnnxConv(layer, onnx, operands);
    }

    /// <summary>ONNX Conv of the input, weight and (optional) bias values in <paramref name="operands"/>.</summary>
    private static string OnnxConv(LayerPlan layer, OnnxCode onnx, IEnumerable<string> operands)
    {
        var spec = layer.Spec;
        var (before, after) = Pads(layer);
        return onnx.Node("Conv", operands,
            OnnxCode.Ints("kernel_shape", KernelOf(spec)),
            OnnxCode.Ints("strides", StrideOf(spec)),
            OnnxCode.Ints("dilations", DilationOf(spec)),
            OnnxCode.Ints("pads", new[] { before, after }));
    }

    /// <summary>TorchSharp's Conv1d starts from Kaiming-uniform; Keras's kernel is Glorot-uniform over (k, c_in, filters).</summary>
    public override IEnumerable<string> Initialise(LayerPlan layer)
    {
        long kernel = KernelOf(layer.Spec);
        string field = Identifier.Escape(layer.Name);
        yield return Initialisers.Glorot(field + ".weight!", kernel * layer.InputShape[1], kernel * Filters.Get(layer.Spec));
        yield return Initialisers.Zeros(field + ".bias");
    }

    public override IEnumerable<string> Describe(LayerPlan layer)
    {
        var spec = layer.Spec;
        yield return "Size = " + CSharp.Int(Filters.Get(spec));
        yield return "UseBias = " + CSharp.Bool(CommonOptions.UseBias.Get(spec));
        yield return "Window = " + CSharp.Shape(new[] { KernelOf(spec) });
        yield return "Stride = " + CSharp.Shape(new[] { StrideOf(spec) });
        yield return "Padding = global::Dsl.Padding." + Padding.Get(spec);
    }

    private static int KernelOf(LayerSpec spec) => KernelSize.Get(spec)!.Value[0];

    private static int StrideOf(LayerSpec spec) => Stride.Get(spec) is { } given ? given[0] : 1;

    private static int DilationOf(LayerSpec spec) => DilationRate.Get(spec) is { } given ? given[0] : 1;

    private static (long Before, long After) Pads(LayerPlan layer) =>
        SlidingWindow1D.Pads(Padding.Get(layer.Spec), layer.InputShape[0], KernelOf(layer.Spec), DilationOf(layer.Spec), StrideOf(layer.Spec));
}
