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
/// What Keras's 1-D max and average pooling share (keras/src/layers/pooling/base_pooling.py) on a (steps, channels)
/// sequence, computed by TorchSharp's pools in (N, C, L) order: a window (default 2), a stride that defaults to the window, valid or same padding, channels kept. No parameters.
/// </summary>
internal abstract class Pool1DLayer : LayerDefinition
{
    private static readonly int[] One = { 1 };

    public static readonly IntegersOption PoolSize = new(nameof(MaxPool1DAttribute.PoolSize)) { Counts = One, CountText = "1 value (the length)" };

    /// <summary>Keras's default window for 1-D pooling.</summary>
    public const int DefaultPoolSize = 2;

    /// <summary>The step along the sequence, by default the window; Keras's <c>strides</c> (a list of one value) is the same option.</summary>
    public static readonly IntegersOption Stride = new(nameof(MaxPool1DAttribute.Stride), nameof(MaxPool1DAttribute.Strides)) { Counts = One, CountText = "1 value", ZeroMeansDefault = true };

    protected Pool1DLayer(LayerKind kind, Type attribute, string kerasClass, string kerasName)
        : base(kind, attribute, kerasClass, kerasName, PoolSize, Stride, CommonOptions.Padding)
    {
    }

    public override LayerOption MainOption => PoolSize;

    public override LayerOutput? Infer(LayerContext context)
    {
        if (!context.RequireSequence())
            return null;
        var spec = context.Spec;
        int channels = context.Input[1];
        if (SlidingWindow1D.Output(context, Window(spec), 1, StrideOf(spec), CommonOptions.Padding.Get(spec), channels, "pool window") is not { } length)
            return null;
        return new LayerOutput(EquatableArray.Of(length, channels));
    }

    public override SequenceOrder OrderOnSequences(LayerPlan layer) => SequenceOrder.ChannelsFirst;

    public override IEnumerable<string> Describe(LayerPlan layer)
    {
        yield return "Window = " + CSharp.Shape(new[] { Window(layer.Spec) });
        yield return "Stride = " + CSharp.Shape(new[] { StrideOf(layer.Spec) });
        yield return "Padding = global::Dsl.Padding." + CommonOptions.Padding.Get(layer.Spec);
    }

    protected static int Window(LayerSpec spec) => PoolSize.Get(spec) is { } given ? given[0] : DefaultPoolSize;

    protected static int StrideOf(LayerSpec spec) => Stride.Get(spec) is { } given ? given[0] : Window(spec);

    /// <summary>Keras's "same" padding (the odd extra cell goes at the end).</summary>
    protected static (long Before, long After) Pads(LayerPlan layer) =>
        SlidingWindow1D.Pads(CommonOptions.Padding.Get(layer.Spec), layer.InputShape[0], Window(layer.Spec), 1, StrideOf(layer.Spec));

    /// <summary>The module's own padding: the symmetric case, else none (the rest is padded in forward).</summary>
    protected static string ModulePadding(LayerPlan layer)
    {
        var (before, after) = Pads(layer);
        return CSharp.Long(before == after ? before : 0);
    }

    /// <summary>
    /// ONNX's pooling operator <paramref name="op"/> (MaxPool, AveragePool) over the length with Keras's padding as
    /// explicit pads (see <see cref="Pool2DLayer"/>).
    /// </summary>
    protected static string OnnxPool(LayerPlan layer, OnnxCode onnx, string input, string op, params string[] attributes)
    {
        var (before, after) = Pads(layer);
        return onnx.Node(op, input, new[]
        {
            OnnxCode.Ints("kernel_shape", Window(layer.Spec)),
            OnnxCode.Ints("strides", StrideOf(layer.Spec)),
            OnnxCode.Ints("pads", new[] { before, after }),
        }.Concat(attributes).ToArray());
    }

    /// <summary>
    /// The module applied to the input, or, where Keras's padding is asymmetric, the <c>KerasPadding</c> helper
    /// (<paramref name="helper"/>: MaxPool or AvgPool) that pads the sequence's end and then applies the module.
    /// </summary>
    protected static string Call(LayerPlan layer, IReadOnlyList<string> inputs, string helper)
    {
        var (before, after) = Pads(layer);
        string field = Identifier.Escape(layer.Name);
        return before == after
            ? field + ".call(" + inputs[0] + ")"
            : CSharp.Support + ".KerasPadding." + helper + "(" + inputs[0] + ", " + field + ", 0L, 0L, " + CSharp.Long(before) + ", " + CSharp.Long(after) + ")";
    }
}
