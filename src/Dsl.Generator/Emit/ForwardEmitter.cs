using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Layers;

namespace Dsl.Generator.Emit;

/// <summary>
/// Writes <c>forward</c> and <c>ForwardLogits</c> as straight-line code in declaration order: one running value
/// (<c>x</c>) for the chain, and a named local for each output that a layer other than the next one takes again
/// (a shortcut, a branch point). A sequential model needs no locals at all. An activation overwrites its layer's output
/// in place where the layer kind allows it (<see cref="LayerDefinition.OutputIsOverwritable"/>): one tensor fewer per
/// layer, in training and in evaluation.
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

        var index = new Dictionary<string, int>();
        for (int i = 0; i < layers.Count; i++)
            index[layers[i].Name] = i;
        var taken = new HashSet<string>(layers.Select(l => l.Name).Concat(ReservedNames.GeneratedMembers).Concat(new[] { LayerNames.ModelInput }));
        string x = Unique("x", taken);
        var locals = Locals(layers, index, taken);

        w.Line("var " + x + " = input;");
        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            var inputs = layer.Inputs.Select(producer => Value(producer, i, layers, index, x, locals)).ToList();
            w.Line(x + " = " + LayerRegistry.Get(layer.Spec.Kind).Forward(layer, inputs) + ";");
            bool isOutputSoftmax = ReferenceEquals(layer, last) && softmaxOutput;
            if (layer.Activation != Activation.None && !isOutputSoftmax)
                w.Line(x + " = " + Activations.Apply(layer.Activation, x, LayerRegistry.Get(layer.Spec.Kind).OutputIsOverwritable) + ";");
            if (locals[i] is { } local)
                w.Line("var " + local + " = " + x + ";");
        }
        w.Line("return " + x + ";");
        w.Close();
    }

    /// <summary>A local for each output that a layer other than the next one takes; null where the chain suffices.</summary>
    internal static string?[] Locals(IReadOnlyList<LayerPlan> layers, Dictionary<string, int> index, HashSet<string> taken)
    {
        var locals = new string?[layers.Count];
        for (int k = 0; k < layers.Count; k++)
        {
            foreach (var producer in layers[k].Inputs)
            {
                if (index.TryGetValue(producer, out int j) && j != k - 1 && locals[j] is null)
                    locals[j] = Unique(producer + "_out", taken);
            }
        }
        return locals;
    }

    internal static string Value(string producer, int consumer, IReadOnlyList<LayerPlan> layers, Dictionary<string, int> index, string x, string?[] locals)
    {
        if (producer == LayerNames.ModelInput)
            return consumer == 0 ? x : "input";
        int j = index[producer];
        return j == consumer - 1 ? x : locals[j]!;
    }

    internal static string Unique(string name, HashSet<string> taken)
    {
        string candidate = name;
        for (int n = 2; taken.Contains(candidate); n++)
            candidate = name + "_" + Invariant.ToText(n);
        taken.Add(candidate);
        return candidate;
    }
}
