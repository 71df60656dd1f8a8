using System;
using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// What Keras's image augmentation layers share: an image input (C, H, W), integers accepted and cast to float32 (Keras
/// casts to its compute type and outputs floats), no parameters and no mult-adds, a runtime module of
/// <c>Dsl.Modules</c> that transforms at random in training only, an optional <c>seed</c> for the layer's own
/// generator, and an inference graph (ONNX) that is the identity, as the module is in evaluation mode.
/// </summary>
internal abstract class ImageAugmentationLayer : LayerDefinition
{
    /// <summary>Keras's <c>seed</c>: the layer's own generator; without it, TorchSharp's global one (reseeded every epoch by the trainer).</summary>
    public static readonly IntegerOption Seed = new(nameof(RandomFlipAttribute.Seed)) { Minimum = 0 };

    protected ImageAugmentationLayer(LayerKind kind, Type attribute, string kerasClass, string kerasName, params LayerOption[] options)
        : base(kind, attribute, kerasClass, kerasName, options)
    {
    }

    public override bool AcceptsIntegers => true;

    /// <summary>The input's shape: the transforms move, mirror or scale values within the image.</summary>
    public override LayerOutput? Infer(LayerContext context) => context.RequireImage() ? new LayerOutput(context.Input) : null;

    public abstract override LayerField Field(LayerPlan layer);

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) => Identifier.Escape(layer.Name) + ".call(" + inputs[0] + ")";

    /// <summary>The inference graph leaves the augmentation out: the input's value (cast to float32 if it holds integers).</summary>
    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) => FloatInput(layer, onnx, inputs[0]);

    /// <summary>The ONNX value of the input as float32: itself, or a Cast of integers (to = FLOAT).</summary>
    protected static string FloatInput(LayerPlan layer, OnnxCode onnx, string input) =>
        layer.InputTypes[0].IsFloating ? input : onnx.Node("Cast", input, OnnxCode.Int("to", 1));

    /// <summary>The module <c>global::Dsl.Modules.{type}</c>, constructed with <paramref name="arguments"/> and the seed (or null).</summary>
    protected static LayerField Module(string type, LayerSpec spec, params string[] arguments)
    {
        string name = "global::Dsl.Modules." + type;
        string seed = Seed.Find(spec) is { } value ? CSharp.Long(value) : "null";
        return new LayerField(name, "new " + name + "(" + string.Join(", ", arguments) + (arguments.Length == 0 ? string.Empty : ", ") + seed + ")");
    }
}
