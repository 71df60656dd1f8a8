using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Geometry;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>UpSampling2D</c>: height and width multiplied by whole factors (2 by default). Nearest repeats rows and
/// columns, as Keras's <c>ops.repeat</c> does (exact for any factor, unlike a resize by a float scale). Bilinear is
/// Keras's <c>ops.image.resize</c> to the new size: half-pixel centres, corners not aligned, no antialiasing; that is
/// TorchSharp's interpolate with <c>align_corners: false</c> at the same output size.
/// </summary>
internal sealed class UpSampling2DLayer : LayerDefinition
{
    public static readonly IntegersOption Size = new(nameof(UpSampling2DAttribute.Size));

    public static readonly ChoiceOption<Interpolation> Interpolation = new(nameof(UpSampling2DAttribute.Interpolation), Choices.Of<Interpolation>());

    public UpSampling2DLayer()
        : base(LayerKind.UpSampling2D, typeof(UpSampling2DAttribute), "UpSampling2D", "up_sampling2d", Size, Interpolation)
    {
    }

    public override LayerOption MainOption => Size;

    public override LayerOutput? Infer(LayerContext context)
    {
        if (!context.RequireImage())
            return null;
        var factors = Factors(context.Spec);
        long height = (long)context.Input[1] * factors.Height;
        long width = (long)context.Input[2] * factors.Width;
        if (height > int.MaxValue || width > int.MaxValue)
            return context.Fail(DiagnosticDescriptors.InvalidValue, "The up-sampled height and width", context.Name, "at most 2,147,483,647", Invariant.Grouped(height) + "x" + Invariant.Grouped(width));
        return new LayerOutput(EquatableArray.Of(context.Input[0], (int)height, (int)width));
    }

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs)
    {
        if (Interpolation.Get(layer.Spec) == Dsl.Interpolation.Bilinear)
        {
            return CSharp.Functional + ".interpolate(" + inputs[0] + ", new long[] { " + CSharp.Long(layer.OutputShape[1]) + ", " + CSharp.Long(layer.OutputShape[2])
                + " }, mode: " + CSharp.Torch + ".InterpolationMode.Bilinear, align_corners: false)";
        }
        var factors = Factors(layer.Spec);
        string expression = inputs[0];
        if (factors.Height > 1)
            expression += ".repeat_interleave(" + CSharp.Long(factors.Height) + ", dim: 2L)";
        if (factors.Width > 1)
            expression += ".repeat_interleave(" + CSharp.Long(factors.Width) + ", dim: 3L)";
        return expression == inputs[0] ? expression + ".alias()" : expression;
    }

    /// <summary>
    /// ONNX Resize by the whole factors. Nearest uses half-pixel centres rounded down at ties: input row
    /// round((o + ½)/f − ½), which is o div f (never within ½f of a tie), exactly the repeat. Bilinear uses half-pixel
    /// centres, as Keras and TorchSharp's interpolate with align_corners false do.
    /// </summary>
    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs)
    {
        var factors = Factors(layer.Spec);
        bool bilinear = Interpolation.Get(layer.Spec) == Dsl.Interpolation.Bilinear;
        if (!bilinear && factors.Height == 1 && factors.Width == 1)
            return inputs[0];
        string scales = onnx.Floats(1, 1, factors.Height, factors.Width);
        return bilinear
            ? onnx.Node("Resize", new[] { inputs[0], OnnxCode.Missing, scales },
                OnnxCode.Text("mode", "linear"), OnnxCode.Text("coordinate_transformation_mode", "half_pixel"))
            : onnx.Node("Resize", new[] { inputs[0], OnnxCode.Missing, scales },
                OnnxCode.Text("mode", "nearest"), OnnxCode.Text("coordinate_transformation_mode", "half_pixel"), OnnxCode.Text("nearest_mode", "round_prefer_floor"));
    }

    private static Window2D Factors(LayerSpec spec) => Size.Get(spec) is { } given ? Window2D.From(given) : new Window2D(2, 2);
}
