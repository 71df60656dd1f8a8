using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Geometry;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// What Keras's merge layers share (keras/src/layers/merging/base_merge.py): a list of at least two inputs, no
/// parameters, and for all but Concatenate Keras 3's broadcasting (<c>_compute_elemwise_op_output_shape</c>): the
/// per-sample shapes aligned from the right, each pair of sizes equal or one of them 1, which stretches. Keras aligns in
/// its own order, an image being (height, width, channels), so shapes are compared in that order: a (C, 1, 1) gate
/// times a (C, H, W) image (squeeze-and-excitation), and a flat (C) input beside an image scales its channels, as
/// Keras's (C) beside (H, W, C) does. An input of lower rank is given Keras's leading 1s (Keras's <c>expand_dims</c> at
/// axis 1) and put into this DSL's order before the element-wise operation, which then broadcasts numpy-style, as
/// TorchSharp's and ONNX's operators do.
/// </summary>
internal abstract class MergeLayer : LayerDefinition
{
    protected MergeLayer(LayerKind kind, Type attribute, string kerasClass, string kerasName)
        : base(kind, attribute, kerasClass, kerasName)
    {
    }

    /// <summary>Keras's merges support masking: the output's mask is the inputs' masks and-ed (those that have one).</summary>
    public override bool SupportsMasking => true;

    public override bool IsMerge => true;

    public override LayerOption MainOption => CommonOptions.Inputs;

    /// <summary>The number of inputs the kind takes exactly, or null for "two or more".</summary>
    protected virtual int? ExactInputCount => null;

    public override EquatableArray<string> ReferencedInputs(LayerSpec layer) => CommonOptions.Inputs.Get(layer);

    public override bool CheckLayer(LayerSpec layer, string name, ICollection<DiagnosticInfo> diagnostics)
    {
        int count = CommonOptions.Inputs.Get(layer).Count;
        bool valid = ExactInputCount is { } exact ? count == exact : count >= 2;
        if (!valid)
        {
            string wanted = ExactInputCount is { } n ? "exactly " + Invariant.ToText(n) + " inputs" : "at least two inputs";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MergeInputCount, layer.Location, name, KerasClass, wanted, Invariant.ValueCount(count)));
        }
        return valid;
    }

    public override LayerOutput? Infer(LayerContext context)
    {
        if (KerasBroadcast.Shape(context.Inputs.Select(i => i.Shape)) is { } output)
            return new LayerOutput(output);
        return context.Fail(DiagnosticDescriptors.MergeShapesDiffer, context.Name, KerasClass,
            "inputs whose shapes broadcast as Keras's do (aligned from the right in Keras's order, an image as (height, width, channels); each pair of sizes equal or one of them 1)",
            Describe(context.Inputs));
    }

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) =>
        Combine(layer, inputs.Select((input, i) => KerasBroadcast.Align(input, layer.InputShapes[i], layer.OutputShape.Count)).ToArray());

    /// <summary>The expression that joins the inputs.</summary>
    protected abstract string Combine(LayerPlan layer, IReadOnlyList<string> inputs);

    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) =>
        CombineOnnx(layer, onnx, inputs.Select((input, i) => KerasBroadcast.AlignOnnx(onnx, input, layer.InputShapes[i], layer.OutputShape.Count)).ToArray());

    /// <summary>The ONNX form of <see cref="Combine"/>: the nodes that join the inputs' ONNX values.</summary>
    protected abstract string CombineOnnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs);

    /// <summary>A binary ONNX operator applied pairwise from the left, as <see cref="Chain"/> applies a tensor method.</summary>
    protected static string ChainOnnx(OnnxCode onnx, IReadOnlyList<string> inputs, string op) =>
        inputs.Skip(1).Aggregate(inputs[0], (left, right) => onnx.Node(op, new[] { left, right }));

    /// <summary><c>a.add(b).add(c)</c>: a tensor method applied pairwise from the left.</summary>
    protected static string Chain(IReadOnlyList<string> inputs, string method) =>
        inputs.Skip(1).Aggregate(inputs[0], (left, right) => left + "." + method + "(" + right + ")");

    /// <summary>Every input with its shape, for messages: <c>'stem' (16, 28, 28), 'conv2d_2' (32, 28, 28)</c>.</summary>
    protected static string Describe(IEnumerable<LayerInput> inputs) =>
        string.Join(", ", inputs.Select(i => i.Description + " " + Invariant.SampleShape(i.Shape)));
}
