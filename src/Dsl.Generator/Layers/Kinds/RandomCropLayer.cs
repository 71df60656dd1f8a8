using System;
using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>RandomCrop</c>: (C, H, W) to (C, height, width), Keras's <c>compute_output_shape</c> and what the summary
/// shows, in training and in evaluation. In training one random window for the whole batch, as Keras (whenever the input
/// is at least the target, as Keras 3.0–3.5; Keras 3.6 onwards draws only when it is larger in both directions). In evaluation and
/// in the ONNX export, Keras's documented inference, its <c>smart_resize</c> (the code of Keras 3.0–3.5): the largest
/// centred window with the target's aspect ratio (Slice), resized to height x width (Resize, linear, half-pixel) unless it
/// is that size already. Keras 3.6–3.7 sliced the target's size at that window's corner instead, and Keras 3.8 onwards
/// returns the input unchanged at inference (keras-team/keras#21868), which a statically shaped model cannot. A crop
/// larger than the input is DSL060 (Keras would resize the image up).
/// </summary>
internal sealed class RandomCropLayer : ImageAugmentationLayer
{
    public static readonly IntegerOption Height = new(nameof(RandomCropAttribute.Height)) { IsRequired = true };

    public static readonly IntegerOption Width = new(nameof(RandomCropAttribute.Width)) { IsRequired = true };

    public RandomCropLayer()
        : base(LayerKind.RandomCrop, typeof(RandomCropAttribute), "RandomCrop", "random_crop", Height, Width, Seed)
    {
    }

    public override LayerOutput? Infer(LayerContext context)
    {
        if (!context.RequireImage())
            return null;
        var input = context.Input;
        int height = Height.Get(context.Spec), width = Width.Get(context.Spec);
        if (height > input[1] || width > input[2])
        {
            return context.Fail(DiagnosticDescriptors.CropLargerThanInput, context.Name, Invariant.ToText(height) + "x" + Invariant.ToText(width), Invariant.SampleShape(input), context.Producer,
                "the height and width must each be at most the input's (Keras would resize a smaller image up, which this DSL refuses)");
        }
        return new LayerOutput(EquatableArray.Of(input[0], height, width));
    }

    public override LayerField Field(LayerPlan layer) =>
        Module("RandomCrop", layer.Spec, CSharp.Long(Height.Get(layer.Spec)), CSharp.Long(Width.Get(layer.Spec)));

    /// <summary>Slice to the centred window of the target's aspect ratio, then Resize to the target when the window is larger.</summary>
    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs)
    {
        string input = FloatInput(layer, onnx, inputs[0]);
        int inputHeight = layer.InputShape[1], inputWidth = layer.InputShape[2];
        int height = layer.OutputShape[1], width = layer.OutputShape[2];
        var (top, left, windowHeight, windowWidth) = CentreWindow(inputHeight, inputWidth, height, width);
        string cropped = windowHeight == inputHeight && windowWidth == inputWidth
            ? input
            : onnx.Node("Slice", new[]
            {
                input,
                onnx.Longs(new long[] { top, left }),
                onnx.Longs(new long[] { top + windowHeight, left + windowWidth }),
                onnx.Longs(new long[] { 2, 3 }),
            });
        if (windowHeight == height && windowWidth == width)
            return cropped;
        // Resize by sizes, not scales: a float scale can round the output size down. The batch and channels come from
        // the layer's input (a value name, which can be read twice; the expression of the crop cannot, it would add a
        // second Slice).
        string batchAndChannels = onnx.Node("Shape", inputs[0], OnnxCode.Int("start", 0), OnnxCode.Int("end", 2));
        string sizes = onnx.Node("Concat", new[] { batchAndChannels, onnx.Longs(new long[] { height, width }) }, OnnxCode.Int("axis", 0));
        return onnx.Node("Resize", new[] { cropped, OnnxCode.Missing, OnnxCode.Missing, sizes },
            OnnxCode.Text("mode", "linear"), OnnxCode.Text("coordinate_transformation_mode", "half_pixel"));
    }

    /// <summary>
    /// Keras's <c>smart_resize</c> window, with its truncations: the crop height is min(H, int(W · height / width)), the
    /// crop width min(W, int(H · width / height)), each at least 1, centred (offsets truncated). The runtime's
    /// <c>RandomCrop.CentreWindow</c> computes the same.
    /// </summary>
    private static (long Top, long Left, long Height, long Width) CentreWindow(long inputHeight, long inputWidth, long height, long width)
    {
        long cropHeight = Math.Max(Math.Min(inputHeight, (long)((double)(inputWidth * height) / width)), 1);
        long cropWidth = Math.Max(Math.Min(inputWidth, (long)((double)(inputHeight * width) / height)), 1);
        return ((long)((inputHeight - cropHeight) / 2.0), (long)((inputWidth - cropWidth) / 2.0), cropHeight, cropWidth);
    }
}
