using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Layers;

namespace Dsl.Generator.Emit;

/// <summary>
/// Writes <c>forward</c> and <c>ForwardLogits</c> as straight-line code in declaration order, with the names
/// <see cref="ValueNames"/> gives: a running value for the chain and a local for each output taken again. An
/// activation overwrites its layer's output in place where the layer kind allows it
/// (<see cref="LayerDefinition.OutputIsOverwritable"/>): one tensor fewer per layer, in training and in evaluation.
/// </summary>
internal static class ForwardEmitter
{
    private const string Tensor = "global::TorchSharp.torch.Tensor";

    public static void Write(SourceWriter w, ModelAnalysis model)
    {
        var spec = model.Spec;
        var layers = model.Layers;
        var last = layers[layers.Count - 1];
        bool softmaxOutput = last.Activation == Activation.Softmax;

        w.Line("/// <summary>Runs the model on a batch shaped (N, " + string.Join(", ", spec.InputShape) + ").</summary>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The input is not a floating-point batch of <see cref=\"InputShape\"/>.</exception>");
        if (softmaxOutput)
            w.Line("public override " + Tensor + " forward(" + Tensor + " input) => " + CSharp.Functional + ".softmax(ForwardLogits(input), 1L);");
        else
            w.Line("public override " + Tensor + " forward(" + Tensor + " input) => ForwardLogits(input);");
        w.Line();

        w.Line("/// <summary>");
        w.Line(softmaxOutput
            ? "/// The forward pass without the final softmax: logits, for a numerically stable cross-entropy."
            : "/// The same as <see cref=\"forward\"/>: this model has no final softmax to leave out.");
        w.Line("/// </summary>");
        w.Open("public " + Tensor + " ForwardLogits(" + Tensor + " input)");
        w.Line("global::Dsl.Support.InputGuard.Check(input, InputShape, " + CSharp.Literal(spec.ClassName) + ");");

        var names = new ValueNames(layers, System.Array.Empty<string>());
        string x = names.Chain;
        w.Line("var " + x + " = input;");
        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            var kind = LayerRegistry.Get(layer.Spec.Kind);
            w.Line(x + " = " + kind.Forward(layer, names.InputsOf(i)) + ";");
            bool isOutputSoftmax = ReferenceEquals(layer, last) && softmaxOutput;
            if (layer.Activation != Activation.None && !isOutputSoftmax)
                w.Line(x + " = " + Activations.Apply(layer.Activation, x, kind.OutputIsOverwritable) + ";");
            if (names.LocalAfter(i) is { } local)
                w.Line("var " + local + " = " + x + ";");
        }
        w.Line("return " + x + ";");
        w.Close();
    }
}
