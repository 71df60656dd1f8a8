using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Layers;

namespace Dsl.Generator.Emit;

/// <summary>
/// Writes <c>ExportOnnx</c>: the model's inference graph as ONNX, built at run time from the compile-time graph
/// with the module's current weights. The same straight-line walk as <see cref="ForwardEmitter"/>, with the names
/// <see cref="ValueNames"/> gives, each holding the name of an ONNX value; each layer adds
/// what its kind's <see cref="LayerDefinition.Onnx"/> form says, then its activation's form (the final softmax
/// included: the graph computes <c>forward</c>).
/// </summary>
internal static class OnnxEmitter
{
    private const string Builder = "global::Dsl.Onnx.OnnxGraphBuilder";

    public static void Write(SourceWriter w, ModelAnalysis model)
    {
        var spec = model.Spec;
        var layers = model.Layers;
        var last = layers[layers.Count - 1];

        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Writes the model to <paramref name=\"path\"/> as an ONNX inference graph (opset " + OnnxOpset + ") with its current weights:");
        w.Line("/// input <c>input</c> shaped (batch, " + string.Join(", ", spec.InputShape) + "), output <c>output</c> shaped (batch, " + string.Join(", ", model.OutputShape) + ").");
        w.Line("/// Dropout is left out and batch normalization uses its moving statistics, as <c>forward</c> in evaluation mode.");
        w.Line("/// The file is written beside its final name and renamed over it, so a failure never leaves a torn file.");
        w.Line("/// </summary>");
        w.Line("public void ExportOnnx(string path) => " + Builder + ".Save(path, ExportOnnx);");
        w.Line();
        w.Line("/// <summary>Writes the model to <paramref name=\"stream\"/> as an ONNX inference graph (see <see cref=\"ExportOnnx(string)\"/>); the stream stays open.</summary>");
        w.Open("public void ExportOnnx(global::System.IO.Stream stream)");

        // Every value is a local of this method; layer names are fields, so the locals steer clear of them.
        var names = new ValueNames(layers, new[] { "stream" }, "onnx");
        string onnx = names.Reserved[0];
        string x = names.Chain;
        var code = new OnnxCode(onnx);

        w.Line("global::System.ArgumentNullException.ThrowIfNull(stream);");
        w.Line("var " + onnx + " = new " + Builder + "(this, " + CSharp.Literal(spec.ClassName) + ", InputShape);");
        w.Line(onnx + ".Describe(Summary);");
        w.Line(onnx + ".Metadata(\"dsl.model\", " + CSharp.Literal(spec.FullName) + ");");
        w.Line(onnx + ".Metadata(\"dsl.output_activation\", " + CSharp.Literal(Activations.KerasName(last.Activation)) + ");");
        w.Line("string " + x + " = " + onnx + ".Input;");
        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            var inputs = names.InputsOf(i).Select(v => v == LayerNames.ModelInput ? onnx + ".Input" : v).ToList();
            string value = LayerRegistry.Get(layer.Spec.Kind).Onnx(layer, code, inputs);
            if (value == x && layer.Activation == Activation.None)
            {
                // The identity in inference (dropout): its value is its input's.
                w.Line("// " + layer.Name + " (" + layer.TypeName + "): nothing to compute in inference.");
            }
            else
            {
                w.Line(onnx + ".Layer(" + CSharp.Literal(layer.Name) + ");");
                if (value != x)
                    w.Line(x + " = " + value + ";");
            }
            if (layer.Activation != Activation.None)
                w.Line(x + " = " + Activations.Onnx(layer.Activation, code, x) + ";");
            if (names.LocalAfter(i) is { } local)
                w.Line("var " + local + " = " + x + ";");
        }
        w.Line(onnx + ".Output(" + x + ", OutputShape);");
        w.Line(onnx + ".WriteTo(stream);");
        w.Close();
    }

    /// <summary>The operator set the runtime's builder imports (<c>OnnxGraphBuilder.OpsetVersion</c>), for the doc comment.</summary>
    private const int OnnxOpset = 17;
}
